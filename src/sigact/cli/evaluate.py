"""``sigact eval``: score the pipeline on a gold file (see docs/evaluation.md)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from sigact.model import Article


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Write all figures as JSON here.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N gold items.")
@click.option("--confusion", type=click.Path(dir_okay=False), help="Save the ACLED event-type confusion matrix PNG.")
@click.option("--errors", "errors_out", type=click.Path(dir_okay=False),
              help="Write one JSON line per text the system got (partly) wrong.")
@click.option("--markdown", "md_out", type=click.Path(dir_okay=False), help="Write the tables as Markdown here.")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False),
              help="A previous --json run on the same records: show paired changes field by field.")
@click.option("--rejects", "rejects_out", type=click.Path(dir_okay=False),
              help="Write one JSON line per text whose extraction failed (SIG-E200, with the stage).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1),
              help="Texts handed to spaCy at a time (more is faster, uses more memory).")
def eval_cmd(gold: str, json_out: str | None, limit: int | None, confusion: str | None,
             errors_out: str | None, md_out: str | None, baseline: str | None, rejects_out: str | None,
             batch_size: int) -> None:
    """Score the extraction pipeline on GOLD (records JSONL, articles JSONL or X.expected.json).

    Example: sigact eval ../shared/data/dev/events-dev.jsonl --json eval.json --confusion confusion.png
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from sigact.errors import ExtractionError, SigactError
    from sigact.evaluate import evaluate
    from sigact.evaluate.compare import compare_runs, load_run, verdicts
    from sigact.evaluate.report import (
        comparison_markdown,
        comparison_table,
        markdown,
        render,
        save_confusion_png,
        summary_json,
        write_errors,
    )

    err = Console(stderr=True)
    failures: list[dict[str, Any]] = []

    def _failed(article: Article, exc: ExtractionError) -> None:
        failures.append(exc.to_reject(input=gold, position=article.id))

    try:
        base = load_run(baseline) if baseline else None  # fail before the long run
        with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("eval", total=None)

            def _tick(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = evaluate(gold, limit=limit, batch_size=batch_size, progress=_tick, on_error=_failed)
        comparison = compare_runs(base["verdicts"], verdicts(result)) if base is not None else None
    except SigactError as exc:
        raise click.ClickException(str(exc)) from exc
    out = Console()
    render(result, out)
    summary = summary_json(result)
    if comparison is not None:
        out.print(comparison_table(comparison))
        summary["comparison"] = {"baseline": baseline, "fields": comparison}
    if json_out:
        with open(json_out, "w", encoding="utf-8") as fh:
            json.dump(summary, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    if md_out:
        with open(md_out, "w", encoding="utf-8") as fh:
            fh.write(markdown(result))
            if comparison is not None:
                fh.write(f"\nChange against `{baseline}` (same texts, paired):\n\n" + comparison_markdown(comparison))
    if errors_out:
        n = write_errors(result, errors_out)
        err.print(f"{n} error lines written to {errors_out}")
    if failures:
        err.print(f"{len(failures)} text(s) failed extraction, scored as no event; first: {failures[0]['reason']}",
                  markup=False, highlight=False)
    if rejects_out:
        from pathlib import Path

        from sigact.store.ingest import RejectLog

        Path(rejects_out).write_text("", encoding="utf-8")  # this run's failures only
        rlog = RejectLog(Path(rejects_out))
        for rec in failures:
            rlog.add(rec)
        rlog.close()
        err.print(f"{len(failures)} extraction failure(s) written to {rejects_out}", markup=False, highlight=False)
    if confusion:
        if result["kind"] != "records" or not result["confusion"]["gold_labels"]:
            err.print("no ACLED records: confusion matrix not drawn")
        else:
            save_confusion_png(result["confusion"], confusion)
            err.print(f"confusion matrix saved to {confusion}")
    sys.stdout.flush()
