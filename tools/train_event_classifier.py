#!/usr/bin/env python
"""Train the ACLED sub-event classifier used by ``sigact.extract`` (TF-IDF + logistic regression).

Reads ONLY the training split (``events-train.jsonl``, ACLED records); never the dev set.
Deterministic: fixed vocabulary order, liblinear-free lbfgs solver, no random state used.

    .venv/bin/python tools/train_event_classifier.py                # train on all ACLED train records, write artifact
    .venv/bin/python tools/train_event_classifier.py --holdout 0.2  # also report accuracy on a 20 % group holdout
    .venv/bin/python tools/train_event_classifier.py --target ucdp  # GED headlines -> UCDP type of violence
    .venv/bin/python tools/train_event_classifier.py --pipeline-holdout 60  # whole pipeline on a TRAIN holdout
    .venv/bin/python tools/train_event_classifier.py --holdout 0.2 --split country --no-write  # unseen countries
    .venv/bin/python tools/train_event_classifier.py --pipeline-cv 40  # whole pipeline, 4-fold country CV

The holdout is split by ``meta.split_group`` (country + day) with a hash, so templated notes
of one country-day never sit on both sides; ``--split country`` holds out whole countries
(the dev and held-out sets cover many countries train lacks).

Train is in natural proportions (Protests-heavy, few Strategic developments) while the
evaluation sets are balanced over the six ACLED event types, so examples are weighted
(``--weights``): ``type`` gives every event type the same total weight with its sub-event
types in proportion; ``typesqrt`` (default) the same, with sub-event types in proportion to
the square root of their counts (rare sub-types gain a little); ``sub`` balances the 25
sub-event types; ``none`` keeps natural proportions.  ``--country-power a`` multiplies each
weight by (1/n_country)^a so a few large countries do not dominate the vocabulary.
Holdout scores include ``balanced_event_type`` (macro recall over the gold event types),
the figure settings are chosen by.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sigact.extract.classifier import (ARTIFACT, TOKEN_PATTERN, UCDP_ARTIFACT, EventClassifier,  # noqa: E402
                                       FeatureBlocks, prepare_text)

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


def in_holdout(rec: dict, share: float, split: str = "group") -> bool:
    """True when the record's split group (``split="group"``: country + day) or its country
    (``split="country"``) hashes into the holdout share."""
    if split == "country":
        key = "country:" + str(rec["gold"].get("country") or rec["id"])
    else:
        key = (rec.get("meta") or {}).get("split_group") or rec["id"]
    h = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return h < share


def sample_weights(records: list[dict], scheme: str = "typesqrt", country_power: float = 0.0) -> np.ndarray:
    """Returns one weight per record (mean 1): see the module docstring for the schemes.

    Event types come from the records' gold ``event_type`` (ACLED) or, for other targets, the
    label itself."""
    if scheme not in WEIGHT_SCHEMES:
        raise ValueError(f"unknown weight scheme {scheme!r}")
    etype = [r["gold"].get("event_type") if r.get("source_dataset") == "acled" else r["label"] for r in records]
    n_type = Counter(etype)
    n_sub = Counter(r["label"] for r in records)
    subs_of: dict[str, list[str]] = {}
    for e, r in zip(etype, records):
        if r["label"] not in subs_of.setdefault(e, []):
            subs_of[e].append(r["label"])
    w = np.ones(len(records))
    for k, (e, r) in enumerate(zip(etype, records)):
        sub = r["label"]
        if scheme == "sub":
            w[k] = 1.0 / (len(n_sub) * n_sub[sub])
        elif scheme == "type":
            w[k] = 1.0 / (len(n_type) * n_type[e])
        elif scheme == "typesqrt":
            share = np.sqrt(n_sub[sub]) / sum(np.sqrt(n_sub[s]) for s in subs_of[e])
            w[k] = share / (len(n_type) * n_sub[sub])
    if country_power:
        n_c = Counter(str(r["gold"].get("country")) for r in records)
        w *= np.array([n_c[str(r["gold"].get("country"))] ** -country_power for r in records])
    return w * len(records) / w.sum()


WEIGHT_SCHEMES = ("none", "sub", "type", "typesqrt")


def fit(records: list[dict], *, max_features: int, c: float, weights: str = "sub", country_power: float = 0.0,
        char_features: int = 0, ngram_max: int = 2) -> EventClassifier:
    """Returns a classifier fitted on the records, already round-tripped through its JSON form
    (so holdout scores are those of the artifact that is written).

    ``char_features`` > 0 adds that many character 2-5-gram features (``char_wb``)."""
    texts = [prepare_text(r["text"]) for r in records]
    labels = [r["label"] for r in records]
    word = TfidfVectorizer(ngram_range=(1, ngram_max), sublinear_tf=True, min_df=2, max_features=max_features,
                           token_pattern=TOKEN_PATTERN)
    char = (TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=3,
                            max_features=char_features) if char_features else None)
    vec = FeatureBlocks(word, char)
    x = vec.fit_transform(texts)
    classes = sorted(set(labels))
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(x, labels, sample_weight=sample_weights(records, weights, country_power))
    order = [list(clf.classes_).index(k) for k in classes]
    meta = {"trained_on": "events-train.jsonl", "n_records": len(records),
            "label_counts": dict(sorted(Counter(labels).items())), "C": c, "max_features": max_features,
            "char_features": char_features, "ngram_max": ngram_max, "weights": weights,
            "country_power": country_power}
    model = EventClassifier(classes, vec if char is not None else word, clf.coef_[order], clf.intercept_[order], meta)
    return EventClassifier.from_json(json.loads(json.dumps(model.to_json(**PRUNE))))


#: coefficients kept in the artifact: |w| >= min_weight, rounded (keeps it under 5 MB)
PRUNE = {"min_weight": 0.02, "digits": 3}


def evaluate(model: EventClassifier, records: list[dict]) -> dict[str, float]:
    """Returns event-type and sub-event-type accuracy on records, plus ``balanced_event_type`` and
    ``balanced_sub_event_type``: the mean over gold event types of the per-type accuracy (the
    score an evaluation set balanced over event types would give)."""
    from sigact.extract.lexicon import load_lexicon

    lex = load_lexicon()
    p = model.predict_proba([r["text"] for r in records])
    hits: dict[str, list[tuple[bool, bool]]] = {}
    for row, r in zip(p, records):
        sub = model.labels[int(np.argmax(row))]
        et = (lex.event_type_of(sub) == r["gold"]["event_type"]) if sub in lex.taxonomy else sub == r["label"]
        gold_type = r["gold"]["event_type"] if r.get("source_dataset") == "acled" else r["label"]
        hits.setdefault(gold_type, []).append((bool(et), sub == r["label"]))
    flat = [h for v in hits.values() for h in v]
    n = max(len(flat), 1)
    out: dict[str, Any] = {"n": len(flat), "event_type_acc": round(sum(a for a, _ in flat) / n, 4),
                           "sub_event_type_acc": round(sum(b for _, b in flat) / n, 4)}
    if hits:
        out["balanced_event_type"] = round(float(np.mean([np.mean([a for a, _ in v]) for v in hits.values()])), 4)
        out["balanced_sub_event_type"] = round(float(np.mean([np.mean([b for _, b in v]) for v in hits.values()])), 4)
        out["by_type"] = {k: round(float(np.mean([a for a, _ in v])), 3) for k, v in sorted(hits.items())}
    return out


def pipeline_holdout(train: Path, share: float, per_type: int, out_dir: Path, *, split: str = "group",
                     settings: dict[str, Any] | None = None) -> dict:
    """Scores the whole pipeline on a holdout of TRAIN with both classifiers refitted on the rest.

    Draws up to ``per_type`` holdout records per gold event type (balanced like the dev set), writes
    them to ``out_dir/holdout.jsonl`` and returns :func:`sigact.evaluate.evaluate`'s result.
    ``settings``: keyword arguments of :func:`fit` for the ACLED classifier.
    """
    import random

    from sigact.evaluate import evaluate
    from sigact.extract import EventExtractor
    from sigact.extract.actors import ActorResolver
    from sigact.geo import GeoResolver
    from sigact.nlp import load_nlp
    from sigact.pipeline import Pipeline
    from sigact.time import DateResolver

    acled = [r for r in load(train, "acled") if not in_holdout(r, share, split)]
    ged = [r for r in load(train, "ucdp") if not in_holdout(r, share, split)]
    clf = fit(acled, **(settings or ACLED_DEFAULTS))
    uclf = fit(ged, max_features=5000, c=3.0)
    by_type: dict[str, list[dict]] = {}
    with open(train, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if in_holdout(r, share, split):
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


def country_fold(rec: dict, k: int) -> int:
    """Returns the fold (0..k-1) of a record's gold country (a hash, so whole countries stay together)."""
    key = "country:" + str(rec["gold"].get("country") or rec["id"])
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % k


