"""``sigact watch``: poll feeds, ingest new entries."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("watch")
@click.argument("feeds_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", default="sqlite:///sigact.db", show_default=True, help="Store (SQLAlchemy URL).")
@click.option("--every", default="5m", show_default=True, help="Polling interval: 30s, 5m, 1h.")
@click.option("--host-delay", default=2.0, show_default=True, help="Seconds between two requests to one host.")
@click.option("--rounds", type=int, default=None, help="Stop after N rounds (default: run until interrupted).")
def watch_cmd(feeds_file: str, db: str, every: str, host_delay: float, rounds: int | None) -> None:
    """Poll the RSS/Atom feeds listed in FEEDS_FILE (one URL per line) and ingest new entries.

    Conditional GET (ETag / Last-Modified), a polite delay per host, backoff on errors; feed state
    is kept in the store, so a restart resumes and nothing is ingested twice.

    Example: sigact watch feeds.txt --every 5m --db sqlite:///sigact.db
    """
    from sigact.scale.watch import FeedWatcher, parse_every, read_feed_list
    from sigact.store import Store

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from None
    feeds = read_feed_list(Path(feeds_file).read_text(encoding="utf-8", errors="replace"))
    if not feeds:
        raise click.ClickException(f"{feeds_file}: no feed URLs")

    def report(results: list) -> None:
        for r in results:
            extra = f" ({r.error})" if r.error else (f": {r.new_articles} new, {r.events} events" if r.status == "fetched" else "")
            click.echo(f"{r.url}: {r.status}{extra}")
            if r.rejected:  # unreadable entries and extraction failures: say so, not only in the log
                what = f"{r.rejected} rejected" + (f" ({r.failed} extraction failures, retried next run)"
                                                   if r.failed else "")
                click.echo(f"{r.url}: {what}; first: {r.first_reject}; see {r.rejects_path}", err=True)

    from sigact.errors import SigactError

    try:
        with Store.open(db) as store:
            watcher = FeedWatcher(store, feeds, every=interval, host_delay=host_delay)
            try:
                watcher.run(rounds=rounds, on_round=report)
            except KeyboardInterrupt:
                click.echo("stopped")
    except SigactError as exc:
        raise click.ClickException(str(exc)) from None
