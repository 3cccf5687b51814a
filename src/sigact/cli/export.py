"""``sigact export`` and ``sigact import``: event files in and out of the store."""

from __future__ import annotations

import sys
from typing import Any

import click

DEFAULT_DB = "sqlite:///sigact.db"
_FORMATS = ["acled-csv", "plover-jsonl", "parquet", "geojson", "csv", "jsonl"]


def _filters(**kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in kw.items():
        if v in (None, (), ""):
            continue
        out[k] = list(v) if isinstance(v, tuple) else v
    fact = out.pop("factuality", ["asserted"])
    out["factuality"] = None if "all" in fact else fact
    if "bbox" in out:
        out["bbox"] = [float(x) for x in out["bbox"].split(",")]
    return out


@click.command("export")
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="SIGACT_DB", help="Database URL.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Output file [default: stdout].")
@click.option("--since", help="Events on or after this ISO date.")
@click.option("--until", help="Events on or before this ISO date.")
@click.option("--country", multiple=True, help="ISO3 country code (repeatable).")
@click.option("--admin1", multiple=True, help="Admin1 name (repeatable).")
@click.option("--bbox", help="min_lon,min_lat,max_lon,max_lat")
@click.option("--event-type", multiple=True, help="ACLED event type (repeatable).")
@click.option("--sub-event-type", multiple=True, help="ACLED sub-event type (repeatable).")
@click.option("--plover-type", multiple=True, help="PLOVER event type (repeatable).")
@click.option("--actor", help="Substring of either actor's name.")
@click.option("--factuality", multiple=True, help="asserted (default), threat, denied, ..., or all.")
@click.option("--min-sources", type=click.IntRange(1), help="At least this many source articles.")
@click.option("-q", "--q", "q", help="Text search in evidence, actors and places.")
def export_cmd(db: str, fmt: str, output: str, **filters: Any) -> None:
    """Export stored events as ACLED CSV, PLOVER JSONL, Parquet, GeoJSON, flat CSV or native JSONL.

    Example: sigact export --db sqlite:///sigact.db --format acled-csv -o events.csv
    """
    from sigact.errors import SigactError
    from sigact.export import write_events
    from sigact.store import Store

    try:
        if output == "-" and fmt == "parquet" and sys.stdout.isatty():
            raise click.UsageError("parquet is binary: write it to a file with -o FILE")
        kw = _filters(**filters)
        with Store.open(db) as store:
            events = store.iter_events(**kw)
            if output == "-":
                n = write_events(events, fmt, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                with open(output, "wb") as fh:
                    n = write_events(events, fmt, fh)
    except (SigactError, ValueError) as exc:
        click.echo(f"sigact: error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"exported {n} events as {fmt}" + ("" if output == "-" else f" to {output}"), err=True)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="SIGACT_DB", help="Database URL.")
@click.option("--format", "fmt", type=click.Choice([f for f in _FORMATS if f != "acled-csv"]), default=None,
              help="Input format [default: from the file].")
def import_cmd(paths: tuple[str, ...], db: str, fmt: str | None) -> None:
    """Import events from sigact exports (jsonl, plover-jsonl, csv, geojson, parquet) into the store.

    Example: sigact import events.parquet --db sqlite:///other.db
    """
    from sigact.errors import SigactError
    from sigact.export import read_events
    from sigact.export.importer import import_events
    from sigact.store import Store

    try:
        with Store.open(db) as store:
            for path in paths:
                res = import_events(store, read_events(path, fmt))
                click.echo(f"{path}: {res['events']} events imported for {res['articles']} articles "
                           f"({res['placeholders']} without text, {res['skipped']} already stored)", err=True)
    except SigactError as exc:
        click.echo(f"sigact: error: {exc}", err=True)
        sys.exit(1)
