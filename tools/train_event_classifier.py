#!/usr/bin/env python
"""Train the ACLED sub-event classifier used by ``sigact.extract`` (TF-IDF + logistic regression).

Reads ONLY the training split (``events-train.jsonl``, ACLED records); never the dev set.
Deterministic: fixed vocabulary order, liblinear-free lbfgs solver, no random state used.

    .venv/bin/python tools/train_event_classifier.py                # train on all ACLED train records, write artifact
    .venv/bin/python tools/train_event_classifier.py --holdout 0.2  # also report accuracy on a 20 % group holdout
    .venv/bin/python tools/train_event_classifier.py --target ucdp  # GED headlines -> UCDP type of violence
    .venv/bin/python tools/train_event_classifier.py --pipeline-holdout 60  # whole pipeline on a TRAIN holdout

The holdout is split by ``meta.split_group`` (country + day) with a hash, so templated notes
of one country-day never sit on both sides.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sigact.extract.classifier import ARTIFACT, UCDP_ARTIFACT, EventClassifier, prepare_text  # noqa: E402

UCDP_TYPES = {"State-based armed conflict": "1", "Non-state conflict": "2", "One-sided violence": "3"}

DEFAULT_TRAIN = Path("/work/shared/data/train/events-train.jsonl")


def load(path: Path, target: str = "acled") -> list[dict]:
    """Returns the records of one target from a gold JSONL file, each with ``label`` set:
    ACLED records -> sub-event type; GED records (``target="ucdp"``) -> "1"/"2"/"3"."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if target == "acled" and r.get("source_dataset") == "acled" and r["gold"].get("sub_event_type"):
                r["label"] = r["gold"]["sub_event_type"]
                out.append(r)
            elif target == "ucdp" and r.get("source_dataset") == "ucdp_ged" and r["gold"].get("event_type") in UCDP_TYPES:
                r["label"] = UCDP_TYPES[r["gold"]["event_type"]]
                out.append(r)
    return out


def in_holdout(rec: dict, share: float) -> bool:
    """True when the record's split group hashes into the holdout share."""
    key = (rec.get("meta") or {}).get("split_group") or rec["id"]
    h = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return h < share


def fit(records: list[dict], *, max_features: int, c: float) -> EventClassifier:
    """Returns a classifier fitted on the records."""
    texts = [prepare_text(r["text"]) for r in records]
    labels = [r["label"] for r in records]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=max_features,
                          token_pattern=r"(?u)\b\w[\w'-]*\b")
    x = vec.fit_transform(texts)
    classes = sorted(set(labels))
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    clf.fit(x, labels)
    order = [list(clf.classes_).index(k) for k in classes]
    meta = {"trained_on": "events-train.jsonl", "n_records": len(records),
            "label_counts": dict(sorted(Counter(labels).items())), "C": c, "max_features": max_features}
    return EventClassifier(classes, vec, clf.coef_[order], clf.intercept_[order], meta)


def evaluate(model: EventClassifier, records: list[dict]) -> dict[str, float]:
    """Returns event-type and sub-event-type accuracy on records."""
    from sigact.extract.lexicon import load_lexicon

    lex = load_lexicon()
    p = model.predict_proba([r["text"] for r in records])
    sub_ok = et_ok = 0
    for row, r in zip(p, records):
        sub = model.labels[int(np.argmax(row))]
        sub_ok += sub == r["label"]
        et_ok += (lex.event_type_of(sub) == r["gold"]["event_type"]) if sub in lex.taxonomy else sub == r["label"]
    n = max(len(records), 1)
    return {"n": len(records), "event_type_acc": round(et_ok / n, 4), "sub_event_type_acc": round(sub_ok / n, 4)}


