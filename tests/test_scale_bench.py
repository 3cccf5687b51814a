"""sigact bench (run_bench) on a few corpus articles, and PoolPipeline equal to the one-process run."""

from __future__ import annotations

import json

import pytest

from sigact.model import Article
from sigact.scale.bench import default_corpus, run_bench

pytestmark = pytest.mark.slow  # starts worker processes that load the models


def _corpus_articles(n: int) -> list[Article]:
    out = []
    with default_corpus().open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append(Article.create(r["text"], id=r["id"]))
            if len(out) >= n:
                break
    return out


def test_bench_reports_both_timings_on_a_small_sample():
    out = run_bench(n_process=2, limit=8, first_event=False)
    assert out["articles"] == 8 and out["stored"] == 8
    assert out["spacy_seconds"] > 0 and out["sigact_seconds"] > 0
    assert out["ratio"] == pytest.approx(out["spacy_seconds"] / out["sigact_seconds"], rel=0.05)
    assert out["peak_rss_mb"] > 50
    assert out["first_event_s"] is None


def test_pool_pipeline_equals_one_process_run():
    from sigact.pipeline import PoolPipeline, get_pipeline

    arts = _corpus_articles(12)
    local = [[e.to_dict() for e in get_pipeline().process(a)] for a in arts]
    with PoolPipeline(2) as pool:
        assert pool.chunk == 1
        pooled = [[e.to_dict() for e in evs] for _, evs in pool.pipe(arts)]
    assert sum(map(len, local)) > 0
    assert pooled == local
