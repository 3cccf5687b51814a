"""CPU seconds per pipeline stage, one process, over the first N bench-corpus articles.

Wraps each stage of the default pipeline with ``time.process_time`` (CPU time, so a busy machine
disturbs it less than wall time), runs ``Pipeline.pipe`` (batch 16), then raw spaCy over the same
full texts in the same process, and prints both and their ratio.

    .venv/bin/python benchmarks/speed/stage_cpu.py 300
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from typing import Any, Callable

from sigact.model import Article
from sigact.pipeline import Pipeline
from sigact.scale.bench import default_corpus


def main(n: int = 300) -> None:
    arts = []
    with default_corpus().open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            arts.append(Article.create(r["text"], id=r["id"], published=r.get("published")))
            if len(arts) >= n:
                break
    p = Pipeline.default()
    list(p.pipe(arts[:3]))  # warm up
    spent: dict[str, float] = defaultdict(float)

    def timed(label: str, f: Callable[..., Any]) -> Callable[..., Any]:
        def g(*a: Any, **k: Any) -> Any:
            t0 = time.process_time()
            try:
                return f(*a, **k)
            finally:
                spent[label] += time.process_time() - t0
        return g

    p.relevance.select = timed("relevance", p.relevance.select)
    p.geo.analyze = timed("geo", p.geo.analyze)
    p.dates.analyze = timed("dates", p.dates.analyze)
    p.extractor.finder.find = timed("  triggers", p.extractor.finder.find)
    p.extractor.coder.code = timed("  coder (classifier)", p.extractor.coder.code)
    p.extractor.extract = timed("extract", p.extractor.extract)
    if p.linker is not None:
        p.linker = timed("links", p.linker)
    t0 = time.process_time()
    for _ in p.pipe(arts, batch_size=16):
        pass
    total = time.process_time() - t0
    print(f"pipeline: {total:.2f} CPU s for {len(arts)} articles ({1000 * total / len(arts):.0f} ms/article)")
    for k, v in spent.items():
        print(f"  {k:22s} {v:6.2f}")
    print(f"  {'spaCy + glue (rest)':22s} {total - sum(v for k, v in spent.items() if not k.startswith(' ')):6.2f}")
    t0 = time.process_time()
    for _ in p.nlp.pipe([a.text for a in arts], batch_size=16):
        pass
    raw = time.process_time() - t0
    print(f"raw spaCy over the full texts: {raw:.2f} CPU s; ratio raw / pipeline {raw / total:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
