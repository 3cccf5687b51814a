"""Actor resolution: raw mentions ("Burkinabe soldiers", "the Houthis", "gunmen") -> :class:`Actor`.

:class:`ActorResolver` holds three editable dictionaries (``extract/data/``):

* known groups with aliases (``actors.yaml``, ``actors_mined.yaml``),
* countries with ACLED names, demonyms and government periods (``governments.yaml``,
  completed by :mod:`sigact.geo.countries` for names and demonyms),
* generic heads and their ACLED templates (``generic_actors.yaml``).

Matching is a token n-gram lookup (dictionary hashing, leftmost-longest), so
:meth:`ActorResolver.find` costs a few dictionary probes per word.

Public API::

    ActorResolver.default() -> ActorResolver
    ActorResolver.resolve(text, context_country=None, *, date=None, event_type=None, role=None) -> Actor
    ActorResolver.resolve_span(text, start, end, context_country=None, *, date=None, event_type=None, role=None) -> Actor
    ActorResolver.find(text, offset=0, *, context_country=None, date=None, event_type=None, role=None)
        -> list[ActorMention]
    ActorResolver.state_actor(kind, iso3, date=None) -> Actor
    ActorResolver.generic_actor(kind, iso3, date=None) -> Actor
    ActorResolver.default_perpetrator(iso3, date=None, *, event_type=None) -> Actor
    ActorResolver.perpetrator(sentence, context_country=None, *, date=None, event_type=None, exclude=None,
                              offset=0) -> ActorMention | None
    ActorResolver.recast(actor, kind, date=None) -> Actor
    actor_matches(pred, gold_name, *, aliases=None) -> bool      (see actor_match.py)
    ucdp_type(actor1, actor2, acled_event_type, *, text=None, ...) -> int | None   (see ucdp.py)
    ucdp_order(actor1, actor2) -> (side_a, side_b)                                 (see ucdp.py)
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Iterator

from sigact.extract.actor_data import (
    ActorData,
    CountryEntry,
    GroupEntry,
    load_actor_data,
    norm_key,
    norm_tokens,
    strip_period,
)
from sigact.extract.actor_text import Tok as _Tok
from sigact.extract.actor_text import is_case_sensitive as _is_cs
from sigact.extract.actor_text import month_of, year_of
from sigact.extract.actor_text import tokens as _tokens
from sigact.extract.ucdp import ucdp_order, ucdp_type
from sigact.model import ARMED_ACTOR_TYPES, Actor

__all__ = ["ActorResolver", "ActorMention", "actor_matches", "ucdp_type", "ucdp_order", "year_of", "month_of"]

_DETERMINERS = {"the", "a", "an", "some", "several", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten", "many", "other", "their", "its", "his", "her", "these", "those", "this", "that"}
_AFTER_COUNTRY = {"of", "from"}
_AGAINST = {"anti", "counter"}
_MOVES = {"movement", "movements", "deployment", "deployments", "withdrawal", "redeployment", "reinforcement",
          "reinforcements", "presence", "mobilisation", "mobilization"}
_NOT_COUNTRY_AFTER = {"backed", "led", "allied", "aligned", "supported", "sponsored", "funded", "trained",
                      "affiliated", "based", "born", "linked", "owned", "bound", "made"}
_PERIOD_IN_NAME = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")

_GENERIC_DISPLAY = {
    "military": "Military forces", "police": "Police forces", "government": "Government",
    "unidentified_armed_group": "Unidentified armed group", "unidentified_gang": "Unidentified gang",
    "protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians", "militia": "Communal militia",
    "vigilantes": "Vigilante group", "tribal_militia": "Tribal militia", "private_security": "Private security forces",
    "opposition_rebels": "Opposition rebels", "herders": "Herders", "cult_militia": "Cult militia",
}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor mention in a text: ``text[start:end]`` (offsets include ``find``'s offset).

    ``kind`` is "group" for dictionary groups, else the generic kind ("military", "civilians", ...).
    """

    start: int
    end: int
    text: str
    actor: Actor
    kind: str = "group"


