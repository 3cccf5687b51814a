"""Score event clustering on benchmarks/dedup/corpus.yaml.

Every report is run through the full pipeline (its publication date given); its primary event
(highest-confidence asserted event) is clustered with the others; the clusters are compared with
the gold incident labels: pairwise precision/recall of "same event" and B-cubed P/R/F1.

    .venv/bin/python benchmarks/dedup/evaluate.py [--json OUT]
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import replace
from pathlib import Path

import yaml

HERE = Path(__file__).parent


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    ids = sorted(gold)
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        g, p = gold[a] == gold[b], pred[a] == pred[b]
        tp += g and p
        fp += p and not g
        fn += g and not p
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return {"pairwise_precision": prec, "pairwise_recall": rec, "true_pairs": tp, "false_pairs": fp, "missed_pairs": fn}


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    ps, rs = [], []
    for i in gold:
        same_p = {j for j in gold if pred[j] == pred[i]}
        same_g = {j for j in gold if gold[j] == gold[i]}
        both = len(same_p & same_g)
        ps.append(both / len(same_p))
        rs.append(both / len(same_g))
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return {"bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": 2 * p * r / (p + r) if p + r else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default=str(HERE / "corpus.yaml"))
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()

    from sigact.dedup import EventClusterer
    from sigact.model import Article, Source
    from sigact.pipeline import get_pipeline

    corpus = yaml.safe_load(Path(args.corpus).read_text())
    pipe = get_pipeline()
    gold, events, no_event = {}, [], []
    for inc in corpus["incidents"]:
        for n, rep in enumerate(inc["reports"]):
            rid = f"{inc['incident']}#{n}"
            art = Article.create(rep["text"], id=rid, outlet=rep["outlet"], published=rep["published"])
            evs = [e for e in pipe.process(art) if e.is_incident]
            gold[rid] = inc["incident"]
            if not evs:
                no_event.append(rid)
                continue
            primary = max(evs, key=lambda e: e.confidence)
            events.append(replace(primary, sources=(Source(rid, None, rep["outlet"], rep["published"]),)))
    clusterer = EventClusterer()
    assigned = dict(clusterer.add(events))
    pred = {rid: assigned.get(next((e.id for e in events if e.article_id == rid), ""), f"none:{rid}") for rid in gold}
    result = {"incidents": len(corpus["incidents"]), "reports": len(gold), "reports_without_event": len(no_event),
              "clusters": len(set(pred.values())), **pairwise(gold, pred), **bcubed(gold, pred)}
    print(json.dumps(result, indent=2))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