def pipeline_holdout(train: Path, share: float, per_type: int, out_dir: Path) -> dict:
    """Scores the whole pipeline on a group holdout of TRAIN with both classifiers refitted on the rest.

    Draws up to ``per_type`` holdout records per gold event type (balanced like the dev set), writes
    them to ``out_dir/holdout.jsonl`` and returns :func:`sigact.evaluate.evaluate`'s result.
    """
    import random

    from sigact.evaluate import evaluate
    from sigact.extract import EventExtractor
    from sigact.extract.actors import ActorResolver
    from sigact.geo import GeoResolver
    from sigact.nlp import load_nlp
    from sigact.pipeline import Pipeline
    from sigact.time import DateResolver

    acled = [r for r in load(train, "acled") if not in_holdout(r, share)]
    ged = [r for r in load(train, "ucdp") if not in_holdout(r, share)]
    clf = fit(acled, max_features=12000, c=10.0)
    uclf = fit(ged, max_features=5000, c=3.0)
    by_type: dict[str, list[dict]] = {}
    with open(train, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if in_holdout(r, share):
                by_type.setdefault(r["gold"]["event_type"], []).append(r)
    rng = random.Random(7)
    sample = []
    for k in sorted(by_type):
        rows = by_type[k]
        rng.shuffle(rows)
        sample += rows[:per_type]
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "holdout.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for r in sample:
            fh.write(json.dumps(r) + "\n")
    pipe = Pipeline(nlp=load_nlp(), geo=GeoResolver.default(), dates=DateResolver.default(),
                    extractor=EventExtractor(actors=ActorResolver.default(), classifier=clf, ucdp_classifier=uclf))
    return evaluate(path, pipeline=pipe)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--target", choices=["acled", "ucdp"], default="acled",
                    help="acled: ACLED sub-event types; ucdp: UCDP type of violence from GED headlines")
    ap.add_argument("--out", type=Path, default=None, help="artifact path (default: the packaged one)")
    ap.add_argument("--holdout", type=float, default=0.0, help="share of split groups held out for measurement")
    ap.add_argument("--max-features", type=int, default=None, help="default 12000 (acled) / 5000 (ucdp)")
    ap.add_argument("-C", type=float, default=None, help="inverse regularisation, default 10 (acled) / 3 (ucdp)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--pipeline-holdout", type=int, metavar="PER_TYPE", default=0,
                    help="score the whole pipeline on up to PER_TYPE holdout records per gold event type "
                         "(classifiers refitted without the holdout; uses --holdout, default 0.2) and exit")
    ap.add_argument("--work-dir", type=Path, default=Path("/tmp/sigact-holdout"))
    args = ap.parse_args(argv)
    if "dev" in args.train.parts:
        ap.error("refusing to train on the dev split")
    if args.pipeline_holdout:
        res = pipeline_holdout(args.train, args.holdout or 0.2, args.pipeline_holdout, args.work_dir)
        for ds, x in res["datasets"].items():
            fields = {k: v["accuracy"] for k, v in x["fields"].items()}
            print(json.dumps({"dataset": ds, "n": x["n"], "with_event_share": x["with_event_share"], **fields}))
        print(json.dumps({"texts_per_s": res.get("texts_per_s")}))
        return 0
    if args.max_features is None:
        args.max_features = 12000 if args.target == "acled" else 5000
    if args.C is None:
        args.C = 10.0 if args.target == "acled" else 3.0
    if args.out is None:
        args.out = ROOT / "src" / "sigact" / "extract" / "data" / (ARTIFACT if args.target == "acled" else UCDP_ARTIFACT)
    recs = load(args.train, args.target)
    if args.holdout > 0:
        tr = [r for r in recs if not in_holdout(r, args.holdout)]
        ho = [r for r in recs if in_holdout(r, args.holdout)]
        m = fit(tr, max_features=args.max_features, c=args.C)
        print(json.dumps({"holdout": evaluate(m, ho), "train": evaluate(m, tr)}))
    model = fit(recs, max_features=args.max_features, c=args.C)
    if not args.no_write:
        model.save(args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(model.labels)} labels)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
