"""Scoring and votes: how the candidates of each detected toponym are weighed against the article's
country evidence, the admin units named next to it and the other places named, and which resolved
spans stay place mentions.

* :func:`choose_best` scores a span's candidates (population, feature kind, country support, parents,
  distance to the other places, point priors) and sets ``best``/``score``/``margin``/``supported``;
* :func:`agreeing_votes` lets two ambiguous names that lie close together in one country vote for it;
* :func:`keep_mention` drops likely false hits (a place abroad the text never points to);
* :func:`stray_namesakes` finds weak namesakes abroad of a village the gazetteer lacks.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace

from sigact.geo.countries import haversine_km
from sigact.geo.detect import Span
from sigact.geo.docgeo import cue_country
from sigact.geo.gazetteer import Candidate, ascii_name
from sigact.geo.lexicon import capitals as _capitals


def named_capital(sp: Span, c: Candidate) -> bool:
    """True when ``c`` (the best candidate of ``sp``) is a national capital, named outright ("in Doha",
    a recognised entity) and clearly ahead of its namesakes abroad: talks, signings and strikes do happen
    outside the article's country, and such a name is no false hit."""
    return c.kind == "city" and c.quality == 0 and c.population >= 100_000 and bool(c.country) and \
        (sp.site or sp.source == "ent") and sp.margin > 0.5 and \
        (c.country, ascii_name(c.name).casefold()) in _capitals()


def stray_namesakes(text: str, spans: list[Span], weights: dict[str, float]) -> dict[int, Span]:
    """Spans (by ``id``) resolved to a weak namesake abroad: a town or district matched only through an
    alternate name, or a small one (under 100,000 people, no capital), in a country that nothing else
    in the text supports (no country name, demonym, group, or place of another name), while another
    country has clear support (weight 1.0 or more, or any when the words before the name point to it).
    Such a match ("Shama" -> Shama Junction, Ghana, in an article about Lebanon) is a village the
    gazetteer lacks, not a place abroad."""
    own_by_name: dict[tuple[str, str], float] = defaultdict(float)
    for sp in spans:
        if sp.own_iso:
            own_by_name[(ascii_name(sp.text).casefold(), sp.own_iso)] += sp.own_weight
    out: dict[int, Span] = {}
    for sp in spans:
        c = sp.best
        if c is None or not c.country or c.kind not in ("city", "admin2") or sp.role != "place" or named_capital(sp, c):
            continue
        if sp.parents or sp.is_parent or sp.paren_tail or sp.parent_mismatch or sp.outside_ctx:
            continue  # an admin chain ("Winder, Georgia"; "Pamoli (Beni, Nord-Kivu)") decides on its own
        if c.quality == 0 and c.kind == "city" and c.population >= 100_000:
            continue
        same = own_by_name.get((ascii_name(sp.text).casefold(), c.country), 0.0)
        if weights.get(c.country, 0.0) - same > 1e-6:
            continue
        rest = {iso: w - own_by_name.get((ascii_name(sp.text).casefold(), iso), 0.0) for iso, w in weights.items()
                if iso != c.country}
        cue_iso, _side = cue_country(text, sp.start)  # "the Lebanese village of Shama"
        if rest and (max(rest.values()) >= 1.0 or (cue_iso and cue_iso != c.country and rest.get(cue_iso, 0.0) > 0)):
            out[id(sp)] = sp
    return out


