"""Toponym detection and resolution for one article, and the event-location API.

:class:`GeoResolver` turns a spaCy ``Doc`` into a :class:`DocGeo`: every
resolved toponym with its character offsets, the article's focus country, and
``place_for``/``country_near`` that the event extractor calls per clause.

The work is split over the package: :mod:`sigact.geo.detect` finds candidate
toponyms (spaCy entities, cue phrases, admin chains, capitalised n-grams),
:mod:`sigact.geo.roles` gives them roles and links "Town, Admin1" chains,
:mod:`sigact.geo.evidence` collects country evidence that is no toponym
(demonyms, armed groups, outlets), and :mod:`sigact.geo.scoring` weighs each
candidate against that evidence.  This module ties them together: the country
weights of the text, two rounds of choosing, the admin chains' parents, which
mentions stay, and the focus country.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import replace
from typing import Any

from sigact.geo.build import skeleton_key
from sigact.geo.countries import haversine_km
from sigact.geo.detect import Detection, Span, lookup
from sigact.geo.docgeo import DocGeo, PlaceMention, cue_country, event_adjuncts, stray_place
from sigact.geo.evidence import group_words, is_group_name, outlet_hints, text_hints
from sigact.geo.gazetteer import Candidate, Gazetteer, ascii_name
from sigact.geo.lexicon import NOT_PLACE, false_positive_rules
from sigact.geo.roles import assign_roles
from sigact.geo.scoring import (
    agreeing_votes, choose_best, demonym_only_countries, keep_mention, lone_place, named_capital, seat_towns,
    stray_namesakes,
)
from sigact.model import Place

__all__ = ["GeoResolver", "DocGeo", "PlaceMention"]


class GeoResolver:
    """Finds and resolves the places of an article.  Build once per process with :meth:`default`."""

    _default: "GeoResolver | None" = None
    _lock = threading.Lock()

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or Gazetteer.default()

    @classmethod
    def default(cls) -> "GeoResolver":
        """The process-wide resolver (the gazetteer is built on disk on first use)."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    # ---- detection -------------------------------------------------------------------------
    def _lookup(self, text: str) -> tuple[Candidate, ...]:
        """Gazetteer candidates for a mention (leading "the" dropped when needed)."""
        return lookup(self.gaz, text)

    def _detect(self, doc: Any) -> tuple[list[Span], list[tuple[int, int, str, str]], list[tuple[float, float]]]:
        """Candidate toponym spans (with roles and admin chains), country hints
        ``(start, end, iso3, demonym|group)`` and point priors of ``doc``."""
        det = Detection(doc, self.gaz)
        det.run()
        spans = assign_roles(doc, det.spans, det.org_ranges, self.gaz)
        hints, priors = text_hints(doc, det.taken, det.norp_taken)
        return spans, hints, priors

    # ---- resolution -----------------------------------------------------------------------
    def analyze(self, doc: Any) -> DocGeo:
        """Detect and resolve the places of ``doc`` (a spaCy Doc of the article)."""
        text = doc.text
        spans, hints, priors = self._detect(doc)
        hints.extend(outlet_hints(self.gaz, text, hints))
        for sp in spans:
            cands = full = self._lookup(sp.alias or sp.text)
            if sp.alias:  # an abbreviation ("TS"): only the admin1 it stands for
                cands = tuple(c for c in cands if c.kind == "admin1")
            if sp.kind_hint == "admin":
                pref = [c for c in cands if c.kind in ("admin1", "admin2", "region")]
                cands = tuple(pref) or cands
            elif sp.kind_hint == "settlement":  # "Bossangoa town"; "CAR town" is a town in CAR
                pref = [c for c in cands if c.kind in ("city", "camp", "site") or (c.kind == "country" and c.quality == 0)]
                cands = tuple(pref) or cands
            # a parent ("Bara in Idleb", "(Nalanda district, Bihar)") names the admin unit, not its seat
            sp.cands = cands if sp.is_parent or sp.paren_tail or sp.kind_hint == "admin" else seat_towns(cands, full)
        spans = [s for s in spans if (s.cands or s.source == "fuzzy") and not self._false_toponym(s)]
        self._ambiguous_countries(text, spans)

        first_line = re.match(r"[^\n]*", text)
        headline_end = first_line.end() if first_line and first_line.end() < 200 and "\n" in text else 0
        weights: dict[str, float] = defaultdict(float)
        hinted: set[tuple[int, int]] = set()
        for a, b, iso, kind in hints:
            if kind == "group":  # a group of several countries: the usual one 0.6, the others 0.4
                weights[iso] += 0.4 if (a, b) in hinted else 0.6
                hinted.add((a, b))
            else:
                weights[iso] += 0.3
        for sp in spans:
            if sp.source == "weak" or (sp.role == "org" and all(c.quality >= 1 for c in sp.cands)):
                continue  # "Kerman Coal Mine Company": an alternate name inside an organisation says nothing
            isos = {c.country for c in sp.cands if c.country}
            w = (1.5 if sp.site else 1.0) if sp.role == "place" else 0.1 if sp.role == "neighbour" else 0.4
            if sp.start < headline_end and sp.site:
                w *= 2
            if sp.paren_tail and any(c.kind == "admin1" for c in sp.cands) and \
                    any(c.kind == "country" and c.quality == 0 for c in sp.cands):
                continue  # "(Rafi LGA, Niger)": a country or a state of that name; the context decides
            if any(c.kind == "country" and c.quality == 0 for c in sp.cands):
                iso = next(c.country for c in sp.cands if c.kind == "country")
                weights[iso] += w
            elif len(isos) == 1:
                sp.own_iso, sp.own_weight = next(iter(isos)), 0.8 * w
                weights[sp.own_iso] += sp.own_weight

        agreeing_votes(spans, weights)

        widened: list[Span] = []
        for sp in spans:
            # "Beni territory" with "ADF" in the text: GeoNames has no admin2 of DR Congo, only the town;
            # a same-named town of a country the text points to competes with the admin unit abroad
            if sp.kind_hint != "admin" or not any(c.kind in ("admin1", "admin2", "region") for c in sp.cands):
                continue
            admin_isos = {c.country for c in sp.cands}
            extra = [c for c in self._lookup(sp.text) if c.kind == "city" and c.quality == 0
                     and c.country not in admin_isos and weights.get(c.country or "", 0.0) > 0]
            if extra:
                sp.cands += tuple(extra)
                widened.append(sp)
        for sp in spans:  # skeleton matches stand only where the context confirms them
            if sp.source != "fuzzy":
                continue
            codes = {p.admin1_code for par in sp.parents for p in par.cands if p.kind in ("admin1", "region")}
            fits = [c for c in self.gaz.fuzzy(sp.text) if c.kind == "city" and (
                c.admin1_code in codes or (not codes and weights.get(c.country or "", 0.0) > 0))]
            sp.cands = tuple(fits)
        spans = [s for s in spans if s.cands]
        for _round in range(2):
            for sp in spans:
                choose_best(sp, weights, spans, priors)
            if _round == 0:
                extra: dict[str, float] = defaultdict(float)
                for sp in spans:
                    # a weak span ("Labor" of "Labor Day": La Labor, Mexico) only adds to a country already named
                    if sp.best is not None and sp.best.country and sp.best.kind != "country" and sp.margin > 1.0 \
                            and sp.supported and not sp.own_iso and (
                            sp.source != "weak" or weights.get(sp.best.country, 0.0) > 0):
                        extra[sp.best.country] += 0.5
                        sp.own_iso, sp.own_weight = sp.best.country, 0.5
                for k, v in extra.items():
                    weights[k] += v
                for sp in widened:  # its own evidence goes to the country it resolved to
                    if sp.best is not None and sp.own_iso and sp.best.country and sp.best.country != sp.own_iso:
                        weights[sp.own_iso] -= sp.own_weight
                        sp.own_iso = sp.best.country
                        weights[sp.own_iso] += sp.own_weight

        for sp in spans:  # "Winder, Georgia": the parent is the admin1 its child lies in
            if sp.best is None or sp.parent_mismatch:
                continue
            for par in sp.parents:
                fit = [p for p in par.cands if p.kind in ("admin1", "region") and p.admin1_code
                       and p.admin1_code == sp.best.admin1_code]
                fit = fit or [p for p in par.cands if p.kind == "country" and p.country == sp.best.country]
                if fit and par.best is not None and par.best.id != fit[0].id:
                    par.best, par.margin, par.supported = fit[0], max(par.margin, 2.0), True
        # evidence from places that are themselves unsupported does not count against others
        # (nor does that of places dropped for lying outside the admin unit named next to them)
        unsupported = sum(sp.own_weight for sp in spans if sp.best is not None and sp.own_iso and (
            not sp.supported or sp.parent_mismatch or sp.outside_ctx))
        demonym_weight = 0.3 * sum(1 for h in hints if h[3] == "demonym")
        # "Al Hawban checkpoint (At Taiziyah, Taizz) ... freed in Al Hawban": a name repeated
        # without its chain is the same place, so it falls with the chained mention it repeats
        mismatched = {sp.text.casefold() for sp in spans if sp.parent_mismatch and sp.best is not None}
        for sp in spans:
            if not sp.parents and sp.best is not None and sp.text.casefold() in mismatched and any(
                    o.parent_mismatch and o.best is not None and o.best.country == sp.best.country
                    and o.text.casefold() == sp.text.casefold() for o in spans):
                sp.parent_mismatch = True
        removed: dict[str, float] = defaultdict(float)
        mentions: list[PlaceMention] = []
        strays = stray_namesakes(text, spans, weights)
        kept_strays: list[Span] = []
        for sp in spans:
            c = sp.best
            if c is None:
                continue
            # an alternate name that looks like the primary one ("Nabatieh" ~ "Nabatiye"), not a historic
            # or foreign-language name ("Lamy" for N'Djamena, "Boni" for Bonn)
            lone = lone_place(sp, weights, demonym_weight) and (
                ascii_name(sp.text).casefold()[:4] == ascii_name(c.name).casefold()[:4]
                or skeleton_key(sp.text) == skeleton_key(c.name))  # "Tell Abiad" ~ "Tall Abyad"
            only_demonyms = lone_place(sp, weights, demonym_weight)
            # "rocket fired from Gaza struck near Shama": a name matched only through an alternate name
            # (Shama Junction, Ghana) is dropped when another place of the text lies nowhere near it
            rival = c.quality >= 1 and any(o is not sp and o.source != "weak" and o.role == "place" and o.cands and
                        c.lat is not None and
                        all(x.country != c.country and x.lat is not None and
                            haversine_km(x.lat, x.lon, c.lat, c.lon) > 1500 for x in o.cands) for o in spans)
            named_in = sp.site or sp.paren_tail or sp.is_parent or bool(
                re.search(r"\b(?:in|of|near|around|across)\s+(?:the\s+)?$", text[max(0, sp.start - 12):sp.start]))
            if not keep_mention(sp, c, weights, unsupported, lone, only_demonyms, rival,
                              demonym_weight if named_in else -1.0):
                if sp.own_iso:
                    removed[sp.own_iso] += sp.own_weight
                if id(sp) in strays and cue_country(text, sp.start)[0]:
                    kept_strays.append(sp)  # "the Lebanese village of X": a place, though not the namesake
                continue
            if id(sp) in strays:  # a namesake abroad that only its own name points to: see after the focus
                if sp.own_iso:
                    removed[sp.own_iso] += sp.own_weight
                kept_strays.append(sp)
                continue
            supported = sp.supported
            single_country = len({x.country for x in sp.cands}) == 1
            confident = (sp.margin > 0.3 or single_country) and (
                supported or c.population >= 1_000_000 or c.kind != "city" or (single_country and c.quality == 0)
                or named_capital(sp, c)
                or (single_country and c.quality == 1 and sp.site and lone))
            if not confident and c.kind == "city":
                # "in Hama", "town in Dar'a": unsure of the town but its name is its admin1's own name;
                # the admin1 (coarse and right), not the bare country the unsure town would give
                own = [x for x in sp.cands
                       if x.kind == "admin1" and x.quality == 0 and x.admin1_code == c.admin1_code]
                if own:
                    c, confident = own[0], True
            admin1 = c.admin1 if c.kind != "country" else None
            if admin1 is None and c.kind not in ("country", "water", "region") and c.country and c.lat is not None:
                admin1 = self.gaz.admin1_at(c.country, c.lat, c.lon)  # "Al Watiyah airbase": its town's admin1
            place = Place(
                text=sp.text, name=c.display_name, admin1=admin1,
                admin2=c.admin2, country=c.country, lat=round(c.lat, 5) if c.lat is not None else None,
                lon=round(c.lon, 5) if c.lon is not None else None, precision=c.precision,
                geonameid=c.geonameid,
            )
            place = self._prior_region(place, c, priors)
            mentions.append(PlaceMention(sp.start, sp.end, sp.text, place, role=sp.role, site=sp.site,
                                         score=round(sp.score, 3), confident=confident,
                                         countries=c.all_countries, kind=c.kind))

        for iso, w in removed.items():
            weights[iso] -= w
        weights = defaultdict(float, {k: round(v, 6) for k, v in weights.items() if v > 1e-6})
        focus = max(weights.items(), key=lambda kv: kv[1])[0] if weights else None
        dem_only = demonym_only_countries(hints, spans)
        if focus in dem_only and weights[focus] - dem_only[focus] < 1e-6:
            # "Albanians protest in Mitrovica": a people named is weak evidence against a place named
            # outright (after a site preposition, its name like the gazetteer's) in another country
            named = [m for m in mentions if m.site and m.role == "place" and m.kind not in ("country", "water")
                     and m.place.country and m.place.country != focus
                     and ascii_name(m.text).casefold()[:4] == ascii_name(m.place.name).casefold()[:4]]
            if len({m.place.country for m in named}) == 1:
                focus = named[0].place.country
        if focus and kept_strays:  # "the southern Lebanese village of Shama" (Shama Junction, Ghana): the focus
            cued: dict[str, int] = {}  # a name -> the first of its mentions that the words before place
            for sp in kept_strays:
                if cue_country(text, sp.start)[0]:
                    cued.setdefault(ascii_name(sp.text).casefold(), sp.start)
            for sp in kept_strays:  # country, or its region the text points to, at coarse precision
                at = cued.get(ascii_name(sp.text).casefold(), sp.start)
                mentions.append(PlaceMention(sp.start, sp.end, sp.text, stray_place(text, at, focus, self.gaz),
                                             role=sp.role, site=sp.site, score=round(sp.score, 3), kind="country"))
            mentions.sort(key=lambda m: m.start)
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        try:
            sentences = [(st.start_char, st.end_char) for st in doc.sents]
        except ValueError:  # no sentence boundaries set
            sentences = []
        return DocGeo(text=text, focus_country=focus, mentions=mentions, country_weights=dict(weights),
                      hints=hints, paragraphs=paragraphs, sentences=sentences, adjuncts=event_adjuncts(doc),
                      gaz=self.gaz)

    @staticmethod
    def _false_toponym(sp: Span) -> bool:
        """True when a span is no place whatever the gazetteer holds: a common Spanish/French/Portuguese
        news word ("Emboscada"), or an armed group's name ("Hamas": Hamm by an alternate name) or a
        near spelling of one that only an alternate or skeleton name matches."""
        words, _ = false_positive_rules()
        if ascii_name(sp.text).casefold() in words or sp.text.casefold() in words:
            return True
        if sp.kind_hint == "settlement" and sp.text.strip().casefold() in NOT_PLACE:
            return True  # "the Christian town of Maaloula": "Christian" (Moundridge, Kansas) is no place
        if not is_group_name(sp.text):
            return False
        exact = re.sub(r"(?:'s|’s)$", "", ascii_name(sp.text.strip()).casefold())
        words = group_words()
        if exact in words or (exact.endswith("s") and exact[:-1] in words):
            # the group's own name: a region or admin unit of that name stays ("Puntland", "Jubaland")
            return not any(c.quality == 0 and c.kind in ("region", "admin1", "country") for c in sp.cands)
        return sp.source == "fuzzy" or all(c.quality >= 1 for c in sp.cands)

    def _ambiguous_countries(self, text: str, spans: list[Span]) -> None:
        """"eastern Congo", "Congo" with Kivu/M23/FARDC in the text: the name two states share is
        read as the alternative state (DR Congo) where the text supports it.  Sets ``cands`` in place."""
        _, rules = false_positive_rules()
        for sp in spans:
            key = re.sub(r"^the\s+", "", sp.text.strip(), flags=re.I)
            rule = rules.get(key)
            if rule is None or not any(c.kind == "country" and c.country == rule["default"] for c in sp.cands):
                continue
            before = text[max(0, sp.start - 30):sp.start].lower()
            directed = any(re.search(rf"\b{re.escape(w)}\s+(?:the\s+)?$", before) for w in rule.get("before") or ())
            cued = any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in rule.get("cues") or ())
            against = any(re.search(rf"(?<!Democratic )(?<![\w-]){re.escape(w)}(?![\w-])", text)
                          for w in rule.get("against") or ())
            alt = self.gaz.country(rule["alternative"])
            if alt is not None and (directed or (cued and not against)):
                sp.cands = (replace(alt, quality=0),)


    def _prior_region(self, place: Place, c: Candidate, priors: list[tuple[float, float]]) -> Place:
        """``place``, or, when the text's hints put its events near a point (an OSCE SMM report: Donbas)
        and ``c`` is a small village of that country far (> 250 km) from every such point, the same
        name placed in the admin1 around the nearest point at precision ``admin1``: the gazetteer
        lacks the village meant and holds a same-named one elsewhere ("near Lozove": Donetsk, not Crimea).
        """
        if not priors or c.kind != "city" or c.population >= 5000 or c.lat is None or not c.country:
            return place
        dists = [(haversine_km(c.lat, c.lon, plat, plon), plat, plon) for plat, plon in priors]
        d, plat, plon = min(dists)
        if d <= 250:
            return place
        admin1 = self.gaz.admin1_at(c.country, plat, plon)
        if admin1 is None:
            return place
        return Place(text=place.text, name=place.name, admin1=admin1, country=c.country,
                     lat=round(plat, 5), lon=round(plon, 5), precision="admin1")
