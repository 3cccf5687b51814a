"""``sigact bench``: the full pipeline against the parser alone, on the same texts, in one run.

(a) raw spaCy: the same model, NER + parser, ``nlp.pipe(n_process=N)`` over the whole articles;
(b) sigact: read the corpus, clean, relevance stage, parse, places, dates, actors, events, into a
fresh SQLite store, on ``N`` worker processes.  Reported: words/s and articles/s of each, their
ratio, peak RSS per worker (sampled) and time from ``sigact extract`` start to its first event.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["run_bench", "default_corpus"]


def default_corpus() -> Path:
    """The generated 600-article corpus shipped in ``benchmarks/corpus/`` (a source checkout)."""
    return Path(__file__).resolve().parents[3] / "benchmarks" / "corpus" / "bench-600.jsonl"


def _load(corpus: Path, limit: int | None) -> list[dict[str, Any]]:
    rows = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


class _RssSampler:
    """Samples the RSS of this process's children every ``every`` seconds; keeps the max per pid."""

    def __init__(self, every: float = 0.2):
        import psutil

        self._proc = psutil.Process()
        self.every = every
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                for ch in self._proc.children(recursive=True):
                    try:
                        rss = ch.memory_info().rss
                    except psutil.Error:
                        continue
                    self.peaks[ch.pid] = max(self.peaks.get(ch.pid, 0), rss)
            except psutil.Error:
                pass
            self._stop.wait(self.every)

    def __enter__(self) -> "_RssSampler":
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()

    @property
    def peak_mb(self) -> float:
        return round(max(self.peaks.values(), default=0) / 2**20, 1)


def _first_event_seconds(sample: str) -> float | None:
    """Seconds from starting ``sigact extract`` (a fresh process) to its first printed event."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(sample)
        path = fh.name
    try:
        cmd = [sys.executable, "-m", "sigact.cli", "extract", path, "--format", "jsonl"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        took = time.perf_counter() - t0
        proc.stdout.read()
        proc.wait()
        return round(took, 2) if line.strip() else None
    finally:
        os.unlink(path)


def run_bench(corpus: str | Path | None = None, *, n_process: int = 2, limit: int | None = None,
              first_event: bool = True) -> dict[str, Any]:
    """Run both timings; returns the figures (keys as printed by ``sigact bench --json``)."""
    from sigact.model import Article
    from sigact.nlp import load_nlp
    from sigact.pipeline import PoolPipeline
    from sigact.store import Store
    from sigact.store.ingest import run_ingest

    corpus = Path(corpus) if corpus else default_corpus()
    rows = _load(corpus, limit)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp) / "corpus.jsonl"
        sub.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")

        nlp = load_nlp()
        list(nlp.pipe(texts[:4]))  # warm up
        with _RssSampler() as spacy_rss:
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, n_process=n_process, batch_size=16):
                pass
            spacy_s = time.perf_counter() - t0

        with PoolPipeline(n_process) as pool, _RssSampler() as sig_rss:
            pool.process(Article.create("Warm up: soldiers were killed on Monday."))
            t1 = time.perf_counter()
            with Store.open(f"sqlite:///{Path(tmp) / 'bench.db'}") as store:
                summary = run_ingest([str(sub)], store, pipeline=pool, batch_size=32,
                                     rejects_path=Path(tmp) / "rejects.jsonl")
            sigact_s = time.perf_counter() - t1

    sample = next((t for t in texts if "killed" in t), texts[0])[:1500]
    first = None
    if first_event:
        _first_event_seconds(sample)  # cold: builds caches
        first = _first_event_seconds(sample)
    out = {
        "corpus": str(corpus),
        "articles": len(texts),
        "words": words,
        "n_process": n_process,
        "spacy_seconds": round(spacy_s, 2),
        "spacy_articles_per_s": round(len(texts) / spacy_s, 2),
        "spacy_words_per_s": round(words / spacy_s),
        "sigact_seconds": round(sigact_s, 2),
        "sigact_articles_per_s": round(len(texts) / sigact_s, 2),
        "sigact_words_per_s": round(words / sigact_s),
        "ratio": round(spacy_s / sigact_s, 2),
        "peak_rss_mb": sig_rss.peak_mb,
        "spacy_peak_rss_mb": spacy_rss.peak_mb,
        "first_event_s": first,
        "events": summary.events,
        "stored": summary.stored,
    }
    return out
