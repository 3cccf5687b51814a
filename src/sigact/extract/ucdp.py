"""UCDP type of violence (1 state-based, 2 non-state, 3 one-sided) from an event's actors and text.

UCDP's definitions decide (see ``data/ucdp.yaml``): a government side against an organised
armed group is state-based (1); two organised non-state groups (rebels, militias, communal,
ethnic or religious groups, cartels) are non-state (2); a government or a formally organised
group killing civilians is one-sided (3). Informally organised sides (tribesmen, armed herders,
ethnic or clan militias) never commit one-sided violence in UCDP's sense: their killings are
non-state violence against the other community. Countries where UCDP records no state-based
conflict (``no_state_conflict``: Mexico, Brazil, Central America...) get non-state or one-sided.

:func:`ucdp_type` reads, in order: a parsed "state force vs armed group" dyad; the sides a
"clashes between A and B" phrase names; the actor mentions and cue words of the text (state
forces, named and unnamed armed groups, peoples, civilians, "rival"/"communal"/"massacre");
the other parsed dyads and the ACLED event type; and only when all of these say nothing, the
GED headline classifier. A violent event (or any event with deaths) always gets a type.

Public API::

    ucdp_type(actor1, actor2, acled_event_type, *, text=None, sub_event_type=None,
              fatalities=None, context_country=None, resolver=None, classifier=None, date=None) -> int | None
    ucdp_order(actor1, actor2) -> (side_a, side_b)
    text_sides(text, *, context_country=None, resolver=None, date=None) -> Sides
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from sigact.model import ARMED_ACTOR_TYPES, STATE_ACTOR_TYPES, Actor
from sigact.resources import packaged_yaml_once

__all__ = ["ucdp_type", "ucdp_order", "text_sides", "Sides", "side_of"]

STATE_TYPES = STATE_ACTOR_TYPES
ARMED_NONSTATE_TYPES = ARMED_ACTOR_TYPES - STATE_ACTOR_TYPES  # rebel, militia, terrorist, unidentified armed group
VIOLENT_TYPES = frozenset({"battles", "explosions/remote violence", "violence against civilians"})
_CAP_WORD = re.compile(r"\b[A-Z][a-z]+\b")
# a headline's closing attribution ("... kill 30: police", "... in Bangui - army"): a source, not a side
_HEADLINE_SOURCE_BEFORE = re.compile(r"(?::|\s-|\s\u2014|\s\u2013)\s*(?:the\s+|local\s+|un\s+)?$", re.IGNORECASE)
_HEADLINE_SOURCE_AFTER = re.compile(r"\s*(?:\n|\|\||$)")
_SUSPECTED_AFTER = re.compile(r"\s*(?:\w+\s+)?suspect", re.IGNORECASE)
_COMMUNAL_KINDS = frozenset({"militia", "tribal_militia", "named_militia", "cult_militia", "vigilantes", "herders"})
# informally organised sides (UCDP: groups organised along ethnic, clan, religious or communal
# lines): their killings are non-state conflict with the other community, never one-sided violence
_INFORMAL_KINDS = frozenset({"tribal_militia", "herders"})
_INFORMAL_NAME = re.compile(r"\b(?:Ethnic|Communal|Tribal|Clan|Sub-Clan) Militia\b|\b(?:Herders|Farmers)\b")


@dataclass(frozen=True)
class _Cues:
    non_state: tuple[re.Pattern[str], ...]
    communal: tuple[re.Pattern[str], ...]
    between: tuple[re.Pattern[str], ...]
    clash_with: tuple[re.Pattern[str], ...]
    one_sided: tuple[re.Pattern[str], ...]
    aimed: tuple[re.Pattern[str], ...]
    civilian_words: re.Pattern[str]
    gunmen_words: re.Pattern[str]
    deadly_words: re.Pattern[str]
    fighting_words: re.Pattern[str] | None
    clash_words: re.Pattern[str] | None
    armed_dead: re.Pattern[str] | None
    communities: frozenset[str]
    state_heads: frozenset[str]
    state_allies: tuple[tuple[str, str | None], ...] = ()
    no_state_conflict: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    one_sided_margin: float = 0.0


def _build(data: Any) -> _Cues:
    def rx(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in data.get(key) or ())

    return _Cues(non_state=rx("non_state"), communal=rx("communal_violence"), between=rx("between"), one_sided=rx("one_sided"), aimed=rx("aimed_at_civilians"),
                 clash_with=tuple(re.compile(p) for p in data.get("clash_with") or ()),
                 civilian_words=re.compile(data["civilian_words"]),
                 gunmen_words=re.compile(data["gunmen_words"]),
                 deadly_words=re.compile(data["deadly_words"]),
                 fighting_words=re.compile(data["fighting_words"]) if data.get("fighting_words") else None,
                 clash_words=re.compile(data["clash_words"]) if data.get("clash_words") else None,
                 armed_dead=re.compile(data["armed_dead"]) if data.get("armed_dead") else None,
                 communities=frozenset(str(w).casefold() for w in data.get("communities") or ()),
                 state_heads=frozenset(str(h).casefold() for h in data.get("state_government_heads") or ()),
                 state_allies=tuple(_ally(a) for a in data.get("state_allies") or ()),
                 one_sided_margin=float(data.get("one_sided_margin") or 0.0),
                 no_state_conflict=MappingProxyType({str(k).upper(): int(v)
                                                     for k, v in (data.get("no_state_conflict") or {}).items()}))


def _ally(entry: Any) -> tuple[str, str | None]:
    """``(casefolded name, last month "YYYY-MM" or None)`` of a ``state_allies`` entry (a name, or
    ``{name: ..., until: YYYY-MM}`` for a force that fought for the government only until then)."""
    if isinstance(entry, dict):
        until = entry.get("until")
        return str(entry["name"]).casefold(), (str(until)[:7] if until else None)
    return str(entry).casefold(), None


def _cues() -> _Cues:
    """Returns the compiled cue lexicon (``data/ucdp.yaml``), loaded once per process."""
    return packaged_yaml_once("sigact.extract", "data/ucdp.yaml", _build, "UCDP cue lexicon")


def _state_ally(name: str | None, date: Any = None) -> bool:
    """True when ``name`` is on the government's side (``state_allies``) at ``date`` (ISO string;
    unknown: any time)."""
    if not name:
        return False
    key = name.casefold()
    month = str(date)[:7] if date else None
    return any(n == key and (until is None or month is None or month < until) for n, until in _cues().state_allies)


def side_of(actor: Actor | None, mention: str | None = None, date: Any = None) -> str | None:
    """The UCDP side an actor stands for: "state", "armed" (organised non-state group),
    "civilians", "crowd" (protesters/rioters) or ``None`` (unknown, or a reporting body).

    A government actor read from a mention counts as a fighting state side only when the
    mention is a force ("the regime", "government forces"), not "officials" or "the president".
    UN and regional peace missions count as a state side: UCDP codes attacks on them within
    the state-based conflict; so do the groups ``data/ucdp.yaml`` lists as ``state_allies``
    (private military companies fighting for a government; an ``until`` month ends that: the RSF
    fought for Sudan's government until April 2023). ``date`` is the event's (ISO string).
    """
    if actor is None or not actor.type:
        return None
    if _state_ally(actor.name, date):
        return "state"
    if actor.type in STATE_TYPES:
        words = (mention or "").casefold()
        if actor.type == "government" and mention is not None and not any(h in words for h in _cues().state_heads):
            return None
        return "state"
    if actor.type in ARMED_NONSTATE_TYPES:
        return "armed"
    if actor.type == "civilians":
        return "civilians"
    if actor.type in ("protesters", "rioters"):
        return "crowd"
    return None


@dataclass
class Sides:
    """What a text says about the sides: counts of state, armed and civilian mentions, the
    distinct named non-state groups, and the cue words found. ``informal`` counts mentions of
    informally organised sides (tribesmen, armed herders, vigilantes, ethnic or communal
    militias); ``communal_cue`` is a cue of communal, ethnic, clan or sectarian violence."""

    state: int = 0
    armed: int = 0
    unnamed_armed: int = 0
    gunmen: int = 0
    communal: int = 0
    civilians: int = 0
    informal: int = 0
    armed_dead: int = 0
    groups: set[str] = field(default_factory=set)
    peoples: set[str] = field(default_factory=set)
    non_state_cue: bool = False
    communal_cue: bool = False
    fighting: bool = False
    one_sided_cue: bool = False
    aimed_cue: bool = False
    between: tuple[str | None, str | None] | None = None


def _informal(kind: str | None, actor: Actor | None) -> bool:
    """True for an informally organised side: tribesmen, armed herders, vigilantes, or an actor
    named as an ethnic, clan or (identified) communal militia."""
    if kind in _INFORMAL_KINDS:
        return True
    name = (actor.acled_name or actor.name or "") if actor is not None else ""
    return not name.startswith("Unidentified") and bool(_INFORMAL_NAME.search(name))


def _resolver(resolver: Any) -> Any:
    if resolver is not None:
        return resolver
    from sigact.extract.actors import ActorResolver

    return ActorResolver.default()


_SIDES_CACHE: dict[tuple[int, str | None, str, str | None], tuple[Any, Sides]] = {}
_SIDES_LOCK = threading.Lock()


def text_sides(text: str, *, context_country: str | None = None, resolver: Any = None, date: Any = None) -> Sides:
    """Returns the :class:`Sides` of ``text`` (actor mentions found by the actor resolver, cue
    words from ``data/ucdp.yaml``, and the two sides of a "clashes between A and B" phrase).
    ``date`` (ISO string) is the event's: a group that has since taken power (the Taliban from
    2021-08) is then a state side.

    Recent results are cached (the events of one article share their lead); treat the returned
    object as read-only."""
    r = _resolver(resolver)
    day = str(date)[:10] if date else None
    key = (id(r), context_country, text, day)
    with _SIDES_LOCK:
        hit = _SIDES_CACHE.get(key)
    if hit is not None and hit[0] is r:
        return hit[1]
    s = _text_sides(text, context_country, r, day)
    with _SIDES_LOCK:
        if len(_SIDES_CACHE) >= 256:
            _SIDES_CACHE.clear()
        _SIDES_CACHE[key] = (r, s)
    return s


def _text_sides(text: str, context_country: str | None, r: Any, date: str | None = None) -> Sides:
    c = _cues()
    s = Sides()
    from sigact.extract.actors import SOURCE_AFTER

    for m in r.find(text, context_country=context_country, date=date):
        if SOURCE_AFTER.match(text, m.end) and not (m.actor.type == "civilians" and _SUSPECTED_AFTER.match(text, m.end)):
            continue  # "police said", "officials say": a source, not a side ("villagers suspected of" are victims)
        if _HEADLINE_SOURCE_BEFORE.search(text, max(0, m.start - 12), m.start) \
                and _HEADLINE_SOURCE_AFTER.match(text, m.end):
            continue  # a headline's closing attribution ("... kill 30: police")
        side = side_of(m.actor, m.text, date)
        if side == "state":
            s.state += 1
        elif side == "armed":
            s.armed += 1
            if _informal(m.kind, m.actor):
                s.informal += 1
            if c.armed_dead is not None and c.armed_dead.match(text, m.end):
                s.armed_dead += 1  # "Taliban fighters killed in raids": the group's dead
            if m.kind == "group":
                s.groups.add(m.actor.acled_name or m.actor.name or m.text)
            elif m.kind in _COMMUNAL_KINDS:
                s.communal += 1
            elif c.gunmen_words.search(m.text):
                s.gunmen += 1
            else:
                s.unnamed_armed += 1
        elif side == "civilians" and m.kind != "herders" and c.civilian_words.search(m.text):
            s.civilians += 1
    ethnic = getattr(r, "_ethnic", {})
    for w in _CAP_WORD.findall(text):
        key = w.casefold()
        if key in ethnic or key in c.communities:
            s.peoples.add(key.rstrip("s") if key in c.communities else key)
    s.communal_cue = any(p.search(text) for p in c.communal)
    s.fighting = bool(c.clash_words is not None and c.clash_words.search(text))
    s.non_state_cue = s.communal_cue or any(p.search(text) for p in c.non_state)
    s.one_sided_cue = any(p.search(text) for p in c.one_sided)
    s.aimed_cue = s.one_sided_cue and any(p.search(text) for p in c.aimed)
    for p in c.between + c.clash_with:
        m = p.search(text)
        if m:
            a = side_of(r.resolve(m.group(1), context_country, date=date), m.group(1), date)
            b = side_of(r.resolve(m.group(2), context_country, date=date), m.group(2), date)
            s.between = (a, b)
            break
    return s


def _victim_side(actor: Actor | None, date: Any = None) -> str | None:
    """:func:`side_of`, except that a mention of mere "people" or "persons" (a toll, not
    necessarily civilians) is no side."""
    side = side_of(actor, None, date)
    if side == "civilians" and actor is not None and actor.text and not _cues().civilian_words.search(actor.text):
        return None
    return side


def _pair(s1: str | None, s2: str | None, a1: Actor | None, a2: Actor | None) -> int | None:
    """Type from two typed sides; ``None`` when they do not decide."""
    sides = {s1, s2}
    if "civilians" in sides and sides & {"state", "armed"}:
        return 3
    if "state" in sides and "armed" in sides:
        return 1
    if sides == {"state"}:
        return 1  # two governments (or a state force and a foreign army)
    if sides == {"armed"} and a1 is not None and a2 is not None:
        n1, n2 = (a.acled_name or a.name for a in (a1, a2))
        if n1 and n2 and n1 != n2:
            return 2
    return None


def _bare_country(a: Actor | None) -> bool:
    """True for a parsed state actor whose mention is only a country's name ("C. Africa", "Mali"):
    in a headline that is mostly the place of the violence, not a fighting side."""
    if a is None or a.type not in STATE_TYPES or not a.text:
        return False
    from sigact.geo.countries import to_iso3

    return to_iso3(a.text) is not None


def _named(a: Actor | None) -> bool:
    """True when an actor was read from a mention (not the generic stand-in for nobody named)."""
    return a is not None and a.text is not None


def ucdp_type(actor1: Actor | None, actor2: Actor | None, acled_event_type: str | None, *,
              text: str | None = None, sub_event_type: str | None = None, fatalities: int | None = None,
              context_country: str | None = None, resolver: Any = None, classifier: Any = None,
              date: Any = None) -> int | None:
    """UCDP type of violence of an event: 1 state-based, 2 non-state, 3 one-sided, or ``None``.

    ``None`` for an event that is no organised violence: a protest, riot or strategic
    development without deaths (unless its ``text`` reports killings and names the sides), or
    one where a crowd (protesters, rioters) is a side and nobody died. Every other event with
    an ACLED violent type, or with ``fatalities`` > 0, gets a type:

    1. a parsed dyad "state force vs armed group" -> 1 (without ``text``, any typed pair decides:
       two different armed groups -> 2, either side against civilians -> 3);
    2. ``text``: a "clashes between A and B" / "A clashed with B" phrase with typed sides; state
       forces and armed groups both mentioned -> 1; a non-state cue ("rival", "communal
       clashes", "sectarian killings"), two different named groups or two peoples/communities
       without a state force -> 2; a state force alone -> 1 (3 when it targets civilians in
       violence against civilians); civilians named as victims or a massacre cue -> 3; unnamed
       "gunmen" alone -> 3; a named group alone -> 3 in violence against civilians, else 1;
    3. the parsed pair "vs civilians" (-> 3) or "two armed groups" (-> 2), then violence against
       civilians with a parsed civilian victim -> 3;
    4. ``classifier`` (``.proba(text) -> {"1": p, "2": p, "3": p}``) when nothing above decided
       (an attack on people leans one-sided when the classifier hesitates, ``one_sided_margin``),
       else 1 (UCDP's commonest type);
    5. in a ``context_country`` without state-based conflict at ``date`` (``no_state_conflict``),
       1 and 3 become 2 unless civilians are the named target (then 3).

    Informally organised perpetrators and communal cues give 2 in step 2, massacres included; a
    parsed "state" side that is only a country's name ("C. Africa clashes") is the place and
    decides only after the text.

    ``date`` (the event's, ISO string) dates the text's actor mentions: a group in power by
    then (the Taliban from 2021-08) is a state side.

    Without ``text``: violence against civilians (and excessive force against protesters) -> 3,
    battles and explosions/remote violence -> 1 (3 when the only known side is civilians).
    """
    got = _ucdp_type(actor1, actor2, acled_event_type, text=text, sub_event_type=sub_event_type,
                     fatalities=fatalities, context_country=context_country, resolver=resolver,
                     classifier=classifier, date=date)
    if got in (1, 3) and _no_state_conflict(context_country, date):
        # no state-based conflict there (data/ucdp.yaml no_state_conflict): the killings are
        # between gangs, cartels or communities unless the text says civilians were the target
        # or the parse names a person as the victim of an attack on people (a bare "gunmen
        # killed six" is more often one more death of a gang war there)
        attack = (acled_event_type or "").strip().casefold() == "violence against civilians"
        victim = attack and "civilians" in (side_of(actor1, None, date), side_of(actor2, None, date))
        return 3 if victim or _aimed_at_people(text) else 2
    return got


def _no_state_conflict(country: str | None, date: Any) -> bool:
    """True when UCDP records no state-based conflict in ``country`` (ISO3) in the year of ``date``
    (an ISO date string; unknown dates count as recent)."""
    if not country:
        return False
    since = _cues().no_state_conflict.get(str(country).upper())
    if since is None:
        return False
    year = str(date)[:4] if date else ""
    return not year.isdigit() or int(year) >= since


def _aimed_at_people(text: str | None) -> bool:
    """True when ``text`` says civilians were the target: a one-sided cue ("massacre", "gunmen
    killed villagers") or civilians named ("civilians", "passengers", "a journalist")."""
    if not text:
        return False
    c = _cues()
    return any(p.search(text) for p in c.one_sided) or bool(c.civilian_words.search(text))


def _ucdp_type(actor1: Actor | None, actor2: Actor | None, acled_event_type: str | None, *,
               text: str | None = None, sub_event_type: str | None = None, fatalities: int | None = None,
               context_country: str | None = None, resolver: Any = None, classifier: Any = None,
               date: Any = None) -> int | None:
    """:func:`ucdp_type` before the country rule (``no_state_conflict``)."""
    et = (acled_event_type or "").strip().casefold()
    sub = (sub_event_type or "").strip().casefold()
    died = bool(fatalities and fatalities > 0)
    violent = et in VIOLENT_TYPES or sub == "excessive force against protesters"
    s1, s2 = _victim_side(actor1, date), _victim_side(actor2, date)
    if not et and not died:  # no event type: only two typed actors decide
        return _pair(s1, s2, actor1, actor2) if "crowd" not in (s1, s2) else None
    if not violent and not died:
        c = _cues()
        if not text or "crowd" in (s1, s2) or not (
                c.deadly_words.search(text) or (c.fighting_words is not None and c.fighting_words.search(text))):
            return None
        # a protest or strategic development whose text reports killings or fighting: organised
        # violence when the text names its sides, else the GED classifier's reading of the text
        got = _from_text(text_sides(text, context_country=context_country, resolver=resolver, date=date), et, s1, s2)
        return got if got is not None or et in ("protests", "riots") else _classify(text, classifier)
    if "crowd" in (s1, s2) and not died and et not in VIOLENT_TYPES and sub != "excessive force against protesters":
        return None
    if text and (_bare_country(actor1) or _bare_country(actor2)):
        # "C. Africa clashes", "Nigeria: 12 killed": a country named as the place, not its forces
        weak = _pair(s1, s2, actor1, actor2)
        s1, s2 = (None if _bare_country(actor1) else s1), (None if _bare_country(actor2) else s2)
    else:
        weak = None
    pair = _pair(s1, s2, actor1, actor2) if (_named(actor1) or _named(actor2) or text is None) else None
    if pair == 1 or (pair is not None and not text):
        return pair
    if text:
        # parsed actors say "state vs armed group" reliably; "vs civilians" and "two armed
        # groups" often only name the dead of a battle, so the text's own cues come first
        victim = "civilians" in (side_of(actor1, None, date), side_of(actor2, None, date))
        got = _from_text(text_sides(text, context_country=context_country, resolver=resolver, date=date), et, s1, s2,
                         victim=victim)
        if got is not None:
            return got
        if pair is not None:
            return pair
        if weak is not None:
            return weak
        if (et == "violence against civilians" or sub == "excessive force against protesters") \
                and ({side_of(actor1), side_of(actor2)} & {"civilians", "crowd"}):
            return 3  # a parsed victim of an attack on people, and nothing in the text against it
        got = _classify(text, classifier, et)
        return 1 if got is None else got  # UCDP's commonest type when nothing tells the sides
    if et == "violence against civilians" or sub == "excessive force against protesters":
        return 3
    if "crowd" in (s1, s2) and died:
        return 3  # deaths among protesters or rioters: a force firing on a crowd
    sides = {s for s in (s1, s2) if s}
    return 3 if sides == {"civilians"} else 1


def _classify(text: str, classifier: Any, et: str = "") -> int | None:
    """The GED classifier's type for ``text`` (``None`` without a classifier or a numeric label).
    For an attack on people (``et`` violence against civilians) one-sided wins when the classifier
    hesitates: its probability within ``one_sided_margin`` (data/ucdp.yaml) of the top one."""
    if classifier is None:
        return None
    p = dict(classifier.proba(text))
    label = max(p, key=p.get) if p else None
    if label and et == "violence against civilians" and "3" in p and p["3"] >= p[label] - _cues().one_sided_margin:
        label = "3"
    return int(label) if label and label.isdigit() else None


def _formal_only(s: Sides) -> bool:
    """True when the armed sides a text names are formally organised groups (named groups, unnamed
    gunmen or rebels) and none of them an informally organised one (tribesmen, ethnic militias)."""
    return not s.informal and (bool(s.groups) or s.gunmen > 0 or s.unnamed_armed > 0) and not s.peoples


def _from_text(s: Sides, et: str, s1: str | None, s2: str | None, *, victim: bool = False) -> int | None:
    """Type from the text's sides and cues; ``None`` when they say nothing. ``victim``: the parse
    names people (any civilian mention, "a trader", "two men") as a side."""
    if s.between is not None:
        got = _pair(s.between[0], s.between[1], None, None)
        if got in (1, 3):
            return got
        if s.between == ("armed", "armed") or (s.between[0] in ("armed", None) and s.between[1] in ("armed", None)
                                               and s.state == 0 and (s.between[0] or s.between[1])):
            return 2  # "clashes between IS and rebels": whatever state force the text names elsewhere
        if s.between == ("civilians", "civilians") and not s.state and not s.one_sided_cue:
            return 2  # "farmers of two villages clashed": communities fighting each other
    if s.non_state_cue and not s.one_sided_cue and (s.armed or et == "battles"):
        return 2  # "rival militias", "intercommunal clashes": the text says who fought, whoever else it names
    if not s.state and (s.informal or s.communal_cue and not s.aimed_cue) and not _formal_only(s):
        # communities, clans, ethnic militias, armed herders: informally organised sides, whose
        # killings UCDP codes as non-state conflict with the other community, massacres included
        return 2
    if s.state and (s.armed or s1 == "armed" or s2 == "armed"):
        # state forces and an armed group: their conflict, unless the text is about an
        # attack on civilians ("rebels executing civilians, peacekeepers should protect")
        if et == "violence against civilians" and not s.fighting and s.civilians and "armed" in (s1, s2) \
                and "state" not in (s1, s2):
            return 3  # an armed group's attack on named civilians; the state force only responds or reports
        return 3 if s.civilians and s.one_sided_cue and et == "violence against civilians" else 1
    # one formally organised group and a massacre cue: its attack on people, whatever communal backdrop
    one_group_massacre = s.aimed_cue and _formal_only(s) and len(s.groups) <= 1
    if not s.state and (s.non_state_cue and not one_group_massacre and (s.armed or et == "battles" or not s.one_sided_cue)
                        or len(s.groups) >= 2 or len(s.peoples) >= 2 or s.communal >= 1 and et == "battles"):
        return 2  # ("sectarian killings" with "ethnic cleansing" and no fighting group: one-sided)
    if s.state:
        # a state force, no armed group anywhere and no fight, and the parse names people as the
        # victims of an attack on people ("a soldier shot dead a trader"): one-sided
        alone = victim and not s.armed and not s.fighting and "armed" not in (s1, s2)
        return 3 if (s.civilians or s.one_sided_cue or alone) and et == "violence against civilians" else 1
    if s.civilians and not s.aimed_cue and et == "explosions/remote violence":
        # a bomb, shell or strike that killed civilians, not aimed at a crowd ("attack on a market"):
        # UCDP counts these deaths in the armed conflict, one-sided violence needs deliberate targeting
        return 1
    if (s.civilians or s.one_sided_cue) and s.fighting and not s.aimed_cue and et != "violence against civilians":
        return None  # "civilians killed in clashes": the dead of a fight, whose sides the text leaves open
    if s.civilians or s.one_sided_cue:
        return 3
    if s.gunmen and not s.unnamed_armed and not s.groups and not s.non_state_cue and et != "battles":
        return 3  # "gunmen killed five": an attack on people, not a battle with the state
    if s.armed_dead and not s.civilians and not s.one_sided_cue and not s.informal:
        return 1  # "20 militants killed in an operation": the group's dead at the hands of the state
    if s.groups:
        if et == "battles" and len(s.groups) == 1 and s.gunmen and not s.unnamed_armed:
            return 2  # "unknown gunmen shot dead a QSD fighter": another armed group, not the state
        # a named group alone: attacking people in violence against civilians, else fighting
        # the state it rebels against
        return 3 if et == "violence against civilians" else 1
    return None


def ucdp_order(actor1: Actor | None, actor2: Actor | None) -> tuple[Actor | None, Actor | None]:
    """The two actors in UCDP's side order (side_a, side_b).

    UCDP lists the government first in state-based dyads whoever attacked, and the
    perpetrator first in one-sided violence (civilians are always side_b); otherwise the
    order is kept. Returns the (possibly swapped) pair.
    """
    s1, s2 = side_of(actor1), side_of(actor2)
    if s2 == "state" and s1 != "state":
        return actor2, actor1
    if s1 == "civilians" and s2 in ("state", "armed"):
        return actor2, actor1
    return actor1, actor2
