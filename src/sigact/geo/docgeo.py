"""Per-article place results: :class:`DocGeo` (what ``GeoResolver.analyze`` returns) and
:class:`PlaceMention`.  ``place_for``/``country_near`` are the event-location API the
extractor calls per clause.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from sigact.geo.countries import country_name, geonames_capitals
from sigact.geo.gazetteer import Gazetteer
from sigact.model import PRECISIONS, Evidence, Place
from sigact.resources import packaged_yaml_once

__all__ = ["DocGeo", "PlaceMention", "cue_country", "event_adjuncts", "stray_place"]

_PRECISION_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_REFERENCE = re.compile(r"\b(?:near|outside|close to|next to|not far from|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
                        r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|"
                        r"\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:away\s+)?from)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+|capital\s+)?$", re.I)


#: how far after an event clause a place (an admin chain, a trailing "in X") may still be its place
_AFTER_CHARS = 120
#: an event of the national government: no place named means the seat of government
_NATIONAL = re.compile(
    r"\b(?:government|govt|ministry|minister|ministers|president|presidential|parliament|national assembly|"
    r"senate|cabinet|federal|supreme court|constitutional court|high court|regime|intelligence services?|"
    r"national police|national guard|electoral commission|central bank|the capital)\b", re.I)
# what follows the place of a news dateline: "KHARTOUM, Feb 24 -", "KANO, Nigeria (AP) -", "DOHA, Qatar —"
DATELINE_TAIL = re.compile(r"(?:,\s*[A-Z][\w .'-]{0,30})?\s*(?:\([^)\n]{1,30}\))?\s*[-—–:]\s")
_CAPITAL_AFTER = re.compile(r"(?:'s|’s)?\s+capital\b", re.I)


def _event_place_cues(data: Any) -> tuple[re.Pattern[str], frozenset[str]]:
    """(regex of the maritime cues, purpose-introducing verbs) from ``data/event_places.yaml``."""
    cues = sorted((str(c).lower() for c in data["maritime_cues"]), key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues) + r")\b", re.I)
    return pattern, frozenset(str(v).lower() for v in data.get("purpose_heads") or ())


def _cues() -> tuple[re.Pattern[str], frozenset[str]]:
    return packaged_yaml_once("sigact.geo", "data/event_places.yaml", _event_place_cues, "event place cues")


def event_adjuncts(doc: Any) -> list[tuple[int, int]]:
    """Char ranges ``(start, end)`` of the clauses in ``doc`` (a parsed spaCy Doc) that describe
    something other than the clause they hang from: infinitival purpose adjuncts ("to stop ...",
    "in an attempt to stop ...", "aimed at stopping ..."), relative clauses and participles on a noun
    ("the group targeting shipping ...", "Houthis, who have attacked ships ...").  A place or a cue
    inside one is not evidence about the event of the clause around it.  Returns them in text order."""
    _pattern, purpose_heads = _cues()
    out: list[tuple[int, int]] = []
    for t in doc:
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("advcl", "acl") and \
                any(c.dep_ in ("aux", "mark") and c.lower_ == "to" for c in t.children):
            pass
        elif t.dep_ in ("relcl", "acl") and t.pos_ in ("VERB", "AUX"):
            pass
        elif t.dep_ == "prep" and t.head.lower_ in purpose_heads:
            pass
        else:
            continue
        out.append((t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)))
    return sorted(set(out))


_LOCAL_CUE = re.compile(r"(?:\b(north|south|east|west)(?:ern)?\s+)?\b([A-Z][\w'’-]+?)(?:(?:'s|’s)\s+(?:[a-z-]+\s+)?|\s+"
                        r"(?:[a-z-]+\s+)?(?:village|town|city|hamlet|locality|district|municipality|commune|"
                        r"province|region|area|port|suburb|neighbou?rhood|camp)s?\s+(?:of\s+)?)$")


def cue_country(text: str, start: int) -> tuple[str | None, str | None]:
    """(ISO3, direction) named by the words right before ``text[start:]``: "the southern Lebanese village
    of X" -> ("LBN", "south"), "Syria's X" -> ("SYR", None); ``(None, None)`` when they name no country."""
    from sigact.geo.countries import demonym_to_iso3, to_iso3

    cue = _LOCAL_CUE.search(text[max(0, start - 60):start])
    if not cue:
        return None, None
    iso = demonym_to_iso3(cue.group(2)) or to_iso3(cue.group(2))
    return (iso, cue.group(1).lower() if cue.group(1) and iso else None) if iso else (None, None)