def pipeline_cv(train: Path, k: int, per_type: int, *, settings: dict[str, Any] | None = None,
                seed: int = 11, out: Path | None = None) -> dict[str, Any]:
    """Scores the whole pipeline on ACLED TRAIN records by ``k``-fold country cross-validation.

    For each fold the ACLED classifier is refitted on the other folds' countries; up to ``per_type``
    records per gold event type are drawn from the fold (so the pooled sample leans towards the
    balance of dev) and scored on their primary event (the highest-confidence asserted event).
    Returns ``{"n", "balanced_event_type", "balanced_sub_event_type", "present", "by_type"}``:
    balanced = the mean over gold event types of the per-type accuracy; ``present`` = share of texts
    with an asserted event of the gold type among all their events (detection, not selection).
    ``out``: also write one JSON line per scored record (gold and system types, all events).
    """
    import random

    from sigact.evaluate.fields import primary_event
    from sigact.extract import EventExtractor
    from sigact.extract.actors import ActorResolver
    from sigact.geo import GeoResolver
    from sigact.model import Article
    from sigact.nlp import load_nlp
    from sigact.pipeline import Pipeline
    from sigact.time import DateResolver

    with open(train, encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    acled = load(train, "acled")
    rng = random.Random(seed)
    nlp, geo, dates, actors = load_nlp(), GeoResolver.default(), DateResolver.default(), ActorResolver.default()
    rows: list[dict[str, Any]] = []
    for fold in range(k):
        clf = fit([r for r in acled if country_fold(r, k) != fold], **(settings or ACLED_DEFAULTS))
        pipe = Pipeline(nlp=nlp, geo=geo, dates=dates, extractor=EventExtractor(actors=actors, classifier=clf))
        by_type: dict[str, list[dict]] = {}
        for r in recs:
            if r.get("source_dataset") == "acled" and country_fold(r, k) == fold:
                by_type.setdefault(r["gold"]["event_type"], []).append(r)
        for et in sorted(by_type):
            xs = by_type[et]
            rng.shuffle(xs)
            for r in xs[:per_type]:
                evs = list(pipe.process(Article(id=r["id"], text=r["text"], published=r["gold"].get("date"))))
                pe = primary_event(evs)
                rows.append({"id": r["id"], "fold": fold, "gold": et, "gold_sub": r["gold"]["sub_event_type"],
                             "event_type": pe.acled_event_type if pe else None,
                             "sub_event_type": pe.acled_sub_event_type if pe else None,
                             "events": [[e.acled_event_type, e.acled_sub_event_type, e.confidence, e.factuality]
                                        for e in evs]})
    if out is not None:
        with open(out, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row) + "\n")
    by: dict[str, list[dict]] = {}
    for row in rows:
        by.setdefault(row["gold"], []).append(row)
    per = {et: {"n": len(xs), "event_type": round(float(np.mean([x["event_type"] == et for x in xs])), 4),
                "sub_event_type": round(float(np.mean([x["sub_event_type"] == x["gold_sub"] for x in xs])), 4),
                "present": round(float(np.mean([any(e[0] == et and e[3] == "asserted" for e in x["events"])
                                                for x in xs])), 4)}
           for et, xs in sorted(by.items())}
    return {"n": len(rows),
            "balanced_event_type": round(float(np.mean([v["event_type"] for v in per.values()])), 4),
            "balanced_sub_event_type": round(float(np.mean([v["sub_event_type"] for v in per.values()])), 4),
            "present": round(float(np.mean([v["present"] for v in per.values()])), 4), "by_type": per}