class ActorResolver:
    """Resolves actor mentions against the bundled dictionaries (build once: :meth:`default`)."""

    _default: "ActorResolver | None" = None
    _lock = threading.Lock()

    def __init__(self, data: ActorData | None = None):
        self.data = data or load_actor_data()
        self.groups: tuple[GroupEntry, ...] = self.data.groups
        self._build_countries()
        self._build_generics()
        self._build_groups()

    @classmethod
    def default(cls) -> "ActorResolver":
        """The process-wide resolver over the bundled YAML, built on first use."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    # ------------------------------------------------------------------ building
    def _build_countries(self) -> None:
        self.countries: dict[str, CountryEntry] = {}
        self.country_by_iso3: dict[str, CountryEntry] = {}
        words_ci: dict[str, str] = {}
        words_cs: dict[str, str] = {}
        names_ci: dict[str, str] = {}

        def add(word: str, key: str, *, demonym: bool) -> None:
            forms = [word]
            if demonym and not word.endswith("s") and not _is_cs(word):
                forms.append(word + "s")
            for f in forms:
                if _is_cs(f):
                    words_cs.setdefault(norm_key(f, keep_case=True), key)
                else:
                    words_ci.setdefault(norm_key(f), key)
                    if not demonym:
                        names_ci.setdefault(norm_key(f), key)

        for c in self.data.countries:
            self.countries[c.key] = c
            self.country_by_iso3.setdefault(c.iso3, c)
            for w in (c.name, *c.aliases, *((c.ucdp,) if c.ucdp else ())):
                add(w, c.key, demonym=False)
            for w in c.demonyms:
                add(w, c.key, demonym=True)
        try:  # names and demonyms of every other country
            from sigact.geo import countries as geo
        except ImportError:  # geo stage absent: the bundled table still covers conflict countries
            geo = None
        if geo is not None:
            for iso3 in geo.all_countries():
                if iso3 not in self.countries:
                    name = geo.country_name(iso3) or iso3
                    entry = CountryEntry(key=iso3, iso3=iso3, name=name)
                    self.countries[iso3] = entry
                    self.country_by_iso3.setdefault(iso3, entry)
                for w in geo.country_names(iso3):
                    if len(w) > 3 and "," not in w:
                        add(w, iso3, demonym=False)
                for w in geo.country_demonyms(iso3):
                    if len(w) > 3:
                        add(w, iso3, demonym=True)
        self._country_ci, self._country_cs, self._country_names = words_ci, words_cs, names_ci
        self._country_len = max((len(k.split()) for k in [*words_ci, *words_cs]), default=1)

    def _build_groups(self) -> None:
        ci: dict[str, list[tuple[int, bool]]] = {}
        cs: dict[str, list[tuple[int, bool]]] = {}
        self._by_name: dict[str, int] = {}
        for idx, g in enumerate(self.groups):
            for alias, local in [(a, False) for a in (g.name, g.acled, *g.aliases)] + [(a, True) for a in g.local_aliases]:
                if self._is_country_head(alias):
                    continue  # "US forces", "Nigerian army": the generic rules give the same actor
                table, key = (cs, norm_key(alias, keep_case=True)) if _is_cs(alias) else (ci, norm_key(alias))
                if not key:
                    continue
                lst = table.setdefault(key, [])
                if (idx, local) not in lst:
                    lst.append((idx, local))
            for n in (g.name, g.acled, strip_period(g.acled), *g.aliases):
                self._by_name.setdefault(norm_key(n), idx)
        self._group_ci, self._group_cs = ci, cs
        # transnational group -> its country branches ("Islamic State" -> "Islamic State (Iraq)"):
        # entries that list the group's name among their local aliases
        self._branches: dict[str, list[GroupEntry]] = {}
        for g in self.groups:
            for a in g.local_aliases:
                self._branches.setdefault(norm_key(a), []).append(g)
        self._group_len = max((len(k.split()) for k in [*ci, *cs]), default=1)

    def _is_country_head(self, alias: str) -> bool:
        """Whether an alias is just a country word plus a generic head ("Turkish troops")."""
        cased, low = norm_tokens(alias, keep_case=True), norm_tokens(alias)
        for k in range(1, min(self._country_len, len(low) - 1) + 1):
            if (" ".join(cased[:k]) in self._country_cs or " ".join(low[:k]) in self._country_ci) \
                    and " ".join(low[k:]) in self._heads:
                return True
        return False

    def _build_generics(self) -> None:
        self.kinds = {k.kind: k for k in self.data.kinds}
        heads: dict[str, str] = {}
        for k in self.data.kinds:
            for h in k.heads:
                heads.setdefault(norm_key(h), k.kind)
        self._heads = heads
        self._head_len = max((len(k.split()) for k in heads), default=1)
        self._mods = {norm_key(m) for m in self.data.modifiers}
        self._mod_len = max((len(k.split()) for k in self._mods), default=1)
        self._ethnic = {norm_key(e): e for e in self.data.ethnic_groups}
        self._clans = {norm_key(e): e for e in self.data.clans}
        self._named = []
        for p in self.data.named_patterns:
            for w in p.words:
                self._named.append((norm_key(w), p))
        self._named.sort(key=lambda x: -len(x[0].split()))
        self._ignored_country_words = frozenset(norm_key(w) for w in self.data.ignore_country_words)
        self._qualified_heads = frozenset(norm_key(w) for w in self.data.qualified_heads)
        ah = self.data.armed_herders or {}
        self._herder_countries = frozenset(ah.get("countries") or ())
        self._herder_acled = str(ah.get("acled") or "Fulani Ethnic Militia ({country})")
        self._herder_events = frozenset(str(e).casefold() for e in ah.get("event_types") or ())
        self._event_roles = self.data.event_roles
        pm = self.data.people_modifiers
        self._unknown_mods = frozenset(norm_key(w) for w in pm.get("unknown") or ())
        self._armed_mods = frozenset(norm_key(w) for w in pm.get("armed") or ())
        self._plain_people = frozenset(norm_key(w) for w in pm.get("plain_people") or ())

    # ------------------------------------------------------------------ lookups
    def country(self, iso3: str | None) -> CountryEntry | None:
        """The country record for an ISO3 code (or governments.yaml key); ``None`` if unknown."""
        if not iso3:
            return None
        return self.countries.get(iso3) or self.country_by_iso3.get(iso3)

    def country_of_name(self, name: str | None) -> str | None:
        """Country key of a name, alias or demonym ("Burkinabe" -> "BFA"); ``None`` if unknown.

        The key is the ISO3 code, or the governments.yaml code of an ACLED state-like entity
        ("Artsakh" -> "ART", "Somaliland" -> "SML"); :meth:`country` accepts both.
        """
        if not name:
            return None
        key = self._country_ci.get(norm_key(name)) or self._country_cs.get(norm_key(name, keep_case=True))
        if key:
            return self.countries[key].key
        try:
            from sigact.geo.countries import demonym_to_iso3, to_iso3
        except ImportError:
            return None
        return to_iso3(name) or demonym_to_iso3(name)

    def group(self, name: str | None) -> GroupEntry | None:
        """The known group a name or alias denotes (ACLED periods ignored); ``None`` if unknown."""
        if not name:
            return None
        idx = self._by_name.get(norm_key(name))
        if idx is None:
            idx = self._by_name.get(norm_key(strip_period(name)))
        if idx is None:
            hits = self._group_cs.get(norm_key(name, keep_case=True))
            if hits:
                idx = hits[0][0]
        return self.groups[idx] if idx is not None else None

    # ------------------------------------------------------------------ actors
    def _entity_actor(self, kind: str, country: CountryEntry | None, when: tuple | None, text: str | None) -> Actor:
        k = self.kinds[kind]
        if country is None:
            return Actor(text=text, name=_GENERIC_DISPLAY.get(kind, kind), acled_name=None, country=None, type=k.type)
        period = country.period(*(when or (None, None)))
        acled = k.acled.replace("{the}", country.forces_name).replace("{country}", country.name)
        acled = acled.replace(" ({period})", f" ({period})" if period else "")
        return Actor(text=text, name=strip_period(acled), acled_name=acled, country=country.iso3, type=k.type)

    def state_actor(self, kind: str, iso3: str | None, date: Any = None, *, text: str | None = None) -> Actor:
        """ACLED state actor: ``kind`` "military"/"police"/"government" of ``iso3`` for ``date``'s year."""
        if kind not in ("military", "police", "government"):
            raise ValueError(f"state_actor kind must be military, police or government, not {kind!r}")
        return self._entity_actor(kind, self.country(iso3), _when(date), text)

    def recast(self, actor: Actor, kind: str, date: Any = None) -> Actor:
        """The same people as another generic kind ("protesters" -> "rioters"/"civilians"), same country.

        Returns ``actor`` unchanged when ``kind`` is unknown; keeps ``actor.text``.
        """
        if kind not in self.kinds:
            return actor
        return self._entity_actor(kind, self.country(actor.country), _when(date), actor.text)

    def _group_actor(self, g: GroupEntry, when: tuple | None, text: str | None, ctx: str | None = None) -> Actor:
        if g.context_country:
            return Actor(text=text, name=g.name, acled_name=g.acled, country=ctx, type=g.type)
        if g.state_since and when and when[0] is not None and (when[0], when[1] or 12) >= g.state_since:
            state = self._entity_actor("military", self.country(g.country), when, text)
            return Actor(text=text, name=g.name, acled_name=state.acled_name, country=g.country, type="military")
        acled = g.acled
        if when is not None and when[0] is not None and g.state_prefix and not g.faction and g.country:
            c = self.country(g.country)
            period = c.period(*when) if c else None
            if period and _PERIOD_IN_NAME.search(acled):
                acled = _PERIOD_IN_NAME.sub(f"({period})", acled, count=1)
        return Actor(text=text, name=g.name, acled_name=acled, country=g.country, type=g.type)

    # ------------------------------------------------------------------ scanning
    def _prefixes(self, table: dict | None) -> frozenset:
        """Every token prefix of ``table``'s keys (cached), so matching stops as soon as no key can follow."""
        if not table:
            return frozenset()
        cache = self.__dict__.setdefault("_prefix_cache", {})
        pre = cache.get(id(table))
        if pre is None:
            acc = set()
            for key in table:
                parts = key.split(" ")
                for k in range(1, len(parts) + 1):
                    acc.add(" ".join(parts[:k]))
            pre = cache[id(table)] = frozenset(acc)
        return pre

    def _match(self, toks: list[_Tok], i: int, ci: dict | None, cs: dict | None, maxlen: int) -> tuple[int, Any] | None:
        """Longest dictionary match starting at token ``i``: (end token index, value); case-sensitive
        keys win over case-insensitive ones of the same length.  No match crosses a hard break."""
        pre_ci, pre_cs = self._prefixes(ci), self._prefixes(cs)
        best = None
        k_ci = k_cs = ""
        live_ci, live_cs = bool(ci), bool(cs)
        for j in range(i, min(len(toks), i + maxlen)):
            t = toks[j]
            if j > i and t.brk:
                break
            if live_ci:
                k_ci = t.norm if j == i else f"{k_ci} {t.norm}"
                live_ci = k_ci in pre_ci
            if live_cs:
                k_cs = t.cased if j == i else f"{k_cs} {t.cased}"
                live_cs = k_cs in pre_cs
            if not (live_ci or live_cs):
                break
            hit = cs.get(k_cs) if live_cs else None
            if hit is None and live_ci:
                hit = ci.get(k_ci)
            if hit is not None:
                best = (j + 1, hit)
        return best

    def _choose(self, cands: list[tuple[int, bool]], ctx: str | None) -> GroupEntry | None:
        glob = [self.groups[i] for i, local in cands if not local]
        local = [self.groups[i] for i, loc in cands if loc]
        if ctx:
            for g in local + glob:
                if g.country == ctx:
                    return g
            for g in local + glob:
                if g.operates_in(ctx):
                    return g
        if not glob:
            return None
        for g in glob:  # transnational entry (no country) before a country-bound one
            if g.country is None:
                if ctx:
                    for b in self._branches.get(norm_key(g.name), ()):
                        if b.operates_in(ctx):
                            return b
                return g
        return glob[0]

    def _country_at(self, toks: list[_Tok], i: int) -> tuple[int, str] | None:
        """A capitalised country name/demonym starting at token ``i``: (end, iso3)."""
        if not toks[i].cased[:1].isupper():
            return None
        m = self._match(toks, i, self._country_ci, self._country_cs, self._country_len)
        if m is None:
            return None
        end, key = m
        if end < len(toks) and not toks[end].brk and toks[end].norm in _NOT_COUNTRY_AFTER:
            return None
        if " ".join(t.norm for t in toks[i:end]) in self._ignored_country_words:
            return None
        return end, key

    def _left_context(self, toks: list[_Tok], j: int, mods: set[str] | None = None) -> tuple[int, str | None, str | None]:
        """Walk left from head start ``j`` over modifiers, numbers and country words.

        Returns (new start token, country key or None, ethnic/clan name or None); the modifiers
        passed are added to ``mods`` when given.
        """
        start, iso3, named = j, None, None
        p = j
        steps = 0
        after_and = False
        while p > 0 and not toks[p].brk and steps < 6:
            steps += 1
            found = False
            after_and, was_and = False, after_and
            for length in range(min(self._country_len, p), 0, -1):
                ci = self._country_at(toks, p - length)
                if ci and ci[0] == p and not any(toks[q].brk for q in range(p - length + 1, p + 1)):
                    iso3 = ci[1]  # walking left: the first-named country wins ("US and UK forces")
                    p -= length
                    start, found = p, True
                    break
            if found:
                continue
            for length in range(min(self._mod_len, p), 0, -1):
                if any(toks[q].brk for q in range(p - length + 1, p + 1)):
                    continue
                key = " ".join(t.norm for t in toks[p - length:p])
                if key in self._mods or (length == 1 and ((key.isdigit() and len(key) <= 3) or key == "and")):
                    if mods is not None:
                        mods.add(key)
                    p -= length
                    found = True
                    if key != "and":
                        start = p
                    else:
                        after_and = named is not None
                    break
            if found:
                continue
            if named is None or was_and:  # "Fellata and Rizeigat militias": the first-named people
                for length in range(min(3, p), 0, -1):
                    seg = toks[p - length:p]
                    key = " ".join(t.norm for t in seg)
                    if seg[0].cased[:1].isupper() and (key in self._ethnic or key in self._clans) \
                            and not any(t.brk for t in seg[1:]):
                        named = key
                        p -= length
                        start, found = p, True
                        break
                if found:
                    continue
            break
        return start, iso3, named

    def _right_country(self, toks: list[_Tok], k: int) -> str | None:
        """"soldiers of the Nigerian army" / "troops from Chad": a country right after a head."""
        if k < len(toks) and not toks[k].brk and toks[k].norm in _AFTER_COUNTRY:
            q = k + 1
            if q < len(toks) and toks[q].norm == "the":
                q += 1
            if q < len(toks) and not toks[q].brk:
                c = self._country_at(toks, q)
                if c:
                    return c[1]
        return None

    def _iter_mentions(self, toks: list[_Tok], ctx: str | None,
                       when: tuple | None) -> Iterator[tuple[int, int, Actor, str, str | None]]:
        """(start token, end token, actor, kind, place) for every mention; ``place`` is the
        community a generic group of people is "from"/"of" ("farmers from Kilibo")."""
        n = len(toks)
        covered = [False] * n
        groups: list[tuple[int, int, Actor]] = []
        i = 0
        while i < n:
            m = self._match(toks, i, self._group_ci, self._group_cs, self._group_len)
            g = self._choose(m[1], ctx) if m else None
            if m is None or g is None or (i > 0 and toks[i - 1].norm in _AGAINST and toks[i - 1].end + 1 == toks[i].start):
                i += 1  # "anti-Houthi forces" are not the Houthis
                continue
            end = m[0]
            h = self._match(toks, end, self._heads, None, self._head_len) if end < n else None
            if h and not toks[end].brk:
                end = h[0]
            groups.append((i, end, self._group_actor(g, when, None, ctx)))
            for q in range(i, end):
                covered[q] = True
            i = end
        for k, (s, e, actor) in enumerate(groups):
            if s > 0 and toks[s - 1].norm == "pro" and toks[s - 1].end + 1 == toks[s].start \
                    and k + 1 < len(groups) and groups[k + 1][0] == e:
                continue  # "pro-STC Security Belt Forces": the allegiance of the group that follows
            yield s, e, actor, "group", None
        i = 0
        while i < n:
            if covered[i]:
                i += 1
                continue
            m = self._match(toks, i, self._heads, None, self._head_len)
            if m is None or any(covered[q] for q in range(i, m[0])):
                i += 1
                continue
            end, kind = m
            mods: set[str] = set()
            start, iso3, named = self._left_context(toks, i, mods)
            while start < i and covered[start]:
                start += 1
            if iso3 is None and " ".join(t.norm for t in toks[i:end]) in self._qualified_heads:
                i = end  # "a patrol by Russian forces": the side is named after it
                continue
            if start == i and iso3 is None and i >= 2 and toks[i - 1].norm == "of" and not toks[i].brk \
                    and toks[i - 2].norm in _MOVES and not toks[i - 1].brk:
                i = end  # "Movement of forces:", "deployment of troops": an activity, the actor is named elsewhere
                continue
            if kind == "civilians" and mods:
                head = " ".join(t.norm for t in toks[i:end])
                if mods & self._unknown_mods or (mods & self._armed_mods and head in self._plain_people):
                    kind = "unidentified_armed_group"  # "unknown individuals", "armed men"
                elif mods & self._armed_mods:
                    kind = "militia"  # "armed farmers", "armed villagers"
            iso3 = iso3 or self._right_country(toks, end) or ctx
            actor = self._named_actor(toks, i, end, named, iso3)
            if actor is None:
                actor = self._entity_actor(kind, self.country(iso3), when, None)
            place = None
            if kind in ("civilians", "militia", "herders", "rioters") and actor.acled_name:
                end, place = self._place_after(toks, end, covered)
            yield start, end, actor, kind, place
            for q in range(start, end):
                covered[q] = True
            i = end

    def _place_after(self, toks: list[_Tok], k: int, covered: list[bool]) -> tuple[int, str | None]:
        """"farmers from Kilibo", "communal militias of Odejo": (new end token, "Kilibo") or (k, None)."""
        if k + 1 >= len(toks) or toks[k].brk or toks[k].norm not in ("from", "of") or toks[k + 1].brk:
            return k, None
        q = k + 1
        while q < len(toks) and q < k + 3 and not covered[q] and toks[q].cased[:1].isupper() \
                and (q == k + 1 or not toks[q].brk):
            q += 1
        if q == k + 1 or self._country_at(toks, k + 1) is not None:
            return k, None
        return q, " ".join(t.cased for t in toks[k + 1:q])

    def _named_actor(self, toks: list[_Tok], i: int, end: int, named: str | None, iso3: str | None) -> Actor | None:
        if not named:
            return None
        head = " ".join(t.norm for t in toks[i:end])
        c = self.country(iso3)
        for words, pat in self._named:
            if words != head:
                continue
            if pat.names == "ethnic" and named not in self._ethnic:
                continue
            if pat.names == "clan" and named not in self._clans:
                continue
            display = self._ethnic.get(named) or self._clans.get(named) or named.title()
            acled = pat.acled.replace("{name}", display)
            acled = acled.replace("{country}", c.name) if c else acled.replace(" ({country})", "")
            return Actor(text=None, name=acled, acled_name=acled if c or "{country}" not in pat.acled else None,
                         country=c.iso3 if c else None, type=pat.type)
        return None

    def find(self, text: str, offset: int = 0, *, context_country: str | None = None,
             date: Any = None, event_type: str | None = None, role: str | None = None) -> list[ActorMention]:
        """Every known-group and generic actor mention in ``text``, in text order.

        Offsets are shifted by ``offset`` (pass the sentence's start to get article offsets).
        Group mentions absorb a following generic head ("al-Shabaab fighters"); generic heads
        take their country from a demonym/country word before them ("Burkinabe soldiers"),
        "of/from <country>" after them, else ``context_country``.  ``event_type`` (ACLED) and
        ``role`` ("actor1"/"actor2") rename generic people as ACLED would (see :meth:`resolve`).
        """
        toks = _tokens(text)
        mentions = []
        for s_tok, e_tok, actor, kind, place in self._iter_mentions(toks, context_country, _when(date)):
            s, e = toks[s_tok].start, toks[e_tok - 1].end
            if e < len(text) and text[e] == ")" and text.count("(", s, e) > text.count(")", s, e):
                e += 1  # "CPI(M)"
            raw = text[s:e]
            if event_type and (kind != "group" or actor.type == "other"):
                head_text = raw[:raw.rfind(place) - 1].rsplit(" ", 1)[0] if place and place in raw else raw
                kind, actor = self._event_recast(kind, actor, event_type, role, date, context_country, head_text)
            if place and kind == "civilians" and event_type and self._event_roles.get(
                    (event_type.strip().casefold(), role or "actor1"), {}).get("civilians") == "militia":
                kind = "militia"  # "people from Garou attacked ...": a community, named by its place
            if place and kind == "militia" and actor.country:
                c = self.country(actor.country)
                name = f"{place} Communal Militia ({c.name})" if c else None
                actor = Actor(text=raw, name=name, acled_name=name, country=actor.country, type="militia")
            mentions.append(ActorMention(start=s + offset, end=e + offset, text=raw,
                                         actor=_with_text(actor, raw), kind=kind))
        mentions.sort(key=lambda m: (m.start, -m.end))
        return mentions

    def _event_recast(self, kind: str, actor: Actor, event_type: str, role: str | None,
                      date: Any, ctx: str | None = None, mention: str | None = None) -> tuple[str, Actor]:
        """ACLED's name for generic people in an event type/role ("workers" in a protest -> Protesters).

        A party/union/organisation (group of type "other") leading a protest or riot is coded by
        ACLED as the protesters/rioters of its country (the organisation is only associated).
        Herders who are actor1 of political violence in the Sahel/West Africa are coded as the
        ethnic militia listed in ``generic_actors.yaml`` (``armed_herders``).
        """
        et = event_type.strip().casefold()
        rl = role or "actor1"
        if kind == "group":
            table = self._event_roles.get((et, rl), {})
            new = table.get("civilians") or table.get("protesters")
            if new in ("protesters", "rioters", "civilians"):
                country = actor.country or ctx
                return new, self.recast(Actor(text=actor.text, country=country), new, date)
            return kind, actor
        if kind == "unidentified_armed_group" and rl == "actor1":
            other = self._perpetrator_kind(actor.country, event_type)
            if other != kind and other in self.kinds:  # "armed men" killing someone in Mexico: a gang
                return other, self.recast(actor, other, date)
        if kind == "herders" and rl == "actor1" and et in self._herder_events and actor.country in self._herder_countries:
            c = self.country(actor.country)
            acled = self._herder_acled.replace("{country}", c.name) if c else None
            return "named_militia", Actor(text=actor.text, name=acled, acled_name=acled, country=actor.country,
                                          type="militia")
        table = self._event_roles.get((et, rl), {})
        src = kind if kind in table else ("civilians" if kind == "herders" else kind)
        new = table.get(src)
        only = self.data.event_role_heads.get((et, rl, src))
        if new and only is not None:
            words = norm_tokens(mention or actor.text or "")
            if not any(" ".join(words[-k:]) in only for k in (1, 2) if len(words) >= k):
                new = None  # "a man was shot": a victim word, not a community that attacked
        if new:
            return new, self.recast(actor, new, date)
        return kind, actor

    def generic_actor(self, kind: str, iso3: str | None, date: Any = None, *, text: str | None = None) -> Actor:
        """The generic actor of ``kind`` ("protesters", "civilians", "unidentified_armed_group", ...)
        in country ``iso3``: e.g. ``generic_actor("protesters", "CHL")`` -> Protesters (Chile).

        For an event that names nobody ("a protest was held in Santiago"). Raises ValueError for
        an unknown kind (see ``generic_actors.yaml``).
        """
        if kind not in self.kinds:
            raise ValueError(f"unknown generic actor kind {kind!r}; known: {sorted(self.kinds)}")
        return self._entity_actor(kind, self.country(iso3), _when(date), text)

    def default_perpetrator(self, iso3: str | None, date: Any = None, *, event_type: str | None = None) -> Actor:
        """The unnamed perpetrator ACLED codes in ``iso3`` when a text names none ("a man was shot
        dead"): per ``generic_actors.yaml`` (``default_perpetrator``), e.g. "Unidentified Gang (Mexico)"
        for violence against civilians in Mexico, else "Unidentified Armed Group (X)"."""
        return self.generic_actor(self._perpetrator_kind(iso3, event_type), iso3, date)

    def _perpetrator_kind(self, iso3: str | None, event_type: str | None) -> str:
        table = self.data.default_perpetrator.get(iso3 or "", {})
        return table.get((event_type or "").strip().casefold()) or table.get("default") or "unidentified_armed_group"

    def perpetrator(self, text: str, context_country: str | None = None, *, date: Any = None,
                    event_type: str | None = None, exclude: Actor | None = None,
                    offset: int = 0) -> ActorMention | None:
        """The armed actor ``text`` (one sentence) names as acting in a violent event whose parse gave
        none: "a Saudi-led coalition airstrike hit ..." -> Operation Restoring Hope, "a Taliban-planted
        mine" -> Taliban.  Returns the :class:`ActorMention` (offsets shifted by ``offset``), ``None``
        when the sentence names no armed actor.

        Candidates are state forces and armed groups (in a strategic development also a government:
        "the government released 150 prisoners"), never civilians or crowds; a mention that is
        the target ("killing two soldiers", "police were wounded") or the same actor as ``exclude``
        (the event's actor2) or a source ("police said") is skipped; the first mention left wins.
        """
        types = _PERP_TYPES | ({"government"} if (event_type or "").casefold() == "strategic developments" else set())
        for m in self.find(text, offset, context_country=context_country, date=date, event_type=event_type,
                           role="actor1"):
            a = m.actor
            if a.type not in types:
                continue
            if exclude is not None and (a.acled_name or a.name) == (exclude.acled_name or exclude.name):
                continue
            s, e = m.start - offset, m.end - offset
            owner = text[e:e + 1] == "-"  # "a Taliban-planted mine", "a Houthi-fired drone": the owner
            if not owner and (_TARGET_BEFORE.search(text[max(0, s - 30):s]) or _TARGET_AFTER.match(text[e:e + 40])):
                continue
            if SOURCE_AFTER.match(text, e):
                continue  # "police said", "officials believe": a source, not a side
            if not owner and (event_type or "").casefold() in _PLACE_TARGET_TYPES and _names_place(text, e):
                # a bombing or battle "near a police academy", at "an army checkpoint": the place is the
                # target, not the attacker (whereas whoever holds a checkpoint abducts or loots there)
                continue
            return m
        return None

    def _resolve_acled_name(self, text: str, date: Any) -> Actor | None:
        """An ACLED/UCDP generic or state name given verbatim ("Civilians (Niger)",
        "Police Forces of Mexico (2018-) State Police") -> its actor; ``None`` otherwise."""
        if "(" not in text and not text.startswith(("Government of ", "Military Forces of ", "Police Forces of ")):
            return None
        if self.group(text) is not None:
            return None
        from sigact.extract.actor_match import parse_actor_name

        p = parse_actor_name(text, self)
        if p is None or p.country is None:
            return None
        if p.kind == "named_militia":
            c = self.country(p.country)
            acled = f"{p.label} ({c.name})" if c else text
            return Actor(text=text, name=acled, acled_name=acled, country=c.iso3 if c else None, type="militia")
        kind = _PARSED_KIND.get(p.kind, p.kind)
        if kind not in self.kinds:
            return None
        actor = self._entity_actor(kind, self.country(p.country), _when(date), text)
        if p.suffix and actor.acled_name:
            actor = Actor(text=text, name=f"{actor.name} {p.suffix}", acled_name=f"{actor.acled_name} {p.suffix}",
                          country=actor.country, type=actor.type)
        return actor

    def resolve_span(self, text: str, start: int, end: int, context_country: str | None = None, *,
                     date: Any = None, event_type: str | None = None, role: str | None = None) -> Actor:
        """The actor named at ``text[start:end]``, read in its sentence ``text``.

        Uses the :meth:`find` mention overlapping the span most (a group mention wins), so a
        span that cut a name short ("militants" in "presumed JNIM militants", "Police" in
        "Military Police officers") still resolves to the full name; falls back to
        :meth:`resolve` on the span. ``text`` should be a sentence or a short passage.
        """
        best, best_key = None, None
        for m in self.find(text, context_country=context_country, date=date, event_type=event_type, role=role):
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0:
                continue
            key = (m.kind == "group", overlap)
            if best_key is None or key > best_key:
                best, best_key = m, key
        if best is not None:
            return _with_text(best.actor, best.text)
        return self.resolve(text[start:end], context_country, date=date, event_type=event_type, role=role)

    def resolve(self, text: str, context_country: str | None = None, *, date: Any = None,
                event_type: str | None = None, role: str | None = None) -> Actor:
        """The actor a raw mention names, as :class:`Actor` with ``text`` = the raw mention.

        Known groups win over generic heads ("Iranian-backed Kataib Hezbollah militia group"
        -> Kataib Hezbollah); a generic mention gets its country from the mention itself
        ("US military forces" -> USA) else from ``context_country``; ``date`` (ISO string,
        date or year) picks the ACLED government period. A bare country name ("Israel")
        is that country's military; a plural demonym ("Palestinians") its civilians.
        Unknown mentions give an Actor with ``type=None`` and the context country.

        ``event_type`` (ACLED event type) and ``role`` ("actor1"/"actor2", default actor1) rename
        generic people the way ACLED does: civilians/rioters who are actor1 of "Protests" become
        Protesters, civilians/protesters who are actor1 of "Riots" become Rioters, protesters who
        are actor2 of "Violence against civilians" become Civilians.  Named groups never change.
        """
        raw = text
        text = (text or "").strip()
        if not text:
            return Actor(text=raw, name=None, acled_name=None, country=context_country, type=None)
        parsed = self._resolve_acled_name(text, date)
        if parsed is not None:
            return _with_text(parsed, raw)
        mentions = self.find(text, context_country=context_country, date=date, event_type=event_type, role=role)
        best = next((m for m in mentions if m.kind == "group"), None)
        if best is None and mentions:
            best = mentions[0]
        if best is not None:
            return _with_text(best.actor, raw)
        # a bare country ("Israel", "the US and the UK", "Israel and its allies"): its military;
        # a plural demonym ("Palestinians"): its civilians
        for part in re.split(r"\s*(?:,|;|&|\band\b|\bor\b)\s*", text):
            low = " ".join(t for t in norm_tokens(part) if t not in _DETERMINERS)
            cased = " ".join(t for t in norm_tokens(part, keep_case=True) if t.casefold() not in _DETERMINERS)
            c_key = self._country_names.get(low) or self._country_cs.get(cased)
            if c_key:
                return self._entity_actor("military", self.countries[c_key], _when(date), raw)
            c_key = self._country_ci.get(low)
            if c_key:
                actor = self._entity_actor("civilians", self.countries[c_key], _when(date), raw)
                return self._event_recast("civilians", actor, event_type, role, date)[1] if event_type else actor
        return Actor(text=raw, name=re.sub(r"\s+", " ", text), acled_name=None, country=context_country, type=None)


