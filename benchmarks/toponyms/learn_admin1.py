"""Learn ACLED-style admin1 names for GeoNames admin1 codes from the TRAIN split.

For every ACLED training record (gold country, admin1, lat, lon) the nearest
gazetteer city of that country names a GeoNames admin1 code; the gold admin1
names are voted per code.  Codes whose winning ACLED name differs from the
GeoNames name are written to src/sigact/geo/data/admin1_names.csv (place names
only: no note text is copied).  Run:

    .venv/bin/python benchmarks/toponyms/learn_admin1.py /work/shared/data/train/events-train.jsonl
"""

from __future__ import annotations

import csv
import difflib
import json
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

from sigact.geo.build import ensure_gazetteer
from sigact.geo.countries import norm_key, to_iso3

OUT = Path(__file__).resolve().parents[2] / "src/sigact/geo/data/admin1_names.csv"


def main(path: str) -> None:
    conn = sqlite3.connect(ensure_gazetteer())
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    current: dict[str, str] = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        if r["source_dataset"] != "acled":
            continue
        g = r["gold"]
        iso3 = to_iso3(g["country"])
        if not iso3 or not g.get("admin1") or g.get("latitude") is None:
            continue
        lat, lon = g["latitude"], g["longitude"]
        row = conn.execute(
            "SELECT admin1_code, admin1, (lat-?)*(lat-?)+(lon-?)*(lon-?) AS d FROM place "
            "WHERE kind='city' AND country=? AND lat BETWEEN ?-0.3 AND ?+0.3 AND lon BETWEEN ?-0.3 AND ?+0.3 "
            "ORDER BY d LIMIT 1",
            (lat, lat, lon, lon, iso3, lat, lat, lon, lon),
        ).fetchone()
        if row is None:
            continue
        votes[row[0]][g["admin1"]] += 1
        current[row[0]] = row[1]
    rows = []
    for code, c in sorted(votes.items()):
        name, n = c.most_common(1)[0]
        cur = current.get(code)
        similar = cur is None or difflib.SequenceMatcher(None, norm_key(name), norm_key(cur)).ratio() >= 0.5 \
            or norm_key(name) in norm_key(cur) or norm_key(cur) in norm_key(name)
        if (n >= 2 or similar) and n / sum(c.values()) >= 0.6 and name != cur:
            cc, _, sub = code.partition(".")
            rows.append({"cc": cc, "code": sub, "name": name, "source": f"train-vote {n}/{sum(c.values())} (was {current.get(code)})"})
    # keep manual rows
    manual = []
    if OUT.exists():
        lines = [ln for ln in OUT.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        manual = [r for r in csv.DictReader(lines) if not r["source"].startswith("train-vote")]
    learned_keys = {(r["cc"], r["code"]) for r in rows}
    manual = [r for r in manual if (r["cc"], r["code"]) not in learned_keys]
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["cc", "code", "name", "source"], lineterminator="\n")
        w.writeheader()
        for r in manual + rows:
            w.writerow(r)
    print(f"{len(rows)} learned, {len(manual)} manual rows -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/train/events-train.jsonl")
