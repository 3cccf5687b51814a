"""Clustering speed on generated events (issue 6: 1 million events under 5 minutes on 2 cores).

Events are generated with realistic blocking structure (about 180 countries, 6 event types,
dates over two years, a share of multi-report incidents) and random unit vectors standing in
for the MiniLM sentence vectors (embedding cost is measured separately: it is paid once per
event at extraction time). Prints events/s and the total time.

    .venv/bin/python benchmarks/dedup/scale.py --events 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date, timedelta

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    from sigact.dedup import EventClusterer
    from sigact.model import Actor, DateSpan, Event, Place

    rng = random.Random(args.seed)
    nprng = np.random.default_rng(args.seed)
    countries = [f"C{i:02d}" for i in range(180)]
    types = ["Battles", "Violence against civilians", "Explosions/Remote violence", "Protests", "Riots",
             "Strategic developments"]
    day0 = date(2023, 1, 1)
    base_vecs = nprng.standard_normal((args.events // 2 + 1, 32)).astype(np.float32)
    events, vecs = [], []
    t0 = time.perf_counter()
    i = 0
    while len(events) < args.events:
        inc = i
        i += 1
        c = rng.choice(countries)
        t = rng.choice(types)
        d = day0 + timedelta(days=rng.randrange(730))
        lat, lon = rng.uniform(-30, 50), rng.uniform(-20, 100)
        for r in range(rng.choice((1, 1, 2, 3))):
            if len(events) >= args.events:
                break
            v = base_vecs[inc % len(base_vecs)] + 0.3 * nprng.standard_normal(32).astype(np.float32)
            vecs.append(v / np.linalg.norm(v))
            events.append(Event(
                id=f"e{len(events)}", article_id=f"a{len(events)}", acled_event_type=t,
                acled_sub_event_type=t, actor1=Actor(type="military"),
                location=Place(country=c, lat=lat + rng.uniform(-0.05, 0.05), lon=lon, precision="town"),
                date=DateSpan((d + timedelta(days=r % 2)).isoformat(), (d + timedelta(days=r % 2)).isoformat(), "day"),
            ))
    gen = time.perf_counter() - t0
    matrix = np.vstack(vecs)
    clusterer = EventClusterer()
    t1 = time.perf_counter()
    clusterer.add(events, vectors=matrix)
    took = time.perf_counter() - t1
    out = {"events": len(events), "clusters": len(clusterer.clusters), "seconds": round(took, 1),
           "events_per_s": round(len(events) / took), "generate_seconds": round(gen, 1)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