_PARSED_KIND = {"state": "military", "named_militia": None}
_PERP_TYPES = ARMED_ACTOR_TYPES
# a mention right after a verb or preposition of targeting, or right before a casualty verb, is the target
_TARGET_BEFORE = re.compile(r"\b(?:kill\w*|injur\w*|wound\w*|target\w*|against|attack(?:ed|ing|s)? on|on|at|hit(?:ting)?|"
                            r"ambush\w*|shot|shoot\w*|abduct\w*|kidnap\w*|among|including|near|outside|inside|in front of|close to|of them|among them)\s+(?:the\s+|a\s+|an\s+|"
                            r"at least\s+|more than\s+|about\s+|some\s+|several\s+|\w+\s+of\s+|\d+\s+|two\s+|three\s+)*$",
                            re.IGNORECASE)
#: right after a mention: the mention is a source ("police said"), not a side
SOURCE_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:said|say|says|believe[sd]?|reported|report|confirmed|told|stated|"
                           r"claimed|announced|suspect(?:s|ed)?|according)\b", re.IGNORECASE)
_TARGET_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:(?:were|was|had been|have been|has been|are|is)\s+(?:\w+\s+)?(?:killed|injured|"
                           r"wounded|abducted|kidnapped|hurt|shot)|died|dead)\b", re.IGNORECASE)


def _when(date: Any) -> tuple[int | None, int | None] | None:
    return None if date is None else (year_of(date), month_of(date))


def _with_text(actor: Actor, text: str | None) -> Actor:
    return Actor(text=text, name=actor.name, acled_name=actor.acled_name, country=actor.country, type=actor.type)


def actor_matches(pred: Actor | None, gold_name: str | None, *, aliases: ActorResolver | None = None) -> bool:
    """Alias-aware actor scoring rule (see :func:`sigact.extract.actor_match.actor_matches`)."""
    from sigact.extract.actor_match import actor_matches as _am

    return _am(pred, gold_name, aliases=aliases)


def _names_place(text: str, end: int) -> bool:
    """Returns True when the word right after a mention ending at ``end`` is a place or facility
    noun (``not_actor_heads.places`` of triggers.yaml): "police academy", "army base"."""
    from sigact.extract.lexicon import load_lexicon

    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    w = m.group(1).lower()
    heads = load_lexicon().place_heads
    return w in heads or (w.endswith("s") and w[:-1] in heads)


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
#: event types whose place noun after an actor ("police academy", "army base") names a target
_PLACE_TARGET_TYPES = {"explosions/remote violence", "battles"}
