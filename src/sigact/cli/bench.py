"""``sigact bench``."""

from __future__ import annotations

import json

import click


@click.command("bench")
@click.argument("corpus", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--n-process", default=2, show_default=True, help="Worker processes for both runs.")
@click.option("--limit", type=int, help="Only the first N articles of the corpus.")
@click.option("--no-first-event", is_flag=True, help="Skip the time-to-first-event measurement.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def bench_cmd(corpus: str | None, n_process: int, limit: int | None, no_first_event: bool, as_json: bool) -> None:
    """Time the full pipeline (into SQLite) against raw spaCy NER+parse on the same texts.

    CORPUS is a JSONL file of articles (default: benchmarks/corpus/bench-600.jsonl).

    Example: sigact bench --json
    """
    from sigact.errors import SigactError
    from sigact.scale.bench import run_bench

    try:
        res = run_bench(corpus, n_process=n_process, limit=limit, first_event=not no_first_event)
    except SigactError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(res))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"sigact bench: {res['articles']} articles, {res['words']} words, {n_process} processes")
    t.add_column("run")
    t.add_column("seconds", justify="right")
    t.add_column("articles/s", justify="right")
    t.add_column("words/s", justify="right")
    t.add_column("peak RSS/worker MB", justify="right")
    t.add_row("raw spaCy (NER+parse)", str(res["spacy_seconds"]), str(res["spacy_articles_per_s"]),
              str(res["spacy_words_per_s"]), str(res["spacy_peak_rss_mb"]))
    t.add_row("sigact (full, into SQLite)", str(res["sigact_seconds"]), str(res["sigact_articles_per_s"]),
              str(res["sigact_words_per_s"]), str(res["peak_rss_mb"]))
    Console().print(t)
    click.echo(f"ratio sigact/spaCy: {res['ratio']}x   events: {res['events']}   "
               f"first event after: {res['first_event_s']} s")
