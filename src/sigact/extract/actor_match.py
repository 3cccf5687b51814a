"""Scoring rule for actors (``actor_matches``) and the parser of generic/state actor names.

The UCDP type of violence lives in :mod:`sigact.extract.ucdp`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sigact.extract.actor_data import norm_key, strip_period
from sigact.model import Actor

__all__ = ["actor_matches", "ParsedName", "parse_actor_name"]

# Generic ACLED names: "<Label> (<Country>)" -> kind.
_GENERIC_LABELS = {
    "protesters": "protesters",
    "rioters": "rioters",
    "civilians": "civilians",
    "unidentified armed group": "unidentified_armed_group",
    "unidentified gang": "unidentified_gang",
    "unidentified communal militia": "militia",
    "unidentified ethnic militia": "militia",
    "unidentified tribal militia": "tribal_militia",
    "unidentified cult militia": "cult_militia",
    "unidentified clan militia": "tribal_militia",
    "vigilante group": "vigilantes",
    "opposition rebels": "opposition_rebels",
    "private security forces": "private_security",
}
_KIND_OF_TYPE = {
    "military": "military", "police": "police", "government": "government",
    "protesters": "protesters", "rioters": "rioters", "civilians": "civilians",
}
_STATE_RE = re.compile(r"^(Military Forces|Police Forces|Government) of (?:the )?(.+)$")
_PERIOD_SPLIT = re.compile(r"^(.*?)\s*\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)\s*(.*)$")
_GENERIC_RE = re.compile(r"^(.+?) \(([^()]+)\)$")


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A generic or state ACLED/UCDP actor name split into kind, country and qualifier.

    ``kind``: "military", "police", "government", "state" (UCDP "Government of X": any state
    force), "protesters", "rioters", "civilians", "unidentified_armed_group", "unidentified_gang",
    "militia", "tribal_militia", "vigilantes", "private_security", or "named_militia" (with
    ``label`` = "Fulani Ethnic Militia"). ``suffix``: a sub-unit after the period ("Military Police").
    """

    kind: str
    country: str | None
    suffix: str | None = None
    label: str | None = None


def parse_actor_name(name: str, resolver: Any = None) -> ParsedName | None:
    """Parse a generic/state actor name ("Police Forces of Mexico (2018-) State Police",
    "Civilians (Mali)", "Government of Syria", "Civilians"); ``None`` for named groups."""
    from sigact.extract.actors import ActorResolver

    r = resolver or ActorResolver.default()
    name = re.sub(r"\s+", " ", name).strip()
    m = _STATE_RE.match(name)
    if m:
        rest = m.group(2)
        pm = _PERIOD_SPLIT.match(rest)
        where, suffix = (pm.group(1), pm.group(2) or None) if pm else (rest, None)
        iso3 = r.country_of_name(where)
        if iso3:
            kind = {"Military Forces": "military", "Police Forces": "police", "Government": "government"}[m.group(1)]
            if kind == "government" and pm is None:
                kind = "state"  # UCDP: "Government of Syria" = the state side, any of its forces
            return ParsedName(kind=kind, country=iso3, suffix=suffix)
    low = name.casefold()
    if low in _GENERIC_LABELS:  # UCDP "Civilians"; ACLED "Unidentified Gang and/or Police Militia"
        return ParsedName(kind=_GENERIC_LABELS[low], country=None)
    m = _GENERIC_RE.match(name)
    if m:
        label, where = m.group(1), m.group(2)
        iso3 = r.country_of_name(where)
        kind = _GENERIC_LABELS.get(label.casefold())
        if kind:
            return ParsedName(kind=kind, country=iso3)
        if iso3 and re.search(r"\b(Ethnic|Communal|Clan|Sub-Clan|Tribal) Militia$", label):
            return ParsedName(kind="named_militia", country=iso3, label=label)
    return None


def _pred_parsed(pred: Actor, r) -> ParsedName | None:
    for n in (pred.acled_name, pred.name):
        if n:
            p = parse_actor_name(n, r)
            if p is not None:
                return p
    kind = _KIND_OF_TYPE.get(pred.type or "")
    if kind:
        return ParsedName(kind=kind, country=pred.country)
    return None


def _same_generic(g: ParsedName, p: ParsedName) -> bool:
    if g.country is not None and g.country != p.country:
        return False
    if g.kind == "state":
        return p.kind in ("military", "police", "government", "state")
    if g.kind == "named_militia":
        return p.kind == "named_militia" and norm_key(g.label or "") == norm_key(p.label or "")
    return g.kind == p.kind