def stray_place(text: str, start: int, iso3: str, gaz: Gazetteer | None = None) -> Place:
    """The coarse place for a name at ``text[start:]`` that the gazetteer only knows as a namesake abroad:
    the country the words before it name ("the southern Lebanese village of X"), else ``iso3`` (the
    article's focus); the region of that country they point to when the gazetteer holds it ("South
    Lebanon"), else the country at precision country."""
    gaz = gaz or Gazetteer.default()
    cue_iso, side = cue_country(text, start)
    iso3 = cue_iso or iso3
    name = country_name(iso3)
    if side and name:
        for query in (f"{side.capitalize()} {name}", f"{side.capitalize()}ern {name}"):
            units = [c for c in gaz.lookup(query) if c.country == iso3 and c.quality == 0
                     and c.kind in ("region", "admin1") and c.lat is not None]
            if units:
                u = units[0]
                return Place(text=None, name=u.display_name, admin1=u.admin1 if u.kind == "admin1" else None,
                             country=iso3, precision=u.precision, lat=round(u.lat, 5), lon=round(u.lon, 5),
                             geonameid=u.geonameid)
    cand = gaz.country(iso3)
    return Place(text=None, name=name, country=iso3, precision="country",
                 lat=cand.lat if cand else None, lon=cand.lon if cand else None)


def _seat_names(data: Any) -> dict[str, str]:
    """ISO3 -> seat of government: the GeoNames capitals, overridden by ``data/seats.yaml``."""
    names = dict(geonames_capitals())
    names.update(data or {})
    return names


