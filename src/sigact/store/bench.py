"""Store benchmark: write throughput and query latency on synthetic events.

    python -m sigact.store.bench --db sqlite:////tmp/bench.db --events 50000

Prints a Markdown table (``--json`` for JSON).  The database should be empty:
the run writes ``--events`` synthetic (article, event) pairs, writes them again
(all duplicates), then times each query method (median of ``--repeat`` runs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from itertools import islice
from typing import Any, Callable

__all__ = ["run_bench"]


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times) * 1000, 1)


def run_bench(url: str, n_events: int = 50_000, *, batch: int = 500, repeat: int = 5) -> dict[str, Any]:
    """Write ``n_events`` synthetic events to ``url`` and time the query API; returns the figures."""
    from sigact.api.synthetic import iter_synthetic
    from sigact.store import Store

    out: dict[str, Any] = {"url": url.split("@")[-1], "events": n_events, "batch": batch}
    with Store.open(url) as store:
        pairs = iter_synthetic(n_events, seed=7)
        t0 = time.perf_counter()
        while chunk := list(islice(pairs, batch)):
            store.add_batch(chunk)
        took = time.perf_counter() - t0
        out["write_events_per_s"] = round(n_events / took)
        t0 = time.perf_counter()
        pairs = iter_synthetic(n_events, seed=7)
        while chunk := list(islice(pairs, batch)):
            store.add_batch(chunk)
        out["rewrite_duplicates_per_s"] = round(n_events / (time.perf_counter() - t0))
        eid = store.query_events(limit=1)[0][0].id

        def deep_pages() -> None:
            cursor = None
            for _ in range(20):
                _, cursor = store.query_events(cursor=cursor, limit=100)

        queries: dict[str, Callable[[], Any]] = {
            "query_events() first 100": lambda: store.query_events(),
            "query_events(country='IRQ')": lambda: store.query_events(country="IRQ"),
            "query_events(bbox=Sahel)": lambda: store.query_events(bbox=(-5, 10, 15, 20)),
            "query_events(since/until one month)": lambda: store.query_events(since="2024-06-01", until="2024-06-30"),
            "query_events(actor='Military')": lambda: store.query_events(actor="Military"),
            "query_events(q='bombed')": lambda: store.query_events(q="bombed"),
            "query_events(min_sources=2)": lambda: store.query_events(min_sources=2),
            "20 pages of 100 via cursor": deep_pages,
            "count_events()": lambda: store.count_events(),
            "count_events(country, type)": lambda: store.count_events(country="NGA", event_type="Battles"),
            "timeline('month')": lambda: store.timeline("month"),
            "actors(limit=20)": lambda: store.actors(limit=20),
            "places(limit=20)": lambda: store.places(limit=20),
            "get_event(id)": lambda: store.get_event(eid),
        }
        out["query_ms"] = {name: _median_ms(fn, repeat) for name, fn in queries.items()}
        out["counts"] = store.counts()
    return out


def _markdown(r: dict[str, Any]) -> str:
    lines = [f"Database `{r['url']}`, {r['events']:,} events (one per article), batches of {r['batch']}:", "",
             "| measure | value |", "|---|---|",
             f"| write (add_batch) | {r['write_events_per_s']:,} events/s |",
             f"| re-write, all duplicates | {r['rewrite_duplicates_per_s']:,} events/s |"]
    lines += [f"| {name} | {ms} ms |" for name, ms in r["query_ms"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="database URL (should be empty)")
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    r = run_bench(a.db, a.events, batch=a.batch, repeat=a.repeat)
    print(json.dumps(r, indent=2) if a.json else _markdown(r))


if __name__ == "__main__":
    main()
