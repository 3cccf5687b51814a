"""Recall of the relevance stage on gold data, and the share of sentences it sends to the parser.

For records (ACLED notes, GED headlines: one event per text), a text is kept when the filter finds
it relevant (the lexicon alone, and the effective rule with the short-text bypass). For full
articles, a gold incident is kept when at least one of its evidence sentences survives the
blanking. Sentence share is reported on the generated speed corpus too.

    .venv/bin/python benchmarks/relevance/recall.py ../shared/data/dev/events-dev.jsonl \
        ../shared/data/dev/articles-dev.jsonl benchmarks/corpus/bench-600.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(paths: list[str]) -> None:
    from sigact.scale.relevance import RelevanceFilter

    f = RelevanceFilter.default()
    for path in paths:
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        if rows and "gold" in rows[0]:
            lex = sum(f.pattern.search(r["text"]) is not None for r in rows)
            eff = sum(f.select(r["text"]).relevant for r in rows)
            print(f"{path}: {len(rows)} records; kept by the lexicon alone {lex / len(rows):.3f}, "
                  f"kept (with the short-text rule) {eff / len(rows):.3f}")
        elif rows and "events" in rows[0]:
            gold = kept = sents = total = 0
            for a in rows:
                sel = f.select(a["text"])
                sents += len(sel.kept)
                total += sel.total
                for e in a["events"]:
                    if e.get("kind") != "event":
                        continue
                    gold += 1
                    ok = False
                    for ev in e.get("evidence") or []:
                        i = a["text"].find(ev[:60])
                        ok = ok or (i >= 0 and sel.text[i:i + 60] == ev[:60])
                    kept += ok or not e.get("evidence")
            print(f"{path}: {len(rows)} articles, {gold} gold incidents; incidents kept {kept / max(gold, 1):.3f}; "
                  f"sentences sent to the parser {sents}/{total} = {sents / max(total, 1):.2f}")
        else:
            sents = total = rel = 0
            for r in rows:
                sel = f.select(r["text"])
                sents += len(sel.kept)
                total += sel.total
                rel += sel.relevant
            print(f"{path}: {len(rows)} articles; articles parsed {rel}/{len(rows)}; "
                  f"sentences sent to the parser {sents}/{total} = {sents / max(total, 1):.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
