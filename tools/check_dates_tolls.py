"""Sanity check of sigact.time and sigact.extract.tolls on gold records (train split by default).

    .venv/bin/python tools/check_dates_tolls.py [--data PATH] [--show N]

Dates: ``resolve_date(text, None)`` (records carry no publication date; GED citation lines
carry their own) scored against ``gold.date``: exact = start equals the gold date;
inside = the predicted span lies inside the gold range as ``sigact eval`` scores it
(docs/evaluation.md: ACLED week = +-6 days, month = the month widened to +-15 days,
GED = date..date_end).
Tolls: ``summarize_tolls(find_tolls(text))["killed"]`` (None counts as 0, ACLED's code
for "no fatalities reported") against ``gold.fatalities``.
Also prints phrases/s for the date grammar and texts/s for the toll finder.
Only for train: never tune on dev.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sigact.extract.tolls import find_tolls, summarize_tolls  # noqa: E402
from sigact.time import find_date_mentions, resolve_date  # noqa: E402

DEFAULT = Path("/work/shared/data/train/events-train.jsonl")


def _gold_range(r: dict) -> tuple[str, str]:
    """The accepted gold range, as docs/evaluation.md defines it."""
    gold, meta = r["gold"]["date"], r.get("meta") or {}
    d = dt.date.fromisoformat(gold)
    if r["source_dataset"] != "acled":
        return gold, meta.get("date_end") or gold
    prec = meta.get("date_precision")
    if prec == "week":
        return (d - dt.timedelta(days=6)).isoformat(), (d + dt.timedelta(days=6)).isoformat()
    if prec == "month":
        first = d.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return min(first, d - dt.timedelta(days=15)).isoformat(), max(last, d + dt.timedelta(days=15)).isoformat()
    if prec == "year":
        return f"{d.year}-01-01", f"{d.year}-12-31"
    return gold, gold


def _inside(span, lo: str, hi: str) -> bool:
    if span is None or span.start is None:
        return False
    return lo <= span.start and (span.end or span.start) <= hi


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--show", type=int, default=0, help="print N misses of each kind")
    args = ap.parse_args(argv)
    records = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line.strip()]

    stats: dict[str, Counter] = {}
    misses: dict[str, list[str]] = {"date": [], "fat": []}
    t_dates = t_tolls = 0.0
    for r in records:
        ds = r["source_dataset"]
        c = stats.setdefault(ds, Counter())
        c["n"] += 1
        text, gold = r["text"], r["gold"]
        t0 = time.perf_counter()
        span = resolve_date(text, None)
        t_dates += time.perf_counter() - t0
        gd, ge = gold["date"], (r.get("meta") or {}).get("date_end")
        c["date_exact"] += bool(span and span.start == gd)
        c["date_in_range"] += _inside(span, *_gold_range(r))
        c["date_none"] += span is None or span.start is None
        if not (span and span.start == gd) and len(misses["date"]) < args.show * 3:
            misses["date"].append(f"{ds} gold={gd}..{ge} got={span} | {text[:140]!r}")
        t0 = time.perf_counter()
        toll = summarize_tolls(find_tolls(text)).get("killed")
        t_tolls += time.perf_counter() - t0
        got = toll if toll is not None else 0
        c["fat_exact"] += got == gold["fatalities"]
        if got != gold["fatalities"] and len(misses["fat"]) < args.show * 3:
            misses["fat"].append(f"{ds} gold={gold['fatalities']} got={toll} | {text[:240]!r}")

    print(f"records: {len(records)} from {args.data}")
    for ds, c in sorted(stats.items()):
        n = c["n"]
        print(f"{ds:9s} n={n:5d}  date exact={c['date_exact'] / n:.3f}  date inside gold range={c['date_in_range'] / n:.3f}"
              f"  no date={c['date_none'] / n:.3f}  fatalities exact={c['fat_exact'] / n:.3f}")
    # throughput of the phrase grammar on short phrases
    phrases = ["on Saturday", "last week", "since October", "9 May 2020", "between 3 and 5 May",
               "two days ago", "earlier this month", "in 2014", "Saturday night", "09/05/2020"] * 200
    t0 = time.perf_counter()
    for p in phrases:
        find_date_mentions(p, "2024-01-24")
    dt_ = time.perf_counter() - t0
    print(f"date grammar: {len(phrases) / dt_:,.0f} phrases/s; resolve_date on records: "
          f"{len(records) / t_dates:,.0f} texts/s; find_tolls+summarize: {len(records) / t_tolls:,.0f} texts/s")
    for kind, lines in misses.items():
        if lines:
            print(f"\n--- {kind} misses ---")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
