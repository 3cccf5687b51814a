"""Scoring of system events against gold (rules in docs/evaluation.md).

* :func:`score_record` / :func:`summarise_records`: one-event records (ACLED, GED),
  the system's primary event against the coded event, field by field.
* :func:`score_article` / :func:`summarise_articles`: full articles, one-to-one
  matching of system incidents to gold incidents, precision/recall/F1 and field
  accuracy on matched pairs, aggregates and background counted as incidents.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable, Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

from sigact.evaluate.fields import (
    _fold,
    actor_equal,
    admin1_equal,
    country_iso3,
    date_within,
    dates_overlap,
    fatalities_equal,
    gold_date_range,
    haversine_km,
    label_key,
    primary_event,
    rules,
    ucdp_type_of,
)
from sigact.evaluate.gold import GoldArticle, GoldRecord
from sigact.model import Event

__all__ = [
    "LOCATION_KM",
    "MATCH_KM",
    "RECORD_FIELDS",
    "ARTICLE_FIELDS",
    "event_summary",
    "score_record",
    "summarise_records",
    "event_type_confusion",
    "score_article",
    "summarise_articles",
    "wilson_interval",
]

#: A predicted place within this distance of the gold coordinates is right.
LOCATION_KM = 25.0
#: Article matching: the system place must lie within this distance (or share admin1).
MATCH_KM = 50.0
#: Fields scored on records, per dataset family.
RECORD_FIELDS = {
    "acled": ("event_type", "sub_event_type", "country", "admin1", "location", "date", "fatalities", "actor1"),
    "ucdp_ged": ("event_type", "country", "admin1", "location", "date", "fatalities", "actor1"),
}
#: Fields scored on matched article events.
ARTICLE_FIELDS = ("sub_event_type", "actor1", "fatalities", "injuries", "location", "date")

NO_EVENT = "(no event)"
UNTYPED = "(no type)"


def _is_ged(dataset: str) -> bool:
    return dataset.casefold().startswith("ucdp")


def event_summary(ev: Event | None) -> dict[str, Any] | None:
    """A compact JSON view of an event's scored fields (for error listings); ``None`` for no event."""
    if ev is None:
        return None
    loc, d, a1 = ev.location, ev.date, ev.actor1
    return {
        "id": ev.id,
        "factuality": ev.factuality,
        "confidence": ev.confidence,
        "event_type": ev.acled_event_type,
        "sub_event_type": ev.acled_sub_event_type,
        "ucdp_type": ev.ucdp_type,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "place": (loc.name or loc.text) if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "precision": loc.precision if loc else None,
        "date": [d.start, d.end] if d else None,
        "fatalities": ev.fatalities,
        "injuries": ev.injuries,
        "actor1": (a1.acled_name or a1.name or a1.text) if a1 else None,
    }


# --------------------------------------------------------------------------- records

def _distance(ev: Event, lat: Any, lon: Any) -> float | None:
    loc = ev.location
    if loc is None or loc.lat is None or loc.lon is None or lat is None or lon is None:
        return None
    return haversine_km(float(loc.lat), float(loc.lon), float(lat), float(lon))


def _coarse_gold_place(rec: GoldRecord) -> bool:
    prec = rec.meta.get("geo_precision")
    if not isinstance(prec, (int, float)):
        return False
    return prec >= (4 if _is_ged(rec.dataset) else 2)


