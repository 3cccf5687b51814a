"""``sigact ingest`` and ``sigact events``: thin commands over ``sigact.store``."""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import Any

import click

DB_HELP = "Database URL (any SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db)."
DEFAULT_DB = "sqlite:///sigact.db"
_PROGRESS_AFTER_S = 2.0


def _iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


class _Progress:
    """A rich progress display, shown only on a terminal and only once a run lasts a couple of seconds."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.t0 = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, s: Any) -> None:
        if not self.enabled or time.monotonic() - self.t0 < _PROGRESS_AFTER_S:
            return
        if self.bar is None:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("ingesting", total=None)
        rate = s.read / s.seconds if s.seconds else 0.0
        self.bar.update(self.task, description=(
            f"read {s.read:,}  stored {s.stored:,}  dup {s.duplicates:,}  revised {s.revised:,}  "
            f"rejected {s.rejected:,}  events {s.events:,}  ({rate:,.0f} articles/s)"))

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _fail(message: str) -> None:
    click.echo(f"sigact: error: {message}", err=True)
    sys.exit(1)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db", default=DEFAULT_DB, show_default=True, envvar="SIGACT_DB", help=DB_HELP)
@click.option("--rejects", "rejects", type=click.Path(dir_okay=False), default=None,
              help="JSONL log of inputs that could not be read [default: rejects.jsonl next to the database].")
@click.option("--published", callback=_iso_date, default=None, metavar="YYYY-MM-DD",
              help="Publication date for every article read (overrides dates found in the inputs).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=50, show_default=True,
              help="Articles per transaction.")
@click.option("--no-extract", is_flag=True, help="Store the articles only; extract events later.")
@click.option("--cluster", is_flag=True,
              help="Group reports of the same event across articles (canonical events) after each batch.")
@click.option("--reextract", is_flag=True,
              help="Re-code stored articles that an earlier pipeline version coded (events replaced).")
def ingest_cmd(paths: tuple[str, ...], db: str, rejects: str | None, published: str | None, batch_size: int,
               no_extract: bool, cluster: bool, reextract: bool) -> None:
    """Read news (files, directories, JSONL, HTML, RSS, WARC; "-" = stdin), code events, store them.

    Re-running is safe: unchanged articles are skipped before NLP, a changed
    article at a known URL becomes a new revision.

    Example: sigact ingest examples/ feeds/ --db sqlite:///sigact.db --cluster
    """
    from sigact.errors import SigactError
    from sigact.store import Store, run_ingest

    progress = _Progress(sys.stdout.isatty())
    try:
        with Store.open(db) as store:
            s = run_ingest(list(paths), store, published=published, rejects_path=rejects, batch_size=batch_size,
                           extract=not no_extract, progress=progress, stdin=sys.stdin.buffer,
                           on_batch=_clusterer() if cluster and not no_extract else None, reextract=reextract)
    except SigactError as exc:
        progress.stop()
        _fail(str(exc))
        return
    except KeyboardInterrupt:
        progress.stop()
        _fail("interrupted; batches already committed are kept, re-run to finish")
        return
    progress.stop()
    if s.read == 0 and s.rejected:
        more = f" (+{s.rejected - 1} more, see {s.rejects_path})" if s.rejected > 1 else ""
        _fail(f"nothing to ingest: {s.first_reject}{more}")
    click.echo(
        f"read {s.read}, stored {s.stored}, duplicates skipped {s.duplicates}, revised {s.revised}, "
        f"rejected {s.rejected}" + (f" (extraction failed {s.failed}, retried next run)" if s.failed else "")
        + f", events found {s.events}"
        + (f", stored articles (re)coded {s.extracted}" if s.extracted else "")
        + f" ({s.seconds:.1f} s)"
        + (f"; rejects logged to {s.rejects_path}" if s.rejected else ""))


def _clusterer() -> Any:
    """An ``on_batch`` hook clustering each batch's new events into canonical events (one model per run)."""
    from sigact.dedup.cluster import EventClusterer
    from sigact.dedup.sync import cluster_new_events

    clusterer = EventClusterer()

    def hook(store: Any, result: Any) -> None:
        if result.event_ids:
            cluster_new_events(store, result.event_ids, clusterer)

    return hook


