"""Regression check for the speed work: the pipeline's events with and without the fast paths.

Runs the default pipeline in one process over the first ``--bench`` articles of the bench corpus and
any gold-style JSONL files given (``text`` and ``id`` fields), once with the fast paths of
:mod:`sigact.scale.fastpath` on and once off (and, with ``--process``, also article by article as
the worker pool does), and reports every article whose events differ (any field: type, actors,
place, date, offsets, evidence, confidence).  Exit status 1 when one differs.

    .venv/bin/python benchmarks/speed/events_equal.py --bench 150 /path/to/events-dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from sigact.model import Article
from sigact.pipeline import Pipeline
from sigact.scale import fastpath
from sigact.scale.bench import default_corpus


def _articles(path: Path, limit: int | None) -> list[Article]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            out.append(Article.create(r["text"], id=r["id"], published=r.get("published")))
            if limit and len(out) >= limit:
                break
    return out


def _run(p: Pipeline, arts: list[Article], *, one_by_one: bool = False) -> tuple[dict[str, list], float]:
    t0 = time.process_time()
    if one_by_one:
        res = {a.id: [e.to_dict() for e in p.process(a)] for a in arts}
    else:
        res = {a.id: [e.to_dict() for e in evs] for a, evs in p.pipe(arts, batch_size=16)}
    return json.loads(json.dumps(res, default=str)), time.process_time() - t0


def _report(name: str, base: dict[str, list], got: dict[str, list]) -> int:
    bad = [k for k in base if base[k] != got.get(k)]
    print(f"{name}: {len(base)} articles, {sum(map(len, base.values()))} vs {sum(map(len, got.values()))} events, "
          f"{len(bad)} differ")
    for k in bad[:5]:
        print("  article", k)
        for x, y in zip(base[k], got.get(k) or []):
            for f in x:
                if x[f] != y.get(f):
                    print(f"    {f}: {str(x[f])[:150]} | {str(y.get(f))[:150]}")
    return len(bad)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="gold-style JSONL files (text, id)")
    ap.add_argument("--bench", type=int, default=150, help="articles of the bench corpus (0: none)")
    ap.add_argument("--limit", type=int, default=None, help="records per file")
    ap.add_argument("--process", action="store_true", help="also compare article-by-article process()")
    args = ap.parse_args(argv)
    arts = _articles(default_corpus(), args.bench) if args.bench else []
    for f in args.files:
        arts += _articles(f, args.limit)
    p = Pipeline.default()
    fast, t_fast = _run(p, arts)
    with fastpath.disabled():
        slow, t_slow = _run(p, arts)
    print(f"cpu seconds: fast {t_fast:.1f}, plain {t_slow:.1f}")
    bad = _report("fast vs plain", slow, fast)
    if args.process:
        one, t_one = _run(p, arts, one_by_one=True)
        print(f"cpu seconds, article by article (fast): {t_one:.1f}")
        bad += _report("process() vs pipe()", fast, one)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