def seat_towns(cands: tuple[Candidate, ...], full: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """``cands`` (among all the name's candidates ``full``) where a name is an admin1's own name ("Basra":
    Basrah governorate) and only a GeoNames alternate name of a big town of that admin1 (Basrah city):
    the town is read as matched by its own name too, so a same-named village abroad (Basra, Pakistan)
    does not outrank it.  Returns the candidates, such towns with quality 0."""
    seats = {c.admin1_code for c in full if c.kind == "admin1" and c.quality == 0 and c.admin1_code}
    if not seats:
        return cands
    return tuple(replace(c, quality=0) if c.kind == "city" and c.quality > 0 and c.admin1_code in seats
                 and c.population >= 100_000 else c for c in cands)


def agreeing_votes(spans: list[Span], weights: dict[str, float]) -> None:
    """"rallied in Souda ... refugees from Libya ... moved to Crete": two names that each exist in several
    countries but lie close together (< 150 km, or a town in the admin1 named) in exactly one of them vote
    for it (0.8 each, as a name unique to that country would), unless other evidence of the text points to
    another country where one of the names also lies.  Sets ``own_iso``/``own_weight`` in place."""
    if not any(v > 0 for v in weights.values()):
        return  # nothing to outvote: the names are resolved against each other as they are
    amb = [sp for sp in spans if sp.source not in ("weak", "fuzzy") and sp.role == "place" and not sp.own_iso
           and len({c.country for c in sp.cands if c.country}) > 1]
    votes: dict[int, str] = {}
    for i, s1 in enumerate(amb):
        for s2 in amb[i + 1:]:
            if s1.text.casefold() == s2.text.casefold() or s2 in s1.parents or s1 in s2.parents:
                continue  # a chain ("Town, Admin1") is matched through its parent
            isos = {c1.country for c1 in s1.cands for c2 in s2.cands
                    if c1.country and c1.country == c2.country and c1.quality == 0 and c2.quality == 0
                    and c1.kind != "country" and c2.kind != "country" and (
                        (c1.admin1_code and c1.admin1_code == c2.admin1_code) or (
                            c1.lat is not None and c2.lat is not None
                            and haversine_km(c1.lat, c1.lon, c2.lat, c2.lon) < 150))}
            # unless the text already points to another country where either name also lies
            rivals = {c.country for c in s1.cands + s2.cands if c.country and weights.get(c.country, 0.0) > 0}
            if len(isos) == 1 and not rivals - isos:
                iso = next(iter(isos))
                for sp in (s1, s2):
                    if votes.setdefault(id(sp), iso) != iso:
                        votes[id(sp)] = ""
    for sp in amb:
        iso = votes.get(id(sp))
        if iso:
            sp.own_iso, sp.own_weight = iso, 0.8
            weights[iso] += 0.8


def lone_place(sp: Span, weights: dict[str, float], demonym_weight: float) -> bool:
    """True when the only other country evidence in the text is one demonym at most
    ("Israeli warplanes hit ... in Nabatieh"): no other place, no country named, no group hint."""
    other = sum(weights.values()) - sp.own_weight
    return demonym_weight < 0.5 and other - demonym_weight < 1e-6


def keep_mention(sp: Span, c: Candidate, weights: dict[str, float], unsupported: float, lone: bool = False,
                 only_demonyms: bool = False, rival: bool = False, demonym_weight: float = 0.0) -> bool:
    """Whether a resolved span stays a place mention (False: a likely false hit); ``rival``: another
    place named in the text has no candidate in ``c``'s country; ``demonym_weight``: the country
    weight that nationality words ("Israeli", "Iranian") give, negative when the span is neither named
    after a locative preposition ("in/of/near X") nor part of an admin chain."""
    if sp.parent_mismatch or sp.outside_ctx:
        return False  # the admin1 named next to it wins (prefer coarse and right to fine and wrong)
    if sp.source == "weak":
        if not (c.quality == 0 and c.kind == "city" and c.country and c.population >= 1000):
            return False
        if weights.get(c.country, 0.0) >= 0.8:
            return True
        if c.population >= 100_000 and weights.get(c.country, 0.0) > 0 and \
                weights.get(c.country, 0.0) >= max(weights.values()):
            return True  # "Liberian rebels shell Monrovia": a big town of the country the text points to
        # nothing else in the text says where: a name unique to one country may stand alone
        return not any(v > 0 for v in weights.values()) and len({x.country for x in sp.cands}) == 1
    if sp.supported or c.kind in ("country", "water"):
        return True
    if sp.is_parent and c.quality == 0 and (c.kind in ("admin1", "region") or any(
            x.kind == "admin1" and x.quality == 0 and x.admin1_code == c.admin1_code for x in sp.cands)):
        return True  # "Ash-Shajara town in Dar'a": the admin1 named as the parent of a place
    if c.kind == "city" and c.population >= 1_000_000 and sp.margin > 1.0 and c.quality == 0:
        return True  # a big unambiguous place
    if named_capital(sp, c):
        return True  # "signed in Doha": a national capital named outright stands abroad
    units = {x.admin1_code for x in sp.cands if x.kind == "admin1" and x.quality == 0}
    if demonym_weight >= 0 and len(units) == 1 and c.admin1_code in units and len(sp.text) > 3 and \
            sum(weights.values()) - sp.own_weight - demonym_weight < 1e-6:
        return True  # "Israeli strikes ... in the countryside of Dar'a": an admin1 named outright
        # outweighs nationality words, which name the actors, when no other place is named
    single_country = len({x.country for x in sp.cands}) == 1
    strong = sp.source in ("ent", "cue") or sp.site or sp.is_parent or " " in sp.text.strip() or \
        sp.text.count("-") >= 2 or (
        c.kind in ("admin1", "admin2", "region") and len(sp.text) > 4)
    own_unsupported = sp.own_weight if sp.own_iso else 0.0
    other_evidence = sum(weights.values()) - sp.own_weight - (unsupported - own_unsupported)
    # a place abroad the text never points to is a likely false hit, unless its name is certain
    # a site-cued name ("in Nabatieh") whose only rival is a demonym ("Israeli warplanes") stands even
    # when only a GeoNames alternate name matches it
    # "Israeli strike on a school in Rafah": a site-cued entity whose only rival evidence is a demonym
    # stands even when the name exists in two countries (the best-scored one; confident only if clear)
    several_ok = only_demonyms and sp.site and sp.source == "ent" and c.quality == 0
    # "north of Raqqa province": a unit named with its admin noun, known by an alternate name only
    admin_named = sp.kind_hint == "admin" and sp.source == "cue" and c.kind in ("admin1", "admin2", "region")
    return not rival and strong and (single_country or several_ok) and other_evidence < 1.0 and (
        c.quality == 0 or (c.quality == 1 and sp.site and sp.source != "fuzzy" and lone)
        or (admin_named and c.quality <= 2 and single_country))


def demonym_only_countries(hints: list[tuple[int, int, str, str]], spans: list[Span]) -> dict[str, float]:
    """Countries whose only evidence is nationality words ("Albanians protest in Mitrovica"), with
    that weight: a people named is weak evidence of where a place named outright lies."""
    dem: dict[str, float] = defaultdict(float)
    for _a, _b, iso, kind in hints:
        if kind == "demonym" and iso:
            dem[iso] += 0.3
    for iso, _a, _b, kind in ((h[2], h[0], h[1], h[3]) for h in hints):
        if kind != "demonym":
            dem.pop(iso, None)
    for sp in spans:
        for iso in {c.country for c in sp.cands if c.country}:
            if sp.own_iso == iso or any(c.kind == "country" and c.country == iso for c in sp.cands):
                dem.pop(iso, None)
    return dict(dem)


def choose_best(sp: Span, weights: dict[str, float], spans: list[Span],
                priors: list[tuple[float, float]] | None = None) -> None:
    """Scores the candidates of ``sp`` against the text's country ``weights``, its parents, the admin1s
    and places the other ``spans`` resolved to, and the hint point ``priors``; sets ``best``, ``score``,
    ``margin`` (over the best candidate of another country), ``supported``, ``parent_mismatch`` and
    ``outside_ctx`` in place.  Returns None."""
    top = max(weights.values()) if weights else 0.0
    scored: list[tuple[float, Candidate]] = []
    ctx_admin1 = {o.best.admin1_code for o in spans if o is not sp and o.best is not None and o.margin > 1.0
                  and not o.road_end and o.best.admin1_code and o.best.kind in ("admin1", "admin2", "city", "region")}
    matched_parent: set[int] = set()
    own, own_iso = sp.own_weight, sp.own_iso
    others = list({o.best.id: o.best for o in spans if o is not sp and o.best is not None
                   and o.best.lat is not None and o.best.kind not in ("country", "water")
                   and o.margin > 1.0}.values())
    # the biggest town of the name: an admin1 smaller than it gets no bonus for being an admin1
    # ("Santiago": Santiago de Chile, not the Dominican province)
    big_town = max((c.population for c in sp.cands if c.kind == "city" and c.quality == 0), default=0) \
        if not (sp.is_parent or sp.paren_tail) else 0
    capitals = _capitals()
    # "Lebanese soldiers ... in Tripoli": a substantial namesake (an admin unit, or a town of 100,000+) lies in
    # a country the rest of the text points to, so even a big namesake elsewhere (Tripoli, Libya) is unsupported
    home = top > 0 and any(
        c.quality == 0 and c.country
        and (c.kind in ("admin1", "admin2") or (c.kind == "city" and c.population >= 100_000))
        and weights.get(c.country, 0.0) - (own if c.country == own_iso else 0.0) > 1e-9 for c in sp.cands)
    for c in sp.cands:
        s = 0.35 * math.log10(c.population + 10)
        s += {"country": 3.0, "admin1": 0.8, "region": 1.8, "site": 2.5, "camp": 2.5, "crossing": 2.5,
              "water": 2.5, "airport": 0.3, "city": 0.0, "admin2": 1.2}.get(c.kind, 0.0)
        if c.kind == "admin1" and sp.kind_hint != "admin" and big_town >= max(100_000, 2 * c.population):
            s -= 0.8
        if c.kind == "city" and c.quality == 0 and c.population >= 100_000 and c.country and \
                (c.country, ascii_name(c.name).casefold()) in capitals:
            s += 0.5  # a national capital
        s += (0.6, 0.0, -0.2, -0.6)[min(c.quality, 3)]
        isos = c.all_countries
        if top > 0 and isos:
            support = max(weights.get(i, 0.0) - (own if i == own_iso else 0.0) for i in isos) / max(top, 1.5)
            s += 3.0 * support
            if support == 0 and (c.population < 1_000_000 or home) and c.kind != "country":
                s -= 2.5
        for par in sp.parents:
            pcs = par.cands
            if any(p.kind in ("admin1", "admin2", "region") and p.admin1_code and p.admin1_code == c.admin1_code
                   for p in pcs) or any(p.kind in ("admin1", "region") and p.country == c.country and
                                        p.admin1 and c.admin1 and p.admin1 == c.admin1 for p in pcs):
                s += 4.0
                matched_parent.add(c.id)
            elif any(p.kind == "country" and p.country == c.country for p in pcs):
                s += 2.5
            elif any(p.country == c.country and p.lat is not None and c.lat is not None and
                     haversine_km(p.lat, p.lon, c.lat, c.lon) < 60 for p in pcs if p.kind != "country"):
                s += 2.0
        if c.lat is not None and others:
            d = min(haversine_km(c.lat, c.lon, o.lat, o.lon) for o in others if o.id != c.id) \
                if any(o.id != c.id for o in others) else 1e9
            s += 1.2 if d < 50 else 0.6 if d < 250 else 0.0
        if sp.kind_hint == "admin" and c.kind in ("admin1", "admin2", "region"):
            s += 1.0
        if sp.paren_tail and c.kind == "country" and any(x.kind == "admin1" for x in sp.cands):
            s -= 3.0  # ACLED-style "(Admin2, Admin1)": Niger state, not the Republic of Niger
        if c.admin1_code and c.admin1_code in ctx_admin1:
            s += 1.0
        if priors and c.lat is not None and c.kind == "city" and any(
                haversine_km(c.lat, c.lon, plat, plon) < 250 for plat, plon in priors):
            s += 1.5
        scored.append((s, c))
    scored.sort(key=lambda x: -x[0])
    best = scored[0][1]
    if best.kind in ("admin1", "admin2") and sp.kind_hint != "admin":
        # "Baghdad", "Kano", "Hama": the town, not the governorate of the same name
        # (an admin2 unit is named after its seat, whose GeoNames name may be an alternate spelling)
        towns = [c for _, c in scored if c.kind == "city" and c.admin1_code == best.admin1_code
                 and c.quality <= best.quality + (1 if best.kind == "admin2" else 0)]
        if not towns and sp.parents:  # "Colon (Colon)": below the unit named as its parent, a town of its name
            towns = [c for _, c in scored if c.kind == "city" and c.id in matched_parent and c.quality == 0]
        if towns:
            i = next(k for k, (_, c) in enumerate(scored) if c is towns[0])
            scored.insert(0, (scored[0][0], scored.pop(i)[1]))
    sp.best = scored[0][1]
    sp.score = scored[0][0]
    sp.parent_mismatch = False
    for par in sp.parents:  # "Pati village (Barwani, Madhya Pradesh)": the parent's country rules
        pc = {p.country for p in par.cands if p.kind in ("admin1", "region", "country") and p.quality == 0}
        if pc and sp.best.country not in pc and not any(c.country in pc for c in sp.cands):
            sp.parent_mismatch = True
    if sp.best.kind == "city" and sp.best.id not in matched_parent:
        # "Minas Viejas, Guerrero", "Buruku (Chikun LGA, ...)": the parent names an admin1 (or an
        # admin2) that this town is not in
        for par in sp.parents:
            if any(p.kind == "country" and p.quality == 0 and p.country == sp.best.country for p in par.cands):
                continue  # "Arauca, Colombia": the town's own country, not the Colombia municipality in Huila
            if any(p.kind in ("admin1", "admin2", "region") and p.quality == 0 and p.country == sp.best.country
                   for p in par.cands):
                sp.parent_mismatch = True
    sp.outside_ctx = bool(ctx_admin1) and sp.best.kind == "city" and sp.best.admin1_code not in ctx_admin1 \
        and (sp.best.quality >= 1 or sp.source == "fuzzy") and any(
            o is not sp and o.best is not None and o.best.country == sp.best.country and o.best.admin1_code
            in ctx_admin1 for o in spans)
    # an admin1 named outright ("..., Rio de Janeiro") rules out small same-country towns elsewhere
    explicit = {o.best.admin1_code for o in spans if o is not sp and o.best is not None and o.margin > 1.0
                and o.best.kind == "admin1" and o.best.country == sp.best.country}
    if explicit and sp.best.kind == "city" and not sp.parents and sp.best.admin1_code not in explicit \
            and sp.best.population < 200_000 and not any(c.admin1_code in explicit for c in sp.cands):
        sp.outside_ctx = True
    others_total = sum(weights.values()) - own
    sp.supported = others_total <= 1e-9 or sp.best.id in matched_parent or any(weights.get(i, 0.0) - (own if i == own_iso else 0.0) > 1e-9
                                               for i in sp.best.all_countries)
    diff_country = [x for x in scored[1:] if x[1].country != sp.best.country]
    sp.margin = scored[0][0] - diff_country[0][0] if diff_country else 10.0
