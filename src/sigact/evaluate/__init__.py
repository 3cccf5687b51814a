"""``sigact eval``: score the pipeline against gold data (rules: docs/evaluation.md).

::

    from sigact.evaluate import evaluate
    result = evaluate("events-dev.jsonl")          # runs the default pipeline
    result["datasets"]["acled"]["fields"]["event_type"]["accuracy"]

``evaluate`` reads records (one coded event per text: ACLED notes, UCDP GED
headlines) or articles (every event of a full article), runs the pipeline over
them in batches and returns every figure as plain JSON types.
"""

from __future__ import annotations

import logging
import subprocess
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from sigact.errors import ConfigError, ExtractionError
from sigact.evaluate.gold import GoldArticle, GoldRecord, GoldSet, load_gold
from sigact.model import Article, Event

log = logging.getLogger(__name__)

__all__ = ["evaluate", "run_pipeline", "load_gold", "GoldSet", "GoldRecord", "GoldArticle"]

#: ``progress(done, total)`` is called after each text.
ProgressFn = Callable[[int, int], None]


#: ``on_error(article, error)`` is called for each text whose extraction failed.
ErrorFn = Callable[[Article, ExtractionError], None]


def _process_one(pipeline: Any, article: Article) -> tuple[list[Event], ExtractionError | None]:
    try:
        if hasattr(pipeline, "process"):
            return list(pipeline.process(article)), None
        return list(pipeline.extract(article.text, published=article.published, article_id=article.id)), None
    except ConfigError:
        raise
    except Exception as exc:  # noqa: BLE001 - one failing text must not stop an evaluation
        err = ExtractionError.wrap(exc, stage="pipeline", article=article)
        log.warning("%s", err)
        return [], err


def run_pipeline(pipeline: Any, articles: Sequence[Article], *, batch_size: int = 32,
                 progress: ProgressFn | None = None,
                 on_error: ErrorFn | None = None) -> tuple[list[list[Event]], dict[str, str]]:
    """Run ``pipeline`` over ``articles`` in batches, keeping input order.

    Uses ``pipeline.pipe`` when present (falling back to one-by-one
    ``process`` for a batch that raises), else ``process``/``extract``.
    Returns ``(events per article, {article id: error message})``; each failure is an
    :class:`ExtractionError` (``SIG-E200 ...``), also handed to ``on_error``.
    """
    results: list[list[Event]] = []
    errors: dict[str, str] = {}
    total = len(articles)
    if progress:
        progress(0, total)
    for start in range(0, total, batch_size):
        chunk = list(articles[start:start + batch_size])
        got: list[list[Event]] | None = None
        if hasattr(pipeline, "pipe"):
            try:
                got = [list(evs) for _, evs in pipeline.pipe(chunk, batch_size=batch_size)]
            except Exception as exc:  # noqa: BLE001 - retried text by text below
                log.warning("batch at %d failed (%s); retrying one by one", start, exc)
                got = None
            if got is not None and len(got) != len(chunk):
                got = None
        if got is None:
            got = []
            for art in chunk:
                evs, err = _process_one(pipeline, art)
                if err is not None:
                    errors[art.id] = str(err)
                    if on_error is not None:
                        on_error(art, err)
                got.append(evs)
        results.extend(got)
        if progress:
            progress(len(results), total)
    return results, errors


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty", "--abbrev=10"],
                             cwd=Path(__file__).resolve().parent, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def _record_articles(records: Iterable[GoldRecord]) -> list[Article]:
    # No publication date: it would leak the gold date (ACLED notes carry their own).
    return [Article.create(r.text, id=r.id, published=None) for r in records]


def _gold_articles(arts: Iterable[GoldArticle]) -> list[Article]:
    out = []
    for a in arts:
        m = a.meta
        out.append(Article.create(a.text, id=a.id, published=a.published, url=m.get("url"),
                                  outlet=m.get("outlet"), title=m.get("title"), language=m.get("language")))
    return out


def evaluate(path: str | Path, pipeline: Any = None, limit: int | None = None, *,
             batch_size: int = 32, progress: ProgressFn | None = None,
             on_error: ErrorFn | None = None) -> dict[str, Any]:
    """Score ``pipeline`` (default: :func:`sigact.pipeline.get_pipeline`) on a gold file.

    ``on_error(article, ExtractionError)`` is called for each text the pipeline fails on
    (it is scored as finding no event).

    Returns a JSON-ready dict: ``gold``, ``kind`` (``records``/``articles``),
    ``n``, ``elapsed_s``, ``texts_per_s``, ``pipeline_errors``, ``git_commit``,
    ``rules``; for records ``datasets`` (see :func:`score.summarise_records`)
    and ``confusion``; for articles ``articles`` (see
    :func:`score.summarise_articles`); and ``items``, the per-text scoring rows.
    """
    from sigact.evaluate.fields import rule_sources
    from sigact.evaluate.score import (
        event_type_confusion,
        score_article,
        score_record,
        summarise_articles,
        summarise_records,
    )

    gold = load_gold(path, limit=limit)
    if pipeline is None:
        from sigact.pipeline import get_pipeline

        try:
            pipeline = get_pipeline()
        except (ImportError, OSError) as exc:  # a stage or model missing: one line, not a traceback
            raise ConfigError(f"the extraction pipeline cannot be built: {exc}", code="SIG-E410") from exc
    if gold.kind == "records":
        inputs = _record_articles(gold.records)
    else:
        inputs = _gold_articles(gold.articles)
    t0 = time.perf_counter()
    outputs, errors = run_pipeline(pipeline, inputs, batch_size=batch_size, progress=progress, on_error=on_error)
    elapsed = time.perf_counter() - t0
    result: dict[str, Any] = {
        "gold": str(path),
        "kind": gold.kind,
        "n": len(gold),
        "elapsed_s": round(elapsed, 2),
        "texts_per_s": round(len(gold) / elapsed, 2) if elapsed > 0 else None,
        "pipeline_errors": len(errors),
        "git_commit": _git_commit(),
        "pipeline_version": getattr(pipeline, "version", None) or _pipeline_version(),
        "rules": rule_sources(),
    }
    if gold.kind == "records":
        rows = [score_record(rec, evs) for rec, evs in zip(gold.records, outputs)]
        result["datasets"] = summarise_records(rows)
        result["confusion"] = event_type_confusion(rows)
    else:
        rows = [score_article(art, evs) for art, evs in zip(gold.articles, outputs)]
        result["articles"] = summarise_articles(rows)
    for row in rows:
        if row["id"] in errors:
            row["pipeline_error"] = errors[row["id"]]
    result["items"] = rows
    return result


def _pipeline_version() -> str | None:
    try:
        from sigact.pipeline import PIPELINE_VERSION
    except ImportError:
        return None
    return PIPELINE_VERSION