def score_record(rec: GoldRecord, events: list[Event]) -> dict[str, Any]:
    """Score the primary event of one record's system output against its gold event.

    Returns ``{"id", "dataset", "has_event", "n_events", "fields": {name: True|False|None},
    "pred_missing": [fields the primary event leaves empty], "location_km", "gold", "pred"}``; a field is ``None`` when the gold does not
    code it (it is then left out of that field's denominator).
    """
    g = rec.gold
    ev = primary_event(events)
    ged = _is_ged(rec.dataset)
    names = RECORD_FIELDS["ucdp_ged" if ged else "acled"]
    out: dict[str, bool | None] = {}
    gold_iso = country_iso3(g.get("country"))
    km = _distance(ev, g.get("latitude"), g.get("longitude")) if ev is not None else None

    for name in names:
        if name == "event_type":
            scorable = (ucdp_type_of(g.get("event_type")) if ged else g.get("event_type")) is not None
        elif name == "country":
            scorable = gold_iso is not None
        elif name == "location":
            scorable = g.get("latitude") is not None and g.get("longitude") is not None
        elif name == "date":
            scorable = bool(g.get("date"))
        else:
            scorable = g.get(name) is not None
        if not scorable:
            out[name] = None
            continue
        if ev is None:
            out[name] = False
            continue
        loc = ev.location
        pred_iso = country_iso3(loc.country) if loc and loc.country else None
        if name == "event_type":
            out[name] = (ev.ucdp_type == ucdp_type_of(g["event_type"])) if ged else (
                label_key(ev.acled_event_type) == label_key(g["event_type"]))
        elif name == "sub_event_type":
            out[name] = label_key(ev.acled_sub_event_type) == label_key(g["sub_event_type"])
        elif name == "country":
            out[name] = pred_iso == gold_iso
        elif name == "admin1":
            out[name] = (gold_iso is None or pred_iso == gold_iso) and admin1_equal(
                loc.admin1 if loc else None, g["admin1"])
        elif name == "location":
            ok = km is not None and km <= LOCATION_KM
            if not ok and _coarse_gold_place(rec) and pred_iso is not None and pred_iso == gold_iso:
                ok = admin1_equal(loc.admin1 if loc else None, g.get("admin1")) if g.get("admin1") else True
            out[name] = ok
        elif name == "date":
            rng = gold_date_range(g["date"], rec.meta.get("date_precision"), rec.meta.get("date_end"))
            out[name] = date_within(ev.date, rng)
        elif name == "fatalities":
            out[name] = fatalities_equal(ev.fatalities, g["fatalities"])
        elif name == "actor1":
            out[name] = actor_equal(_ged_side_a(ev) if ged else ev.actor1, g["actor1"])
    missing = sorted(_missing_fields(ev, names, ged)) if ev is not None else []
    gold_view = {k: g.get(k) for k in ("date", "event_type", "sub_event_type", "country", "admin1",
                                       "location", "latitude", "longitude", "fatalities", "actor1")}
    gold_view["date_precision"] = rec.meta.get("date_precision")
    gold_view["date_end"] = rec.meta.get("date_end")
    gold_view["geo_precision"] = rec.meta.get("geo_precision")
    return {
        "id": rec.id,
        "dataset": rec.dataset,
        "has_event": ev is not None,
        "n_events": len(events),
        "fields": out,
        "pred_missing": missing,
        "location_km": round(km, 1) if km is not None else None,
        "gold": gold_view,
        "pred": event_summary(ev),
    }


def _ged_side_a(ev: Event) -> Any:
    """The event's UCDP side_a: GED's ``side_a`` (gold actor1) follows UCDP's side order (the
    government first in a state-based dyad whoever attacked, the perpetrator in one-sided
    violence), not ACLED's actor1; returns the actor in that position (``ev.actor1`` when the
    extract stage's :func:`ucdp_order` is unavailable)."""
    try:
        from sigact.extract.ucdp import ucdp_order
    except ImportError:
        return ev.actor1
    return ucdp_order(ev.actor1, ev.actor2)[0]


def _missing_fields(ev: Event, names: Iterable[str], ged: bool) -> set[str]:
    """The scored fields the event leaves empty (``None``)."""
    loc, d = ev.location, ev.date
    empty = {
        "event_type": (ev.ucdp_type if ged else ev.acled_event_type) is None,
        "sub_event_type": ev.acled_sub_event_type is None,
        "country": loc is None or loc.country is None,
        "admin1": loc is None or loc.admin1 is None,
        "location": loc is None or loc.lat is None or loc.lon is None,
        "date": d is None or d.start is None,
        "fatalities": ev.fatalities is None,
        "actor1": ev.actor1 is None,
    }
    return {n for n in names if empty.get(n)}