_TABLE_FORMATS = ("table", "csv", "jsonl", "acled-csv", "plover-jsonl", "geojson")


@click.command("events")
@click.option("--db", "db", default=DEFAULT_DB, show_default=True, envvar="SIGACT_DB", help=DB_HELP)
@click.option("--country", multiple=True, metavar="ISO3", help="Country code (repeatable).")
@click.option("--admin1", default=None, help="First-level administrative region.")
@click.option("--since", callback=_iso_date, default=None, metavar="YYYY-MM-DD",
              help="Only events dated on or after this day (a date range overlapping it counts).")
@click.option("--until", callback=_iso_date, default=None, metavar="YYYY-MM-DD",
              help="Only events dated on or before this day (a date range overlapping it counts).")
@click.option("--type", "event_type", multiple=True, help='ACLED event type, e.g. "Battles" (repeatable).')
@click.option("--actor", default=None, help="Substring of an actor name.")
@click.option("--search", "q", default=None, help="Substring of evidence text, actor or place names.")
@click.option("--all", "all_", is_flag=True, help="Include threats, denials, hypothetical and historical events.")
@click.option("--reports", is_flag=True,
              help="One row per report (article x event) instead of one per canonical event.")
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True,
              help="Print at most this many events (rows).")
@click.option("--format", "fmt", type=click.Choice(_TABLE_FORMATS), default="table", show_default=True,
              help="table: a readable table; any other: that export format on stdout (see docs/store.md).")
def events_cmd(db: str, country: tuple[str, ...], admin1: str | None, since: str | None, until: str | None,
               event_type: tuple[str, ...], actor: str | None, q: str | None, all_: bool, reports: bool,
               limit: int, fmt: str) -> None:
    """List stored events, newest first (incidents only unless --all).

    One row per canonical event: the reports of one incident that `sigact ingest --cluster`
    merged are shown once, with all their sources (the `sources` column counts the articles).

    Example: sigact events --country IRQ --since 2024-01-01 --format csv
    """
    from itertools import islice

    from sigact.errors import SigactError
    from sigact.store import Store
    from sigact.store.store import sqlite_path

    path = sqlite_path(db)
    if path is not None and not path.exists():
        _fail(f"no database at {path} (create it with: sigact ingest PATH --db {db})")
    filters: dict[str, Any] = dict(country=list(country) or None, admin1=admin1, since=since, until=until,
                                   event_type=list(event_type) or None, actor=actor, q=q,
                                   factuality=None if all_ else "asserted")
    try:
        with Store.open(db) as store:
            if reports:
                events = list(islice(store.iter_events(page_size=min(limit, 1000), **filters), limit))
            else:
                from sigact.dedup.sync import canonical_events

                events = canonical_events(store, limit=limit, **filters)
    except SigactError as exc:
        _fail(str(exc))
        return
    if fmt == "table":
        _print_table(events)
        return
    from sigact.export import write_events

    write_events(events, fmt, sys.stdout.buffer)
    sys.stdout.buffer.flush()


def _print_table(events: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for col in ("date", "type / sub-type", "actor1", "actor2", "place", "country", "fatalities", "factuality",
                "sources"):
        table.add_column(col, justify="right" if col in ("fatalities", "sources") else "left")

    def actor(a: Any) -> str:
        return (a.acled_name or a.name or a.text or "") if a else ""

    for e in events:
        d = e.date
        date = (d.start if d.start == d.end or not d.end else f"{d.start}..{d.end}") if d and d.start else ""
        loc = e.location
        place = ", ".join(x for x in (loc.name, loc.admin1) if x) if loc else ""
        kind = " / ".join(x for x in (e.acled_event_type, e.acled_sub_event_type) if x)
        table.add_row(date, kind, actor(e.actor1), actor(e.actor2), place, (loc.country or "") if loc else "",
                      "" if e.fatalities is None else str(e.fatalities), e.factuality, str(e.source_count))
    console = Console() if sys.stdout.isatty() else Console(width=200)
    console.print(table)
    console.print(f"{len(events)} event(s)")
