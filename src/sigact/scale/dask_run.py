"""Run the pipeline over a corpus on a Dask cluster (``sigact batch --dask``).

The inputs are cut into partitions — one per file, and JSONL files into blocks of lines — and
each partition is processed on a dask.distributed worker by the *same* code as a one-process
run (:meth:`sigact.pipeline.Pipeline.process`, the default pipeline loaded once per worker
process).  Each partition's events are written as one Parquet file
(``events-00000.parquet``, the project's flat export schema); optionally the client also writes
articles and events into a store.  Results are gathered in partition order, so the output is
identical to a one-process run.

Scheduler: ``local`` starts a LocalCluster on this machine (``n_workers`` processes, one thread
each); any other value is a scheduler address (``tcp://host:8786``) of an existing cluster,
e.g. one started by dask-jobqueue on SLURM/PBS or by the Dask Kubernetes operator
(see docs/scale.md).
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from sigact.model import Article, Event

__all__ = ["Partition", "PartitionResult", "plan_partitions", "process_partition", "run_dask"]

_LINE = re.compile(r"^line (\d+)$")


@dataclass(frozen=True)
class Partition:
    """A unit of work: a whole file, or lines ``start+1..stop`` of a JSONL file."""

    index: int
    path: str
    start: int = 0
    stop: int | None = None


@dataclass
class PartitionResult:
    index: int
    articles: list[dict[str, Any]] = field(default_factory=list)
    events: list[list[dict[str, Any]]] = field(default_factory=list)  # per article, in order
    rejects: list[dict[str, Any]] = field(default_factory=list)
    parquet: str | None = None

    @property
    def event_count(self) -> int:
        return sum(len(e) for e in self.events)


def _files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    if not n.startswith("."):
                        yield Path(root) / n
        else:
            yield p


def plan_partitions(paths: Iterable[str | Path], *, lines_per_partition: int = 200) -> list[Partition]:
    """Partitions of the inputs: one per file; plain ``.jsonl`` files split by lines."""
    parts: list[Partition] = []
    for f in _files(paths):
        if f.suffix == ".jsonl" and f.is_file():
            with f.open("rb") as fh:
                n = sum(1 for _ in fh)
            for a in range(0, max(n, 1), lines_per_partition):
                parts.append(Partition(len(parts), str(f), a, min(n, a + lines_per_partition)))
        else:
            parts.append(Partition(len(parts), str(f)))
    return parts


def _read(part: Partition, published: str | None) -> Iterator[Any]:
    from sigact.ingest import read_path

    if part.stop is None:
        yield from read_path(part.path, published=published)
        return
    from sigact.ingest import ReadOptions
    from sigact.ingest.base import InputSource, Reject
    from sigact.ingest.jsonl import read_jsonl

    with open(part.path, "rb") as fh:
        lines = [line for i, line in enumerate(fh) if part.start <= i < part.stop]
    data = b"".join(lines)
    src = InputSource(name=part.path, opener=lambda: io.BytesIO(data), path=Path(part.path), size=len(data))
    opts = ReadOptions()
    if published:
        from sigact.ingest.meta import normalise_date

        opts = ReadOptions(published=normalise_date(published))

    def shift(pos: str | None) -> str | None:
        m = _LINE.match(pos or "")
        return f"line {int(m.group(1)) + part.start}" if m else pos

    for item in read_jsonl(src, opts):
        if isinstance(item, Reject):
            yield Reject(item.input, shift(item.position), item.reason)
        else:
            yield replace(item, position=shift(item.position))


def process_partition(part: Partition, *, published: str | None = None, out_dir: str | None = None) -> PartitionResult:
    """Read, extract and (with ``out_dir``) write one partition's events as Parquet."""
    from sigact.ingest.base import Reject
    from sigact.pipeline import get_pipeline

    pipeline = get_pipeline()
    res = PartitionResult(part.index)
    all_events: list[Event] = []
    for item in _read(part, published):
        if isinstance(item, Reject):
            res.rejects.append(item.to_dict())
            continue
        try:
            events = pipeline.process(item)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a partition
            from sigact.errors import ExtractionError

            err = ExtractionError.wrap(exc, stage="pipeline", article=item)
            res.rejects.append(err.to_reject(input=item.input, position=item.position))
            events = []
        res.articles.append(item.to_dict())
        res.events.append([e.to_dict() for e in events])
        all_events.extend(events)
    if out_dir is not None:
        from sigact.export.formats import write_events

        path = Path(out_dir) / f"events-{part.index:05d}.parquet"
        tmp = path.with_suffix(".parquet.tmp")
        with tmp.open("wb") as fh:
            write_events(all_events, "parquet", fh)
        tmp.replace(path)
        res.parquet = str(path)
    return res


def run_dask(paths: Iterable[str | Path], scheduler: str = "local", *, out_dir: str | Path | None = None,
             n_workers: int = 2, published: str | None = None, lines_per_partition: int = 200,
             store: Any = None, on_result: Any = None) -> list[PartitionResult]:
    """Process ``paths`` on a Dask cluster; returns the partition results in order.

    ``store`` (a :class:`sigact.store.Store`) receives every partition's articles and events as
    they arrive (in partition order).  ``on_result`` is called with each result (progress).
    """
    from dask.distributed import Client, LocalCluster

    parts = plan_partitions(paths, lines_per_partition=lines_per_partition)
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        futures = [client.submit(process_partition, p, published=published,
                                 out_dir=str(out_dir) if out_dir is not None else None, pure=False, key=f"sigact-part-{p.index}-{os.getpid()}")
                   for p in parts]
        results: list[PartitionResult] = []
        for fut in futures:  # in partition order
            res = fut.result()
            if store is not None:
                items = [(Article.from_dict(a), [Event.from_dict(e) for e in evs])
                         for a, evs in zip(res.articles, res.events)]
                if items:
                    store.add_batch(items)
            if on_result is not None:
                on_result(res)
            results.append(res)
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
