"""Dask speed-up: the same corpus on a LocalCluster with 1 worker and with 2 workers.

Worker start-up (model and gazetteer loading) is paid before the clock starts: each cluster
first runs a warm-up partition on every worker.

    .venv/bin/python benchmarks/dask/speedup.py --limit 200
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(paths: list[str], workers: int, out: Path) -> float:
    from dask.distributed import Client, LocalCluster

    from sigact.scale.dask_run import plan_partitions, process_partition

    parts = plan_partitions(paths, lines_per_partition=20)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client:
        warm = [client.submit(process_partition, parts[0], pure=False, workers=[w])
                for w in client.scheduler_info()["workers"]]
        client.gather(warm)
        t0 = time.perf_counter()
        futs = [client.submit(process_partition, p, out_dir=str(out), pure=False) for p in parts]
        client.gather(futs)
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default=str(HERE.parent / "corpus" / "bench-600.jsonl"))
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp) / "corpus.jsonl"
        lines = Path(args.corpus).read_text(encoding="utf-8").splitlines()[: args.limit]
        sub.write_text("\n".join(lines) + "\n", encoding="utf-8")
        one = timed([str(sub)], 1, Path(tmp))
        two = timed([str(sub)], 2, Path(tmp))
    print(json.dumps({"articles": len(lines), "one_worker_s": round(one, 1), "two_workers_s": round(two, 1),
                      "speedup": round(one / two, 2)}))


if __name__ == "__main__":
    main()
