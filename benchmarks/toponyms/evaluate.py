"""Toponym resolution accuracy, lookup speed and worker memory.

Two inputs:

* ``--set benchmarks/toponyms/toponyms.jsonl`` (default): short texts written for this
  project, each with the expected place: ``{"text", "expect": {"name", "country",
  "lat", "lon", "admin1"?}}``.  The resolved place is ``DocGeo.place_for`` over the
  whole text.
* ``--acled FILE``: gold ACLED records (``source_dataset == "acled"``), e.g. the
  TRAIN split; country, admin1 and 25 km accuracy of the same call.

Run from the repository root::

    .venv/bin/python benchmarks/toponyms/evaluate.py
    .venv/bin/python benchmarks/toponyms/evaluate.py --acled /work/shared/data/train/events-train.jsonl --limit 1000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _admin1_equal(pred: str | None, gold: str) -> bool:
    """The scorer's admin1 comparison ("Ouham province" == "Ouham") when available, else exact."""
    try:
        from sigact.evaluate.fields import admin1_equal
    except ImportError:
        return (pred or "").casefold() == gold.casefold()
    return bool(admin1_equal(pred, gold))


def _rss_mb() -> float:
    import psutil

    return psutil.Process(os.getpid()).memory_info().rss / 2**20


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default=str(HERE / "toponyms.jsonl"))
    ap.add_argument("--acled", default=None, help="gold JSONL (train split) instead of the toponym set")
    ap.add_argument("--dataset", default="acled", help="source_dataset to keep with --acled (acled | ucdp_ged)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args(argv)

    from sigact.geo import GeoResolver
    from sigact.geo.countries import haversine_km, to_iso3
    from sigact.nlp import load_nlp

    nlp = load_nlp()
    items = []
    src = args.acled or args.set
    for line in open(src, encoding="utf-8"):
        r = json.loads(line)
        if args.acled:
            if r.get("source_dataset") != args.dataset:
                continue
            g = r["gold"]
            items.append({"text": r["text"], "expect": {"name": g["location"], "country": to_iso3(g["country"]),
                                                        "admin1": g.get("admin1"), "lat": g["latitude"],
                                                        "lon": g["longitude"]}, "id": r["id"]})
        else:
            items.append(r)
        if args.limit and len(items) >= args.limit:
            break

    docs = list(nlp.pipe([it["text"] for it in items], batch_size=32))
    rss0 = _rss_mb()  # after spaCy and the parsed docs: what follows is the geo stage's own memory
    geo = GeoResolver.default()
    n = len(items)
    ok_country = ok_admin1 = n_admin1 = ok_25 = n_coord = 0
    mentions = 0
    errors = []
    t0 = time.perf_counter()
    for it, doc in zip(items, docs):
        dg = geo.analyze(doc)
        mentions += len(dg.mentions)
        res = dg.place_for(0, len(doc.text))
        exp = it["expect"]
        place = res[0] if res else None
        c_ok = place is not None and place.country == exp["country"]
        d = (haversine_km(place.lat, place.lon, exp["lat"], exp["lon"])
             if place is not None and place.lat is not None and exp.get("lat") is not None else None)
        ok_country += c_ok
        if exp.get("lat") is not None:
            n_coord += 1
            ok_25 += d is not None and d <= 25
        if exp.get("admin1"):
            n_admin1 += 1
            ok_admin1 += place is not None and _admin1_equal(place.admin1, exp["admin1"])
        if not (c_ok and (exp.get("lat") is None or (d is not None and d <= 25))):
            errors.append((it.get("id", ""), it["text"][:110], exp.get("name"), exp.get("admin1"),
                           place.name if place else None, place.admin1 if place else None,
                           place.country if place else None, None if d is None else round(d)))
    dt = time.perf_counter() - t0
    rss1 = _rss_mb()
    # raw gazetteer speed: every word-ish token of the texts, uncached
    gaz = geo.gaz
    words = sorted({w for it in items for w in it["text"].replace(",", " ").split() if w[:1].isupper()})
    gaz.lookup.cache_clear()
    t1 = time.perf_counter()
    for w in words:
        gaz.lookup(w)
    lookups_per_s = len(words) / (time.perf_counter() - t1) if words else 0.0
    out = {
        "input": src, "items": n, "country_acc": round(ok_country / n, 3) if n else None,
        "admin1_acc": round(ok_admin1 / n_admin1, 3) if n_admin1 else None,
        "within_25km": round(ok_25 / n_coord, 3) if n_coord else None, "items_with_coords": n_coord,
        "docs_per_s": round(n / dt, 1), "toponyms_per_s": round(mentions / dt, 1),
        "gazetteer_lookups_per_s_uncached": round(lookups_per_s), "distinct_names_looked_up": len(words),
        "rss_mb_geo": round(rss1 - rss0, 1), "rss_mb_total": round(rss1, 1),
    }
    print(json.dumps(out, indent=1))
    for e in errors[: args.show_errors]:
        print("ERR", e, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
