"""``sigact batch``: the pipeline over a corpus on a Dask cluster."""

from __future__ import annotations

import json

import click


@click.command("batch")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--dask", "scheduler", default="local", show_default=True,
              help="'local' (a LocalCluster on this machine) or a scheduler address, e.g. tcp://10.0.0.5:8786.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the Parquet partitions (events-00000.parquet, ...).")
@click.option("--workers", default=2, show_default=True, help="Worker processes of a local cluster.")
@click.option("--db", default=None, help="Also store articles and events here (SQLAlchemy URL).")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for every article.")
@click.option("--lines-per-partition", default=200, show_default=True, help="JSONL lines per partition.")
@click.option("--rejects", "rejects", type=click.Path(dir_okay=False), default=None,
              help="JSONL log of inputs that could not be read and articles whose extraction failed "
                   "[default: rejects.jsonl in the --out folder].")
def batch_cmd(paths: tuple[str, ...], scheduler: str, out_dir: str, workers: int, db: str | None,
              published: str | None, lines_per_partition: int, rejects: str | None) -> None:
    """Extract events from PATHS on dask.distributed workers, writing Parquet partitions.

    The same pipeline as `sigact ingest`, partitioned by file (JSONL by blocks of lines);
    results come back in input order. An input that cannot be read, or an article whose
    extraction fails (SIG-E200), goes to the rejects log and the run goes on.
    See docs/scale.md for running on SLURM/PBS or Kubernetes.

    Example: sigact batch corpus/ --dask local --workers 2 --out events/
    """
    from pathlib import Path

    from sigact.errors import SigactError
    from sigact.scale.dask_run import run_dask
    from sigact.store.ingest import RejectLog

    rlog = RejectLog(Path(rejects) if rejects else Path(out_dir) / "rejects.jsonl")

    def log_rejects(res: object) -> None:
        for rec in getattr(res, "rejects", []):
            rlog.add(rec)

    store = None
    try:
        if db:
            from sigact.store import Store

            store = Store.open(db)
        results = run_dask(paths, scheduler, out_dir=out_dir, n_workers=workers, published=published,
                           lines_per_partition=lines_per_partition, store=store, on_result=log_rejects)
    except SigactError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        rlog.close()
        if store is not None:
            store.close()
    summary = {"partitions": len(results), "articles": sum(len(r.articles) for r in results),
               "events": sum(r.event_count for r in results), "rejected": sum(len(r.rejects) for r in results),
               "out": out_dir}
    if summary["rejected"]:
        summary["rejects"] = str(rlog.path)
    click.echo(json.dumps(summary))
