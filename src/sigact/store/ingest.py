"""Ingest orchestration: inputs -> readers -> (skip stored) -> pipeline -> store, in batches.

Each batch is written in one transaction, so a kill at any moment loses at most
the batch in flight, and a re-run completes it: articles already stored with
the same text hash are skipped *before* NLP.  Rejected inputs and records are
appended to a JSONL rejects log (``input``, ``position``, ``reason``, ``code``; an article
whose extraction failed adds ``article_id`` and ``stage``; see docs/errors.md).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Sequence

from sigact.errors import ConfigError, ExtractionError
from sigact.model import Article, Event
from sigact.store.store import Store, sqlite_path
from sigact.store.writer import BatchResult

log = logging.getLogger(__name__)

__all__ = ["IngestSummary", "RejectLog", "run_ingest", "default_rejects_path", "reject_code"]


@dataclass
class IngestSummary:
    """Counts of one ingest run."""

    read: int = 0          # articles read from the inputs
    stored: int = 0        # new articles stored
    duplicates: int = 0    # unchanged articles already stored, skipped
    revised: int = 0       # changed articles at a stored URL: new revision, events replaced
    rejected: int = 0      # lines of the rejects log: inputs or records that could not be read, and failures
    failed: int = 0        # of those, articles whose extraction failed (stored as not extracted, retried next run)
    events: int = 0        # events written
    extracted: int = 0     # articles stored earlier without extraction, now extracted
    batches: int = 0       # transactions committed
    seconds: float = 0.0
    rejects_path: str | None = None
    first_reject: str | None = None  # "input: reason" of the first reject, for one-line errors

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain JSON types."""
        return asdict(self)


def default_rejects_path(url: str) -> Path:
    """``rejects.jsonl`` next to a SQLite database file, else in the working directory."""
    path = sqlite_path(url)
    return (path.parent if path is not None else Path.cwd()) / "rejects.jsonl"


def _code_table(data: Any) -> list[tuple[str, str]]:
    table = [(str(k).lower(), str(v)) for k, v in (data or {}).get("prefixes", {}).items()]
    return sorted(table, key=lambda kv: -len(kv[0]))  # longest prefix first


def reject_code(reason: str) -> str:
    """Returns the ``SIG-Exxx`` code of a reject told from the kind its reason starts with
    (``store/data/reject_codes.yaml``); ``SIG-E100`` when no kind matches."""
    from sigact.resources import packaged_yaml_once

    table = packaged_yaml_once("sigact.store", "data/reject_codes.yaml", _code_table, "rejects-log code table")
    low = reason.lower()
    return next((code for prefix, code in table if low.startswith(prefix)), "SIG-E100")


