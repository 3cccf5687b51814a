"""Load figure for the API: requests/s and p50/p99 latency of ``GET /events`` with filters.

1. builds (once, then reuses) a SQLite store of N generated events (``sigact.api.synthetic``),
2. serves it with uvicorn on 127.0.0.1 (one worker, a subprocess),
3. sends a bounded number of requests from an asyncio/httpx loop with fixed concurrency,
   rotating over filter mixes, loopback only, with a wall-clock cap,
4. prints a Markdown table (and writes JSON with ``--json``).

    .venv/bin/python benchmarks/load/run.py --events 100000 --requests 2000 --concurrency 16
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# (label, query string): the filter mixes a dashboard or script sends
QUERIES = [
    ("no filter (newest page)", ""),
    ("country", "country=IRQ"),
    ("country + type + since", "country=NGA&event_type=Battles&since=2024-06-01"),
    ("date window", "since=2024-03-01&until=2024-03-31"),
    ("bbox", "bbox=25,-5,35,5"),
    ("actor substring", "actor=rebel"),
    ("min_sources + plover", "min_sources=1&plover_type=PROTEST"),
    ("full text q", "q=Mosul"),
]


def build_store(url: str, n: int) -> float:
    """Fill the store with ``n`` synthetic events unless it already holds them; returns seconds spent."""
    from sigact.api.synthetic import iter_synthetic
    from sigact.store import Store

    t0 = time.perf_counter()
    with Store.open(url) as store:
        have = store.counts()["events"]
        if have >= n:
            return 0.0
        batch = []
        for i, item in enumerate(iter_synthetic(n, seed=1)):
            if i < have:
                continue
            batch.append(item)
            if len(batch) == 2000:
                store.add_batch(batch)
                batch = []
                print(f"  stored {i + 1:,}/{n:,}", file=sys.stderr, flush=True)
        if batch:
            store.add_batch(batch)
    return time.perf_counter() - t0


def pair_reports(url: str, every: int) -> int:
    """Make reports ``i`` and ``i + 1`` (by id, every ``every``-th ``i``) two reports of one canonical event,
    unless the store is clustered already; returns the number of reports moved into another's cluster."""
    from sigact.store import Store

    with Store.open(url) as store:
        c = store.counts()
        if c["clusters"] < c["events"]:
            return 0
        ids = sorted(e.id for e in store.iter_events(factuality=None, page_size=5000))
        return store.assign_clusters({ids[i + 1]: ids[i] for i in range(0, len(ids) - 1, every)})


def analyze(url: str) -> None:
    """Refresh the planner statistics after the bulk load (SQLite ``ANALYZE``; PostgreSQL ``ANALYZE``).

    Without statistics SQLite picks the low-selectivity factuality index for ``GET /events`` and sorts
    the whole table (~200 ms at 100k events instead of ~2 ms for the ids of one page).
    """
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _load(base: str, total: int, concurrency: int, cap_s: float, limit: int, level: str = "canonical") -> dict:
    import httpx

    lat: dict[str, list[float]] = {label: [] for label, _ in QUERIES}
    errors = 0
    counter = iter(range(total))
    deadline = time.perf_counter() + cap_s

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for i in counter:
            if time.perf_counter() > deadline:
                return
            label, qs = QUERIES[i % len(QUERIES)]
            url = f"/events?limit={limit}&level={level}" + (f"&{qs}" if qs else "")
            t = time.perf_counter()
            r = await client.get(url)
            dt = time.perf_counter() - t
            if r.status_code != 200:
                errors += 1
            else:
                lat[label].append(dt)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits, trust_env=False) as client:
        for label, qs in QUERIES:  # warm-up: one of each
            await client.get(f"/events?limit={limit}&level={level}" + (f"&{qs}" if qs else ""))
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    every = sorted(x for v in lat.values() for x in v)
    return {"wall_s": wall, "ok": len(every), "errors": errors, "all": every, "by_query": lat}


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--limit", type=int, default=100, help="page size (the API default is 100)")
    ap.add_argument("--level", choices=["canonical", "report"], default="canonical",
                    help="canonical events (the API default) or reports")
    ap.add_argument("--max-seconds", type=float, default=300, help="wall-clock cap of the load phase")
    ap.add_argument("--db", default=str(ROOT / "build" / "load-{n}.db"), help="SQLite file of the store")
    ap.add_argument("--url", help="any database URL instead of --db (e.g. postgresql+psycopg://...)")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--no-analyze", action="store_true", help="skip ANALYZE after the bulk load")
    ap.add_argument("--pair-every", type=int, default=0, metavar="K",
                    help="cluster report i+1 with report i for every K-th i (canonical events of two reports); "
                         "use a separate --db: the store keeps the clusters")
    args = ap.parse_args()

    if args.url:
        url = args.url
    else:
        db_path = Path(args.db.format(n=args.events))
        db_path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{db_path}"
    print(f"store {url}: building {args.events:,} events if needed", file=sys.stderr)
    build_s = build_store(url, args.events)
    if args.pair_every:
        print(f"paired {pair_reports(url, args.pair_every):,} reports", file=sys.stderr)
    if not args.no_analyze:
        analyze(url)

    port = _free_port()
    env = dict(os.environ, SIGACT_DB=url)
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "sigact.api.app:app_from_env", "--factory",
                               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
    try:
        import httpx

        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(base + "/health", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        res = asyncio.run(_load(base, args.requests, args.concurrency, args.max_seconds, args.limit, args.level))
    finally:
        server.terminate()
        server.wait(10)

    every = res["all"]
    summary = {
        "events": args.events, "requests_ok": res["ok"], "errors": res["errors"], "concurrency": args.concurrency,
        "page_size": args.limit, "level": args.level, "wall_s": round(res["wall_s"], 2), "rps": round(res["ok"] / res["wall_s"], 1),
        "p50_ms": round(1000 * _pct(every, 50), 1), "p99_ms": round(1000 * _pct(every, 99), 1),
        "build_s": round(build_s, 1), "analyzed": not args.no_analyze, "python": platform.python_version(), "cpus": os.cpu_count(),
        "by_query": {k: {"n": len(v), "p50_ms": round(1000 * _pct(v, 50), 1), "p99_ms": round(1000 * _pct(v, 99), 1)}
                     for k, v in res["by_query"].items()},
    }
    print(f"\n{summary['requests_ok']} requests ({summary['errors']} errors), concurrency {args.concurrency}, "
          f"page size {args.limit}, level {args.level}, {args.events:,} events ({url.split(':')[0]}, 1 uvicorn worker, {os.cpu_count()} CPUs)\n")
    print("| query | requests | p50 ms | p99 ms |\n|---|---:|---:|---:|")
    for k, v in summary["by_query"].items():
        print(f"| {k} | {v['n']} | {v['p50_ms']} | {v['p99_ms']} |")
    print(f"| **all** | {summary['requests_ok']} | {summary['p50_ms']} | {summary['p99_ms']} |")
    print(f"\nthroughput: {summary['rps']} requests/s over {summary['wall_s']} s")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2))
    return 0 if summary["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