def _split_gold(gold: str) -> list[str]:
    parts = [x.strip() for x in gold.split(" and/or ")]
    out = []
    for p in parts:
        if ":" not in p and "," in p:  # UCDP coalition sides: "MLCJ, PRNC, RPRC"
            out.extend(x.strip() for x in p.split(",") if x.strip())
        else:
            out.append(p)
    return [x for x in out if x]


def actor_matches(pred: Actor | None, gold_name: str | None, *, aliases: Any = None) -> bool:
    """Whether predicted actor ``pred`` is the gold ACLED/UCDP actor ``gold_name``.

    The rule, in order (the first that applies decides a positive):

    0. No gold name: true only when nothing was predicted. No prediction: false.
       A gold name "A and/or B" (ACLED) or "A, B" (UCDP coalition, no colon) matches when
       any part matches.
    1. Same name: the normalised ``acled_name`` or ``name`` of ``pred`` equals the gold
       name with ACLED's government period removed ("Military Forces of Mali (2013-)" ==
       "Military Forces of Mali (2021-)"); normalising folds case, accents and punctuation.
    2. Same known group: gold and prediction resolve, through the alias dictionary
       (``actors.yaml``), to the same canonical group ("Taleban" ~ "Taliban", "IS" ~
       "Islamic State (Syria)" only when the prediction is that group or the generic
       Islamic State; "Jama'atu Ahlis Sunna Lida'awati wal-Jihad" ~ Boko Haram), or the gold
       is a UCDP umbrella ("Syrian insurgents") that lists the predicted group, or whose
       ``country`` and ``types`` the prediction has (an unnamed Syrian rebel group).
    3. Same generic actor: the gold is a generic/state name and the prediction has the same
       kind and country: "Protesters (Chile)" ~ any protesters actor of CHL,
       "Military Forces of X (...)" ~ military of X, "Police Forces of X" ~ police of X,
       UCDP "Government of X" ~ any state force (military, police, government) of X, UCDP
       "Civilians" ~ civilians of any country, "<Name> Ethnic Militia (X)" ~ the same label,
       a UCDP people name ("Fulani") ~ "<that name> Ethnic Militia (X)", and a bare generic
       label without a country ("Unidentified Gang" in "Unidentified Gang and/or Police
       Militia") ~ that kind in any country. A group that took power counts as its
       country's military from then on (the Taliban after August 2021).
       A state name with a sub-unit ("Military Forces of India (2014-) Rashtriya Rifles")
       also matches the plain state force of X unless the sub-unit is a separate side
       (``faction`` in the dictionary: Houthi forces, Libya's rival governments, PMF);
       those need rule 1 or 2.

    Everything else is false: military of X never matches police of X or military of Y,
    "Unidentified Armed Group (X)" never matches "Unidentified Gang (X)", and an
    "Islamic State" prediction does not match al-Qaeda.
    ``aliases`` is the :class:`ActorResolver` to use (default: the bundled one).
    """
    if not gold_name or not str(gold_name).strip():
        return pred is None
    if pred is None:
        return False
    from sigact.extract.actors import ActorResolver

    r = aliases or ActorResolver.default()
    parts = _split_gold(str(gold_name))
    if len(parts) > 1:
        return any(_match_one(pred, p, r) for p in parts)
    return _match_one(pred, parts[0], r)


def _match_one(pred: Actor, gold: str, r) -> bool:
    gkey = norm_key(strip_period(gold))
    for n in (pred.acled_name, pred.name):
        if n and norm_key(strip_period(n)) == gkey:
            return True
    g_group = r.group(gold)
    p_groups = [g for g in (r.group(n) for n in (pred.acled_name, pred.name) if n) if g is not None]
    p_group = p_groups[0] if p_groups else None
    if g_group is not None:
        for pg in p_groups:
            if g_group == pg:
                return True
            # the generic "Islamic State" prediction matches any of its provinces and vice versa
            if {g_group.name, pg.name} & {"Islamic State"} and \
                    g_group.acled.startswith("Islamic State") and pg.acled.startswith("Islamic State"):
                return True
    umbrella = r.data.umbrellas.get(gold) if hasattr(r, "data") else None
    if umbrella is not None:
        if any(pg.name in umbrella.members for pg in p_groups):
            return True
        return bool(umbrella.country and pred.country == umbrella.country and pred.type in umbrella.types)
    gp = parse_actor_name(gold, r)
    if gp is None:
        # UCDP names a communal side by the people ("Fulani", "Hema"): the same people's militia
        if norm_key(gold) in getattr(r, "_ethnic", {}) and pred.acled_name:
            return norm_key(pred.acled_name).startswith(norm_key(gold) + " ethnic militia")
        return False
    if gp.suffix and g_group is not None and g_group.faction:
        return False
    pp = None if (p_group is not None and p_group.faction) else _pred_parsed(pred, r)
    return pp is not None and _same_generic(gp, pp)