def balanced(res_ds: dict[str, Any], field: str) -> float | None:
    """Returns the mean over gold event types of a field's accuracy (one dataset of an evaluate result)."""
    accs = [x["fields"][field]["accuracy"] for x in (res_ds.get("by_gold_type") or {}).values()
            if field in x.get("fields", {}) and x["fields"][field].get("accuracy") is not None]
    return round(float(np.mean(accs)), 4) if accs else None


#: the settings the packaged ACLED artifact is trained with (chosen on train holdouts, see docs/benchmarks.md)
ACLED_DEFAULTS: dict[str, Any] = {"max_features": 12000, "c": 10.0, "weights": "sub", "country_power": 0.0,
                                  "char_features": 10000, "ngram_max": 2}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--target", choices=["acled", "ucdp"], default="acled",
                    help="acled: ACLED sub-event types; ucdp: UCDP type of violence from GED headlines")
    ap.add_argument("--out", type=Path, default=None, help="artifact path (default: the packaged one)")
    ap.add_argument("--holdout", type=float, default=0.0, help="share of split groups held out for measurement")
    ap.add_argument("--split", choices=["group", "country"], default="group",
                    help="holdout unit: country+day groups (default) or whole countries")
    ap.add_argument("--max-features", type=int, default=None, help="word features, default 12000 (acled) / 5000 (ucdp)")
    ap.add_argument("--char-features", type=int, default=None, help="character 2-5-gram features (acled default "
                    f"{ACLED_DEFAULTS['char_features']}, ucdp 0)")
    ap.add_argument("--ngram-max", type=int, default=None, help="longest word n-gram (default 2)")
    ap.add_argument("-C", type=float, default=None, help="inverse regularisation, default 10 (acled) / 3 (ucdp)")
    ap.add_argument("--weights", choices=WEIGHT_SCHEMES, default=None,
                    help=f"example weighting (acled default {ACLED_DEFAULTS['weights']}, ucdp sub)")
    ap.add_argument("--country-power", type=float, default=None, help="country-balancing exponent (default 0)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--pipeline-holdout", type=int, metavar="PER_TYPE", default=0,
                    help="score the whole pipeline on up to PER_TYPE holdout records per gold event type "
                         "(classifiers refitted without the holdout; uses --holdout, default 0.2) and exit")
    ap.add_argument("--pipeline-cv", type=int, metavar="PER_TYPE", default=0,
                    help="score the whole pipeline by 4-fold country cross-validation on ACLED train records "
                         "(up to PER_TYPE records per gold event type and fold; classifier refitted per fold) and exit")
    ap.add_argument("--folds", type=int, default=4, help="folds of --pipeline-cv (default 4)")
    ap.add_argument("--work-dir", type=Path, default=Path("/tmp/sigact-holdout"))
    args = ap.parse_args(argv)
    if "dev" in args.train.parts:
        ap.error("refusing to train on the dev split")
    base = dict(ACLED_DEFAULTS) if args.target == "acled" else {"max_features": 5000, "c": 3.0, "weights": "sub",
                                                                 "country_power": 0.0, "char_features": 0,
                                                                 "ngram_max": 2}
    for key, val in (("max_features", args.max_features), ("c", args.C), ("weights", args.weights),
                     ("country_power", args.country_power), ("char_features", args.char_features),
                     ("ngram_max", args.ngram_max)):
        if val is not None:
            base[key] = val
    if args.pipeline_cv:
        args.work_dir.mkdir(parents=True, exist_ok=True)
        res = pipeline_cv(args.train, args.folds, args.pipeline_cv, settings=base, out=args.work_dir / "cv.jsonl")
        print(json.dumps({"settings": base, **res}))
        return 0
    if args.pipeline_holdout:
        res = pipeline_holdout(args.train, args.holdout or 0.2, args.pipeline_holdout, args.work_dir,
                               split=args.split, settings=base)
        for ds, x in res["datasets"].items():
            fields = {k: v["accuracy"] for k, v in x["fields"].items()}
            bal = {f"balanced_{f}": balanced(x, f) for f in ("event_type", "sub_event_type") if f in x["fields"]}
            print(json.dumps({"dataset": ds, "n": x["n"], "with_event_share": x["with_event_share"], **bal, **fields}))
        print(json.dumps({"settings": base, "texts_per_s": res.get("texts_per_s")}))
        return 0
    if args.out is None:
        args.out = ROOT / "src" / "sigact" / "extract" / "data" / (ARTIFACT if args.target == "acled" else UCDP_ARTIFACT)
    recs = load(args.train, args.target)
    if args.holdout > 0:
        tr = [r for r in recs if not in_holdout(r, args.holdout, args.split)]
        ho = [r for r in recs if in_holdout(r, args.holdout, args.split)]
        m = fit(tr, **base)
        print(json.dumps({"settings": base, "holdout": evaluate(m, ho)}))
    if not args.no_write:
        model = fit(recs, **base)
        model.save(args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(model.labels)} labels)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