@lru_cache(maxsize=256)
def _seat(iso3: str, gaz: Gazetteer) -> Any:
    """The gazetteer town that is the seat of government of ``iso3`` (``data/seats.yaml`` where ACLED
    codes another town than the constitutional capital, else the GeoNames capital); ``None`` if unknown."""
    name = packaged_yaml_once("sigact.geo", "data/seats.yaml", _seat_names, "seats of government").get(iso3)
    if not name:
        return None
    towns = [c for c in gaz.lookup(name) if c.kind == "city" and c.country == iso3 and c.lat is not None]
    return max(towns, key=lambda c: (c.quality == 0, c.population)) if towns else None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A resolved toponym: ``[start, end)`` char offsets into ``doc.text``.

    ``role``: ``place`` (a location), ``modifier`` (a place naming an institution or
    nationality: "the Baghdad government"), ``org`` (inside an organisation name), ``neighbour``
    (a country named for orientation: "near the border with Nigeria").
    ``site`` is true after a locative preposition ("in", "at", "near"...).
    """

    start: int
    end: int
    text: str
    place: Place
    role: str = "place"
    site: bool = False
    score: float = 0.0
    confident: bool = True
    countries: tuple[str, ...] = ()
    kind: str = ""  # the gazetteer kind of the resolved entry ("city", "water", ...); "" when unknown


@dataclass
class DocGeo:
    """Places of one article.  ``focus_country`` is ISO3 (``None`` when the text names none)."""

    text: str
    focus_country: str | None
    mentions: list[PlaceMention]
    country_weights: dict[str, float] = field(default_factory=dict)
    hints: list[tuple[int, int, str, str]] = field(default_factory=list)  # (start, end, iso3, demonym|group)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    adjuncts: list[tuple[int, int]] = field(default_factory=list)  # see event_adjuncts()
    gaz: Gazetteer | None = field(default=None, repr=False, compare=False)

    def _paragraph(self, pos: int) -> tuple[int, int]:
        for a, b in self.paragraphs:
            if a <= pos < b:
                return a, b
        return 0, len(self.text)

    def _sentence(self, start: int, end: int) -> tuple[int, int]:
        """Char extent of the sentence(s) overlapping [start, end), within its paragraph."""
        sa, sb = start, end
        for a, b in self.sentences:
            if a < end and b > start:
                sa, sb = min(sa, a), max(sb, b)
        return sa, sb

    def _pick_in_span(self, start: int, end: int, skip: frozenset[int] = frozenset()) -> PlaceMention | None:
        inside = [m for m in self.mentions if m.start >= start and m.end <= end and m.role == "place"
                  and m.start not in skip]
        if not inside:
            return None
        # "the deal between Khartoum and JEM was reached in Chad": a town of another country than the
        # place the clause names after "in/at" is an actor or a reference, not the event's place
        sited = {m.place.country for m in inside if m.site and m.place.country}

        def key(m: PlaceMention) -> tuple:
            prec = _PRECISION_RANK.get(m.place.precision or "country", 4)
            if not m.site and prec < 4 and m.place.country and sited and m.place.country not in sited:
                return (0.25, m.confident, -prec, True, m.score)
            # a site-cued place ("in/at/near X") first, most specific first; a bare country named after
            # "in" ranks below a town named without a cue ("Rebels attacked Kaga-Bandoro ... in CAR")
            if m.place.precision == "site" or (m.site and prec < 4):
                tier = 2
            elif prec < 4:
                tier = 1
            else:
                tier = 0.5 if m.site else 0
            # "in Croix-des-Bouquets, near Port-au-Prince": of two places alike, the reference point loses
            ref = any(o.start < m.start and o.site for o in inside) and bool(_REFERENCE.search(
                self.text[max(0, m.start - 40):m.start]))
            return (tier, m.confident, -prec, not ref, m.score)

        return max(inside, key=key)

    def _place_of(self, m: PlaceMention) -> Place:
        if m.confident or m.place.country is None:
            return m.place
        return self._country_place(m.place.country, text=m.text)

    def _country_place(self, iso3: str, text: str | None = None) -> Place:
        cand = (self.gaz or Gazetteer.default()).country(iso3)
        return Place(text=text, name=country_name(iso3), country=iso3, precision="country",
                     lat=cand.lat if cand else None, lon=cand.lon if cand else None)

    def place_for(self, start: int, end: int) -> tuple[Place, Evidence | None] | None:
        """Best place for an event expressed by chars ``[start, end)``; ``None`` if nothing is known.

        A place inside the span (after "in/at/near", most specific first), else the
        nearest preceding place in the paragraph, else the dateline, else the focus
        country at precision "country" (with no evidence).
        """
        skip = self._off_event_waters(start, end)
        # a dateline ("BOGOTA, Dec 19 - ...") sharing the clause's sentence is where the story was filed,
        # not a place the clause names: inside the span it yields to any other place
        inside_skip = skip | self._dateline_starts
        m = self._pick_in_span(start, end, inside_skip)
        if m is None or (m.place.precision == "country" and m.place.country):
            # the clause names no place, or only a country: the rest of its sentence may name the town
            # ("clashed ... in Ahmedabad"; "in Resistencia (Chaco), members protested ... in Argentina")
            sa, sb = self._sentence(start, end)
            if (sa, sb) != (start, end):
                m2 = self._pick_in_span(sa, sb, inside_skip)
                if m is None or (m2 is not None and m2.place.country == m.place.country
                                 and m2.place.precision != "country"):
                    m = m2
        m = self._town_before(m, start)
        if m is None:
            pa, pb = self._paragraph(start)
            before = [x for x in self.mentions if x.role == "place" and pa <= x.start < start and x.start not in skip]
            if before:
                m = max(before, key=lambda x: (x.site, x.end))
            else:  # "... shot a trader in Gogounou [Gogounou-Centre] (Gogounou, Alibori)": the chain right after
                after = [x for x in self.mentions if x.role == "place" and end <= x.start < min(pb, end + _AFTER_CHARS)
                         and x.start not in skip]
                if not after:  # later in the paragraph: a place of the article's country ("... It happened in Y.")
                    after = [x for x in self.mentions if x.role == "place" and end <= x.start < pb and x.site
                             and x.place.country and x.place.country == self.focus_country]
                if after:
                    m = min(after, key=lambda x: x.start)
            m = self._town_before(m, start)
        if m is None:
            local = self._hint_country(start, end)
            if local:
                # the country of a group the clause names ("strikes against the Houthis" -> Yemen); where it
                # stands in for a sea the sentence named but the event did not happen in, the group's name is
                # the evidence, so the place counts as named in the event's own sentence (elsewhere a group's
                # home country is weaker: the LRA fights abroad); a group of several countries (Boko Haram:
                # Nigeria, Cameroon...) only suggests one
                spans = {(a, b) for a, b, iso, kind in self.hints
                         if iso == local and kind == "group" and start <= a and b <= end}
                hint = min((ab for ab in spans if {iso for a, b, iso, kind in self.hints
                                                   if (a, b) == ab and kind == "group"} == {local}), default=None)
                ev = Evidence(field="location", start=hint[0], end=hint[1], text=self.text[hint[0]:hint[1]]) \
                    if hint and skip else None
                return self._seat_or_country(local, start, end), ev
        if m is None and self.mentions:
            first = min(self.mentions, key=lambda x: x.start)
            if first.role == "place" and first.start < 80 and self._is_dateline(first):
                m = first
        if m is not None and m.place.precision == "country" and m.place.country and \
                _CAPITAL_AFTER.match(self.text, m.end):  # "gunmen killed four in the Burundi capital"
            seat = _seat(m.place.country, self.gaz or Gazetteer.default())
            if seat is not None:
                return self._seat_place(seat, m.place.country), Evidence(
                    field="location", start=m.start, end=m.end, text=m.text)
        if m is not None:
            place = self._place_of(m)
            if place.country is None:
                iso = self._water_country(m, start, end)
                if iso:
                    place = Place(**{**place.to_dict(), "country": iso})
            return place, Evidence(field="location", start=m.start, end=m.end, text=m.text)
        if self.focus_country:
            return self._seat_or_country(self.focus_country, start, end), None
        return None

    @cached_property
    def _dateline_starts(self) -> frozenset[int]:
        """Start offsets of the places of the article's dateline ("KHARTOUM, Feb 24 -", "KANO, Nigeria
        (AP) -"); empty when the article opens with no dateline (computed once per document)."""
        if not self.mentions:
            return frozenset()
        first = min(self.mentions, key=lambda x: x.start)
        tail = DATELINE_TAIL.match(self.text, first.end, first.end + 60)
        if first.role == "place" and (first.start == 0 or self.text[first.start - 1] == "\n") and tail:
            stop = tail.end()
            return frozenset(m.start for m in self.mentions if first.start <= m.start < stop)
        return frozenset()

    def _off_event_waters(self, start: int, end: int) -> frozenset[int]:
        """Start offsets of the sea/lake mentions (kind ``water``) that cannot be the place of the event
        at ``[start, end)``: its sentence, without the purpose adjuncts and relative clauses that do not
        hold the event ("strikes on the Houthis in an attempt to stop them targeting shipping in the Red
        Sea"), says nothing about ships, navies or fishermen.  Returns an empty set when it does."""
        waters = [m for m in self.mentions if m.kind == "water"]
        if not waters:
            return frozenset()
        sa, sb = self._sentence(start, end)
        keep = [(sa, sb)]
        for a, b in self.adjuncts:
            if a <= start and end <= b:
                continue  # the event's own clause
            keep = [piece for ka, kb in keep for piece in ((ka, min(kb, a)), (max(ka, b), kb)) if piece[0] < piece[1]]
        pattern, _heads = _cues()
        if any(pattern.search(self.text, ka, kb) for ka, kb in keep):
            return frozenset()
        return frozenset(m.start for m in waters)

    def _town_before(self, m: PlaceMention | None, start: int) -> PlaceMention | None:
        """``m``, or, when ``m`` is a bare country, the last site-cued town of that country named before
        ``start`` in the paragraph: "protested in Pula, Croatia ... one of several protests in Croatian
        cities" or "... in Pula, Croatia. The rally was dispersed" place the event at Pula, not Croatia."""
        if m is None or m.place.precision != "country" or not m.place.country:
            return m
        pa, _pb = self._paragraph(start)
        dateline = self._dateline_starts  # "BAMAKO (Reuters) - ... in central Mali": where it was filed
        earlier = [x for x in self.mentions if x.role == "place" and pa <= x.start < start and x.site
                   and x.confident and x.place.country == m.place.country and x.place.precision != "country"
                   and x.start not in dateline]
        return max(earlier, key=lambda x: x.end) if earlier else m

    def _seat_or_country(self, iso3: str, start: int, end: int) -> Place:
        """The country as the place of an event that names none; when its sentence is about the
        national government ("the ministry announced", "parliament passed"), the seat of government
        instead (ACLED codes such events at the capital), still at precision ``country``."""
        sa, sb = self._sentence(start, end)
        if _NATIONAL.search(self.text[sa:sb]):
            seat = _seat(iso3, self.gaz or Gazetteer.default())
            if seat is not None:
                return self._seat_place(seat, iso3)
        return self._country_place(iso3)

    @staticmethod
    def _seat_place(seat: Any, iso3: str) -> Place:
        """The seat of government as a place: its town and admin1 named, precision ``country``."""
        return Place(text=None, name=seat.display_name, admin1=seat.admin1, country=iso3,
                     lat=round(seat.lat, 5) if seat.lat is not None else None,
                     lon=round(seat.lon, 5) if seat.lon is not None else None, precision="country",
                     geonameid=seat.geonameid)

    def _is_dateline(self, m: PlaceMention) -> bool:
        tail = self.text[m.end:m.end + 40]
        return bool(re.match(r"^(,\s*[A-Z][\w .'-]+)?\s*(\([^)]{1,30}\))?\s*[-—–:]", tail)) or self.text[
            m.start:m.end].isupper()

    def _water_country(self, m: PlaceMention, start: int, end: int) -> str | None:
        cands = m.countries
        if not cands:
            return None
        local: dict[str, float] = defaultdict(float)
        for a, b, iso, _kind in self.hints:
            if start <= a and b <= end:
                local[iso] += 2.0
        for iso, w in self.country_weights.items():
            local[iso] += w
        best = max(cands, key=lambda c: local.get(c, 0.0))
        return best if local.get(best, 0.0) > 0 else None

    def _hint_country(self, start: int, end: int, kinds: tuple[str, ...] = ("group",)) -> str | None:
        local: dict[str, float] = defaultdict(float)
        for a, b, iso, kind in self.hints:
            if start <= a and b <= end and kind in kinds:
                local[iso] += 1.0
        return max(local.items(), key=lambda kv: kv[1])[0] if local else None

    def country_near(self, start: int, end: int) -> str | None:
        """ISO3 country context for generic actors ("soldiers", "police") in ``[start, end)``."""
        m = self._pick_in_span(start, end)
        if m is not None and m.site:
            iso = m.place.country or self._water_country(m, start, end)
            if iso:
                return iso
        local: dict[str, float] = defaultdict(float)
        for a, b, iso, kind in self.hints:
            if start <= a and b <= end:
                local[iso] += 1.0 if kind == "group" else 0.5
        if m is not None and m.place.country:
            local[m.place.country] += 1.2  # a place named in the clause outweighs a group hint
        if local:
            return max(local.items(), key=lambda kv: kv[1])[0]
        res = self.place_for(start, end)
        if res is not None and res[0].country:
            return res[0].country
        return self.focus_country