def wilson_interval(correct: int, n: int, z: float = 1.96) -> list[float] | None:
    """The 95 % Wilson score interval ``[low, high]`` of a proportion; ``None`` when ``n`` is 0."""
    if n <= 0:
        return None
    p = correct / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / denom
    return [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)]


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def summarise_records(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Per-dataset accuracy tables from :func:`score_record` rows.

    Returns ``{dataset: {"n", "with_event", "with_event_share", "fields": {name:
    {"n", "correct", "accuracy", "ci95", "n_given_event", "accuracy_given_event",
    "pred_missing"}}}}`` (``ci95``: Wilson 95 % interval of ``accuracy``); ``pred_missing`` counts texts with an event whose
    primary event leaves the field empty (whatever the gold).  ``fatalities`` also
    has ``n_gold_nonzero``/``correct_gold_nonzero``/``accuracy_gold_nonzero``: the
    same accuracy over texts whose gold toll is above zero.  ``by_gold_type`` gives,
    per gold event type, ``n``, ``with_event`` and per field ``n``/``correct``/``accuracy``.
    ``accuracy`` divides by every text whose gold codes the field (no event =
    wrong); ``accuracy_given_event`` only by those where the system found an event.
    """
    by_ds: dict[str, list[Mapping[str, Any]]] = {}
    for r in rows:
        by_ds.setdefault(r["dataset"], []).append(r)
    out: dict[str, Any] = {}
    for ds in sorted(by_ds):
        items = by_ds[ds]
        with_event = sum(1 for r in items if r["has_event"])
        fields: dict[str, Any] = {}
        for name in RECORD_FIELDS["ucdp_ged" if _is_ged(ds) else "acled"]:
            vals = [(r["fields"].get(name), r["has_event"]) for r in items]
            scored = [(v, h) for v, h in vals if v is not None]
            correct = sum(1 for v, _ in scored if v)
            given = sum(1 for _, h in scored if h)
            fields[name] = {
                "n": len(scored),
                "correct": correct,
                "accuracy": _ratio(correct, len(scored)),
                "ci95": wilson_interval(correct, len(scored)),
                "n_given_event": given,
                "accuracy_given_event": _ratio(correct, given),
                "pred_missing": sum(1 for r in items if r["has_event"] and name in r.get("pred_missing", ())),
            }
        nz = [r for r in items if r["fields"].get("fatalities") is not None and (r["gold"].get("fatalities") or 0) > 0]
        if "fatalities" in fields:
            c = sum(1 for r in nz if r["fields"]["fatalities"])
            fields["fatalities"].update({"n_gold_nonzero": len(nz), "correct_gold_nonzero": c,
                                         "accuracy_gold_nonzero": _ratio(c, len(nz))})
        by_type: dict[str, Any] = {}
        for r in items:
            t = by_type.setdefault(r["gold"].get("event_type") or UNTYPED,
                                   {"n": 0, "with_event": 0, "correct": Counter(), "scored": Counter()})
            t["n"] += 1
            t["with_event"] += bool(r["has_event"])
            t["correct"].update(k for k, v in r["fields"].items() if v)
            t["scored"].update(k for k, v in r["fields"].items() if v is not None)
        out[ds] = {
            "n": len(items),
            "with_event": with_event,
            "with_event_share": _ratio(with_event, len(items)),
            "fields": fields,
            "by_gold_type": {k: {"n": v["n"], "with_event": v["with_event"],
                                 "fields": {f: {"n": v["scored"].get(f, 0), "correct": v["correct"].get(f, 0),
                                                "accuracy": _ratio(v["correct"].get(f, 0), v["scored"].get(f, 0))}
                                            for f in fields}}
                             for k, v in sorted(by_type.items())},
        }
    return out


def event_type_confusion(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Confusion counts of ACLED event types over non-GED records.

    Returns ``{"gold_labels": [...], "pred_labels": [...], "matrix": [[int]]}``
    with rows = gold types and columns = predicted types of the primary event,
    plus ``"(no event)"`` and ``"(no type)"`` columns.
    """
    pairs: Counter[tuple[str, str]] = Counter()
    for r in rows:
        if _is_ged(r["dataset"]):
            continue
        gold = r["gold"].get("event_type") or UNTYPED
        pred = r["pred"]
        p = NO_EVENT if pred is None else (pred.get("event_type") or UNTYPED)
        pairs[(gold, p)] += 1
    gold_labels = sorted({g for g, _ in pairs})
    extra = sorted({p for _, p in pairs} - set(gold_labels) - {NO_EVENT, UNTYPED})
    pred_labels = gold_labels + extra + [NO_EVENT, UNTYPED]
    matrix = [[pairs.get((g, p), 0) for p in pred_labels] for g in gold_labels]
    return {"gold_labels": gold_labels, "pred_labels": pred_labels, "matrix": matrix}


# --------------------------------------------------------------------------- articles

def _gold_types(ge: Mapping[str, Any]) -> list[tuple[str | None, str | None]]:
    pairs = []
    for cand in [ge.get("acled")] + list(ge.get("also_acled") or []):
        if cand:
            pairs.append((label_key(cand[0]), label_key(cand[1]) if len(cand) > 1 else None))
    return pairs


def _gold_range(ge: Mapping[str, Any]):
    d = ge.get("date")
    if not d:
        return None
    if isinstance(d, str):
        d = [d, d]
    return gold_date_range(d[0], None, d[1] if len(d) > 1 else None)


def _place_ok(ev: Event, gl: Mapping[str, Any] | None, km_limit: float, *, admin1_ok: bool) -> bool:
    """Same country and (within ``km_limit`` km, or same admin1 when allowed, or gold country-level)."""
    if not gl:
        return True
    loc = ev.location
    gold_iso = country_iso3(gl.get("country"))
    pred_iso = country_iso3(loc.country) if loc and loc.country else None
    if gold_iso is not None and pred_iso != gold_iso:
        return False
    if (gl.get("precision") or "").casefold() == "country":
        return True
    if loc is None:
        return False
    km = _distance(ev, gl.get("lat"), gl.get("lon"))
    if km is not None and km <= km_limit:
        return True
    return admin1_ok and admin1_equal(loc.admin1, gl.get("admin1"))


def _can_match(ev: Event, ge: Mapping[str, Any]) -> bool:
    types = {t for t, _ in _gold_types(ge)}
    if label_key(ev.acled_event_type) not in types:
        return False
    rng = _gold_range(ge)
    if rng is None or not dates_overlap(ev.date, rng):
        return False
    return _place_ok(ev, ge.get("location"), MATCH_KM, admin1_ok=True)


def _article_fields(ev: Event, ge: Mapping[str, Any]) -> dict[str, bool | None]:
    out: dict[str, bool | None] = {}
    subs = {s for _, s in _gold_types(ge) if s}
    out["sub_event_type"] = (label_key(ev.acled_sub_event_type) in subs) if subs else None
    a1 = ge.get("actor1") or {}
    out["actor1"] = actor_equal(ev.actor1, a1.get("name"), gold_country=a1.get("country"),
                                gold_type=a1.get("type")) if a1.get("name") else None
    out["fatalities"] = fatalities_equal(ev.fatalities, ge.get("fatalities")) if "fatalities" in ge else None
    out["injuries"] = fatalities_equal(ev.injuries, ge.get("injuries")) if "injuries" in ge else None
    gl = ge.get("location")
    if not gl:
        out["location"] = None
    elif gl.get("lat") is None or gl.get("lon") is None:
        out["location"] = _place_ok(ev, gl, LOCATION_KM, admin1_ok=False) if (
            (gl.get("precision") or "").casefold() == "country") else None
    else:
        km = _distance(ev, gl.get("lat"), gl.get("lon"))
        out["location"] = km is not None and km <= LOCATION_KM
    rng = _gold_range(ge)
    out["date"] = date_within(ev.date, rng) if rng else None
    return out


_NUM = re.compile(r"\d[\d,.]*\d|\d")
_YEAR = re.compile(r"(19|20)\d\d")


def _content(text: str) -> tuple[set[str], set[str]]:
    """(numbers, 5-letter word stems) of a text, stopwords removed."""
    nums = {n.replace(",", "").rstrip(".") for n in _NUM.findall(text)}
    stop = set(rules()["aggregate_stopwords"])
    words = {t[:5] for t in _fold(_NUM.sub(" ", text)).split() if t not in stop and len(t) > 1}
    return nums, words


def _contains_item(sentence: str, item: str) -> bool:
    """Whether ``sentence`` carries the gold aggregate/background ``item``.

    True when every number of the item (outside parentheses, years excepted) is in the sentence
    and at least ``aggregate_min_token_share`` of its content words (compared by
    their first five letters) are too.
    """
    inum, iwords = _content(re.sub(r"\([^)]*\)", " ", item))
    inum = {n for n in inum if not _YEAR.fullmatch(n)}  # years are annotators' context, often unstated
    snum, swords = _content(sentence)
    if not iwords or not inum <= snum:
        return False
    share = len(iwords & swords) / len(iwords)
    return share >= float(rules()["aggregate_min_token_share"])


_SENT_END = re.compile(r"(?<=[.!?\u201d\"])\s+|\n+")


def _evidence_sentences(ev: Event, text: str) -> list[str]:
    """The sentences of ``text`` that overlap any evidence span of ``ev``."""
    bounds, start = [], 0
    for m in _SENT_END.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    out = []
    for evd in ev.evidence:
        for s, e in bounds:
            if s < evd.end and evd.start < e and text[s:e] not in out:
                out.append(text[s:e])
    return out


def _assign(gold: list[Mapping[str, Any]], system: list[Event], weight_fn: Any, *, max_bonus: float) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) maximising the number of pairs, then the bonus.

    ``weight_fn(gold_item, event)`` returns ``None`` for an impossible pair or a
    bonus in ``[0, max_bonus)`` that breaks ties between equally large matchings.
    """
    if not gold or not system:
        return []
    base = max_bonus * (len(gold) + len(system)) + 1.0  # one more pair always beats any bonus sum
    weight = np.zeros((len(gold), len(system)))
    for i, ge in enumerate(gold):
        for j, ev in enumerate(system):
            bonus = weight_fn(ge, ev)
            if bonus is not None:
                weight[i, j] = base + bonus
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if weight[i, j] > 0]


def _threat_weight(ge: Mapping[str, Any], ev: Event) -> float | None:
    """A gold threat and a system threat pair up when their dates overlap (or either is
    undated) and the threatening actor agrees: the actor rule, or the same actor country."""
    rng = _gold_range(ge)
    if rng is not None and ev.date is not None and not dates_overlap(ev.date, rng):
        return None
    a1 = ge.get("actor1") or {}
    same = actor_equal(ev.actor1, a1.get("name"), gold_country=a1.get("country"), gold_type=a1.get("type"))
    same_country = bool(ev.actor1 and ev.actor1.country and a1.get("country")
                        and country_iso3(ev.actor1.country) == country_iso3(a1.get("country")))
    if not (same or same_country):
        return None
    return float(same) + ev.confidence / 10


def score_article(art: GoldArticle, events: list[Event]) -> dict[str, Any]:
    """Match an article's asserted system events one-to-one to its gold incidents.

    Returns ``{"id", "n_gold", "n_system", "matched", "pairs": [{"gold", "system",
    "fields"}], "missed": [gold summaries], "spurious": [system summaries],
    "aggregate_as_incident", "background_as_incident", "threats": {"n_gold",
    "n_system", "matched"}}``.  The matching maximises the number of pairs, then
    the number of agreeing fields; threats are matched separately.
    """
    gold = art.incidents
    system = [e for e in events if e.is_incident]

    def _incident_weight(ge: Mapping[str, Any], ev: Event) -> float | None:
        if not _can_match(ev, ge):
            return None
        return sum(1 for v in _article_fields(ev, ge).values() if v) + ev.confidence / 10

    pairs = _assign(gold, system, _incident_weight, max_bonus=len(ARTICLE_FIELDS) + 1)
    g_threats = [e for e in art.events if e.get("kind") == "threat"]
    s_threats = [e for e in events if e.factuality == "threat"]
    t_pairs = _assign(g_threats, s_threats, _threat_weight, max_bonus=2)
    matched_sys = {j for _, j in pairs}
    matched_gold = {i for i, _ in pairs}
    agg_hits = bg_hits = 0
    spurious = []
    for j, ev in enumerate(system):
        if j in matched_sys:
            continue
        sents = _evidence_sentences(ev, art.text)
        agg = any(_contains_item(s, it) for s in sents for it in art.aggregates)
        bg = not agg and any(_contains_item(s, it) for s in sents for it in art.background)
        agg_hits += agg
        bg_hits += bg
        spurious.append({**(event_summary(ev) or {}), "aggregate": agg, "background": bg})
    return {
        "id": art.id,
        "n_gold": len(gold),
        "n_system": len(system),
        "matched": len(pairs),
        "pairs": [{"gold": gold[i].get("summary"), "system": event_summary(system[j]),
                   "fields": _article_fields(system[j], gold[i])} for i, j in pairs],
        "missed": [{"summary": ge.get("summary"), "acled": ge.get("acled"), "date": ge.get("date"),
                    "location": (ge.get("location") or {}).get("name")}
                   for i, ge in enumerate(gold) if i not in matched_gold],
        "spurious": spurious,
        "aggregate_as_incident": agg_hits,
        "background_as_incident": bg_hits,
        "threats": {"n_gold": len(g_threats), "n_system": len(s_threats), "matched": len(t_pairs)},
    }


def summarise_articles(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Micro-averaged precision/recall/F1 and matched-field accuracy over articles.

    Returns ``{"articles", "gold_incidents", "system_incidents", "matched",
    "precision", "recall", "f1", "fields": {name: {"n", "correct", "accuracy"}},
    "aggregate_as_incident", "background_as_incident", "threats": {"n_gold",
    "n_system", "matched"}}``.
    """
    rows = list(rows)
    n_gold = sum(r["n_gold"] for r in rows)
    n_sys = sum(r["n_system"] for r in rows)
    m = sum(r["matched"] for r in rows)
    p, r_ = _ratio(m, n_sys), _ratio(m, n_gold)
    f1 = round(2 * p * r_ / (p + r_), 4) if p and r_ else (0.0 if n_sys and n_gold else None)
    fields = {}
    for name in ARTICLE_FIELDS:
        vals = [pr["fields"].get(name) for r in rows for pr in r["pairs"]]
        scored = [v for v in vals if v is not None]
        correct = sum(1 for v in scored if v)
        fields[name] = {"n": len(scored), "correct": correct, "accuracy": _ratio(correct, len(scored))}
    return {
        "articles": len(rows),
        "gold_incidents": n_gold,
        "system_incidents": n_sys,
        "matched": m,
        "precision": p,
        "recall": r_,
        "f1": f1,
        "fields": fields,
        "aggregate_as_incident": sum(r["aggregate_as_incident"] for r in rows),
        "background_as_incident": sum(r["background_as_incident"] for r in rows),
        "threats": {k: sum(r["threats"][k] for r in rows) for k in ("n_gold", "n_system", "matched")},
    }