class RejectLog:
    """Append-only JSONL log of rejects; a reject already logged (same input, position, reason) is not repeated.

    Each line is ``{"input", "position", "reason", "code", ..., "rejected_at"}``: a record without
    a ``code`` gets the one :func:`reject_code` tells from its reason.
    """

    def __init__(self, path: Path):
        self.path = path
        self._seen: set[tuple[Any, ...]] | None = None
        self._fh: IO[str] | None = None

    def _load(self) -> set[tuple[Any, ...]]:
        seen: set[tuple[Any, ...]] = set()
        if self.path.exists():
            with self.path.open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        d = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(d, dict):
                        seen.add((d.get("input"), d.get("position"), d.get("reason")))
        return seen

    def add(self, record: dict[str, Any]) -> bool:
        """Append ``record`` (with a ``rejected_at`` time) unless logged before; returns whether it was written."""
        if self._seen is None:
            self._seen = self._load()
        key = (record.get("input"), record.get("position"), record.get("reason"))
        if key in self._seen:
            return False
        self._seen.add(key)
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("a", encoding="utf-8")
        rec = dict(record)
        if not rec.get("code"):
            rec["code"] = reject_code(str(rec.get("reason") or ""))
        rec["rejected_at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self._fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self._fh.flush()
        return True

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _extract(pipeline: Any, articles: Sequence[Article],
             rejects: Callable[[Article, ExtractionError], None]) -> list[tuple[Article, list[Event]]]:
    """Run the pipeline over ``articles`` in one ``pipe`` call; on failure, article by article.

    Returns ``(article, events)`` pairs in input order; an article the pipeline
    fails on comes back without events and is reported through ``rejects`` as an
    :class:`ExtractionError` (stage ``pipeline`` when the pipeline did not name one).
    A :class:`ConfigError` (a broken install, not a bad article) stops the run.
    """
    try:
        return [(a, list(evs)) for a, evs in pipeline.pipe(articles)]
    except Exception as exc:  # noqa: BLE001 - a third-party stage failed: isolate the article
        log.warning("pipeline failed on a batch (%s); retrying article by article", exc)
    out: list[tuple[Article, list[Event]]] = []
    for a in articles:
        try:
            out.append((a, list(pipeline.process(a))))
        except ConfigError:
            raise
        except Exception as exc:  # noqa: BLE001 - same: one bad article must not stop the run
            rejects(a, ExtractionError.wrap(exc, stage="pipeline", article=a))
            out.append((a, []))
    return out


def run_ingest(
    paths: Sequence[str],
    store: Store,
    *,
    pipeline: Any = None,
    published: str | None = None,
    rejects_path: str | Path | None = None,
    batch_size: int = 50,
    extract: bool = True,
    progress: Callable[[IngestSummary], None] | None = None,
    stdin: IO[bytes] | None = None,
    reader: Callable[..., Iterable[Any]] | None = None,
    on_batch: Callable[[Store, BatchResult], None] | None = None,
    reextract: bool = False,
) -> IngestSummary:
    """Read ``paths`` ("-" = stdin), extract events and store them in committed batches.

    ``pipeline`` defaults to ``sigact.pipeline.get_pipeline()`` (loaded only when
    an article needs extraction); ``extract=False`` stores articles only.
    ``reader`` defaults to ``sigact.ingest.read_inputs``.  ``progress`` is called
    with the running summary after every batch; ``on_batch(store, result)`` after
    every committed batch that wrote something (e.g. event clustering).
    ``reextract`` re-runs extraction on stored articles that another pipeline
    version coded (their events are replaced).  Returns the final
    :class:`IngestSummary`.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    if reader is None:
        from sigact.ingest import read_inputs as reader
    t0 = time.monotonic()
    summary = IngestSummary()
    rlog = RejectLog(Path(rejects_path) if rejects_path else default_rejects_path(store.url))
    summary.rejects_path = str(rlog.path)
    version: str | None = None

    def reject(record: dict[str, Any]) -> None:
        summary.rejected += 1
        if summary.first_reject is None:
            pos = f" ({record['position']})" if record.get("position") else ""
            summary.first_reject = f"{record.get('input')}{pos}: {record.get('reason')}"
        rlog.add(record)

    def reject_article(a: Article, exc: ExtractionError) -> None:
        log.warning("%s", exc)
        summary.failed += 1
        reject(exc.to_reject(input=a.input or a.url or a.id, position=a.position))

    def load_pipeline() -> None:
        nonlocal pipeline, version
        if pipeline is None:
            pipeline = _default_pipeline()
        if version is None:
            from sigact.pipeline import PIPELINE_VERSION
            version = getattr(pipeline, "version", None) or PIPELINE_VERSION

    def done_before(stored: Any, sha: str) -> bool:
        if stored is None or stored.sha256 != sha:
            return False
        if not extract:
            return True
        if not stored.extracted:
            return False
        if reextract:
            load_pipeline()
            return stored.pipeline_version == version
        return True

    def flush(buffer: list[Article]) -> None:
        info = store.article_info([a.id for a in buffer])
        todo: list[Article] = []
        pending: dict[str, str] = {}
        for a in buffer:
            sha = store.sha_of(a)
            if done_before(info.get(a.id), sha) or pending.get(a.id) == sha:
                summary.duplicates += 1
                continue
            pending[a.id] = sha
            todo.append(a)
        if todo:
            failed: set[str] = set()
            if extract:
                load_pipeline()
                items = _extract(pipeline, todo, lambda a, exc: (failed.add(a.id), reject_article(a, exc)))
            else:
                items = [(a, []) for a in todo]
            # an article whose extraction failed is stored as not extracted, so a later run tries it again
            parts = [([it for it in items if it[0].id not in failed], extract),
                     ([it for it in items if it[0].id in failed], False)]
            for part, extracted in parts:
                if not part:
                    continue
                res = store.add_batch(part, extracted=extracted, pipeline_version=version, reextract=reextract)
                summary.stored += res.stored
                summary.duplicates += res.duplicates
                summary.revised += res.revised
                summary.extracted += res.extracted
                summary.events += res.events
                summary.batches += 1
                if on_batch is not None:
                    on_batch(store, res)
        summary.seconds = time.monotonic() - t0
        if progress is not None:
            progress(summary)

    buffer: list[Article] = []
    try:
        for item in _items(reader, paths, published, stdin):
            if isinstance(item, Article):
                summary.read += 1
                buffer.append(item)
                if len(buffer) >= batch_size:
                    flush(buffer)
                    buffer = []
            else:
                reject(item.to_dict())
        if buffer:
            flush(buffer)
    finally:
        rlog.close()
    summary.seconds = time.monotonic() - t0
    if progress is not None:
        progress(summary)
    return summary


def _default_pipeline() -> Any:
    """The process-wide pipeline; ``ConfigError`` (one line) when it cannot be built."""
    from sigact.pipeline import get_pipeline

    try:
        return get_pipeline()
    except (ImportError, OSError) as exc:
        raise ConfigError(f"the extraction pipeline cannot load ({exc}); --no-extract stores articles only",
                          code="SIG-E410") from exc


def _items(reader: Callable[..., Iterable[Any]], paths: Sequence[str], published: str | None,
           stdin: IO[bytes] | None) -> Iterator[Any]:
    kw: dict[str, Any] = {"published": published}
    if stdin is not None:
        kw["stdin"] = stdin
    yield from reader(list(paths), **kw)
