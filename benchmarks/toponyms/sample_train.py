"""A dev-like sample of the TRAIN split for error analysis of places.

Dev and the held-out set are balanced over the six ACLED event types and drawn round-robin
over countries, while train is in natural proportions (and its GED part is mostly Central
African Republic).  This writes, to stdout, ``--per-type`` ACLED records of each event type
drawn round-robin over countries, then the GED records with at most ``--car`` from the
Central African Republic.  Fixed seed: the same sample every run.  Run:

    .venv/bin/python benchmarks/toponyms/sample_train.py > /tmp/trainbal.jsonl
    .venv/bin/sigact eval /tmp/trainbal.jsonl --json /tmp/geo.json --errors /tmp/geo-err.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict


def sample(path: str, per_type: int = 100, car: int = 60, seed: int = 7) -> list[dict]:
    """The sampled records (ACLED first, then GED), in a fixed order."""
    rng = random.Random(seed)
    records = [json.loads(line) for line in open(path, encoding="utf-8")]
    acled = [r for r in records if r["source_dataset"] == "acled"]
    ged = [r for r in records if r["source_dataset"] == "ucdp_ged"]
    out: list[dict] = []
    by_type: dict[str, list[dict]] = defaultdict(list)
    for r in acled:
        by_type[r["gold"]["event_type"]].append(r)
    for _, group in by_type.items():
        rng.shuffle(group)
        by_country: dict[str, list[dict]] = defaultdict(list)
        for r in group:
            by_country[r["gold"]["country"]].append(r)
        countries = list(by_country)
        rng.shuffle(countries)
        picked: list[dict] = []
        while len(picked) < per_type and any(by_country.values()):
            for c in countries:
                if by_country[c] and len(picked) < per_type:
                    picked.append(by_country[c].pop())
        out += picked
    rng.shuffle(ged)
    out += [r for r in ged if r["gold"]["country"] != "Central African Republic"]
    out += [r for r in ged if r["gold"]["country"] == "Central African Republic"][:car]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", nargs="?", default="/work/shared/data/train/events-train.jsonl")
    ap.add_argument("--per-type", type=int, default=100)
    ap.add_argument("--car", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rows = sample(args.train, args.per_type, args.car, args.seed)
    for r in rows:
        sys.stdout.write(json.dumps(r) + "\n")
    counts = Counter(r["source_dataset"] for r in rows)
    print(f"{dict(counts)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
