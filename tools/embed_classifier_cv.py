#!/usr/bin/env python
"""Country-grouped cross-validation: sentence-embedding LR vs the TF-IDF classifier vs their blend.

Reads ONLY the training split (ACLED records of ``events-train.jsonl``); never the dev set.

    .venv/bin/python tools/embed_classifier_cv.py                 # 4-fold GroupKFold by gold country
    .venv/bin/python tools/embed_classifier_cv.py --folds 4 --c 3 10 30
    .venv/bin/python tools/embed_classifier_cv.py --write --write-c 10 --write-weight 0.5  # + artifact
    .venv/bin/python tools/embed_classifier_cv.py --pipeline-holdout 0.5   # whole pipeline, train country holdout

Every note is passed through :func:`sigact.extract.classifier.prepare_text`, embedded with the
MiniLM embedder sigact ships (``sigact.dedup.embed``; cached in ``--cache``), and scored by
(a) logistic regression on the 384-d embeddings, (b) the TF-IDF + LR classifier exactly as
``tools/train_event_classifier.py`` fits it (its ``fit`` with ``ACLED_DEFAULTS``), and
(c) ``w * P_embed + (1 - w) * P_tfidf`` for several ``w``.  All models use the same sample
weights (scheme ``sub``).  Scores: event-type accuracy averaged over the 6 gold event types
(``bal_event_type``, the figure the balanced dev/held-out sets reward), plain event-type and
sub-event-type accuracy, and balanced sub-event-type accuracy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from train_event_classifier import ACLED_DEFAULTS, DEFAULT_TRAIN, fit, load, sample_weights  # noqa: E402

from sigact.extract.classifier import prepare_text  # noqa: E402


def embed_all(texts: list[str], cache_dir: Path) -> np.ndarray:
    """Returns the (n, 384) embeddings of ``texts``, cached on disk by a hash of the texts."""
    key = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:16]
    path = cache_dir / f"acled-train-emb-{key}.npy"
    if path.exists():
        return np.load(path)
    from sigact.dedup.embed import get_embedder

    t0 = time.time()
    x = get_embedder().encode(texts)
    print(f"embedded {len(texts)} notes in {time.time() - t0:.1f} s", file=sys.stderr)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, x)
    return x


def fit_embed_lr(x: np.ndarray, labels: list[str], w: np.ndarray, c: float):
    """Returns a fitted scikit-learn LogisticRegression on embeddings."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(x, labels, sample_weight=w)
    return clf


def aligned(p: np.ndarray, have: list[str], labels: list[str]) -> np.ndarray:
    """Returns ``p`` (columns ``have``) re-ordered to ``labels`` (absent labels get 0)."""
    out = np.zeros((p.shape[0], len(labels)))
    for j, lab in enumerate(have):
        out[:, labels.index(lab)] = p[:, j]
    return out


def score(p: np.ndarray, labels: list[str], recs: list[dict], type_of: dict[str, str]) -> dict[str, float]:
    """Returns bal_event_type, event_type, sub_event_type and bal_sub_event_type accuracies."""
    pred = [labels[i] for i in p.argmax(axis=1)]
    hits: dict[str, list[tuple[bool, bool]]] = {}
    for sub, r in zip(pred, recs):
        hits.setdefault(r["gold"]["event_type"], []).append((type_of[sub] == r["gold"]["event_type"],
                                                              sub == r["label"]))
    flat = [h for v in hits.values() for h in v]
    return {"bal_event_type": float(np.mean([np.mean([a for a, _ in v]) for v in hits.values()])),
            "event_type": float(np.mean([a for a, _ in flat])),
            "sub_event_type": float(np.mean([b for _, b in flat])),
            "bal_sub_event_type": float(np.mean([np.mean([b for _, b in v]) for v in hits.values()]))}


def pipeline_holdout(recs: list[dict], x: np.ndarray, weight: float, c: float, train: Path) -> int:
    """Runs ``train_event_classifier.pipeline_holdout`` (country split, 25 %, 60 per type) with its ACLED
    classifier replaced by the ensemble at ``weight``; prints balanced scores and returns the exit status."""
    import train_event_classifier as tec

    from sigact.extract.embed_classifier import EmbedEnsemble, EmbedLogReg

    emb = {r["id"]: x[i] for i, r in enumerate(recs)}
    plain_fit = tec.fit

    def fit_ensemble(records: list[dict], **kw):
        model = plain_fit(records, **kw)
        if weight > 0 and records and records[0].get("source_dataset") == "acled":
            clf = fit_embed_lr(np.stack([emb[r["id"]] for r in records]), [r["label"] for r in records],
                               sample_weights(records, ACLED_DEFAULTS["weights"], ACLED_DEFAULTS["country_power"]), c)
            model = EmbedEnsemble(model, EmbedLogReg(list(clf.classes_), clf.coef_, clf.intercept_, {}), weight)
        return model

    tec.fit = fit_ensemble
    try:
        res = tec.pipeline_holdout(train, 0.25, 60, Path(f"/tmp/sigact-embed-holdout-{weight:g}"), split="country",
                                   settings=ACLED_DEFAULTS)
    finally:
        tec.fit = plain_fit
    for ds, r in res["datasets"].items():
        bal = {f"balanced_{f}": tec.balanced(r, f) for f in ("event_type", "sub_event_type") if f in r["fields"]}
        print(json.dumps({"weight": weight, "dataset": ds, "n": r["n"], **bal,
                          **{k: v["accuracy"] for k, v in r["fields"].items()}}))
    return 0


def write_artifact(recs: list[dict], x: np.ndarray, c: float, weight: float, out: Path | None) -> int:
    """Fits the embedding LR on all records and writes the JSON artifact; returns the exit status."""
    from collections import Counter

    from sigact.extract.embed_classifier import EMBED_ARTIFACT, EmbedLogReg

    labels = [r["label"] for r in recs]
    clf = fit_embed_lr(x, labels, sample_weights(recs, ACLED_DEFAULTS["weights"], ACLED_DEFAULTS["country_power"]), c)
    meta = {"trained_on": "events-train.jsonl", "n_records": len(recs), "C": c, "weights": ACLED_DEFAULTS["weights"],
            "label_counts": dict(sorted(Counter(labels).items())), "blend_weight": weight,
            "embedder": "all-MiniLM-L6-v2 int8 (sigact.dedup.embed)", "text": "prepare_text"}
    model = EmbedLogReg(list(clf.classes_), clf.coef_, clf.intercept_, meta)
    out = out or ROOT / "src" / "sigact" / "extract" / "data" / EMBED_ARTIFACT
    model.save(out)
    print(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB, {len(model.labels)} labels, C={c:g}, w={weight:g})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--c", type=float, nargs="+", default=[1.0, 10.0], help="C values of the embedding LR")
    ap.add_argument("--blend", type=float, nargs="+", default=[0.3, 0.5, 0.7], help="embedding weights w")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/sigact-embed-cv"))
    ap.add_argument("--json", type=Path, default=None, help="write the result table here")
    ap.add_argument("--write", action="store_true", help="skip the CV; fit the embedding LR on all ACLED train "
                    "notes and write the packaged artifact (data/event_embed_classifier.json)")
    ap.add_argument("--write-c", type=float, default=10.0, help="C of the written model")
    ap.add_argument("--write-weight", type=float, default=0.5, help="blend weight stored in the artifact")
    ap.add_argument("--pipeline-holdout", type=float, default=None, metavar="W",
                    help="score the whole pipeline on a 25 %% country holdout of TRAIN (60 per gold type) with the "
                         "ensemble at weight W (0: TF-IDF alone), both refitted without the holdout, and exit")
    ap.add_argument("--out", type=Path, default=None, help="artifact path (default: the packaged one)")
    args = ap.parse_args(argv)
    if "dev" in args.train.parts:
        ap.error("refusing to use the dev split")
    from sklearn.model_selection import GroupKFold

    recs = load(args.train, "acled")
    labels = sorted({r["label"] for r in recs})
    type_of = {r["label"]: r["gold"]["event_type"] for r in recs}
    x = embed_all([prepare_text(r["text"]) for r in recs], args.cache)
    if args.pipeline_holdout is not None:
        return pipeline_holdout(recs, x, args.pipeline_holdout, args.write_c, args.train)
    if args.write:
        return write_artifact(recs, x, args.write_c, args.write_weight, args.out)
    groups = [str(r["gold"].get("country") or r["id"]) for r in recs]
    sums: dict[str, list[dict[str, float]]] = {}
    preds: dict[str, np.ndarray] = {}
    for k, (tr, te) in enumerate(GroupKFold(n_splits=args.folds).split(x, groups=groups)):
        t0 = time.time()
        rtr, rte = [recs[i] for i in tr], [recs[i] for i in te]
        w = sample_weights(rtr, ACLED_DEFAULTS["weights"], ACLED_DEFAULTS["country_power"])
        tf = fit(rtr, **ACLED_DEFAULTS)
        p_tf = aligned(tf.predict_proba([r["text"] for r in rte]), tf.labels, labels)
        fold = {"tfidf": p_tf}
        for c in args.c:
            clf = fit_embed_lr(x[tr], [r["label"] for r in rtr], w, c)
            p_em = aligned(clf.predict_proba(x[te]), list(clf.classes_), labels)
            fold[f"embed C={c:g}"] = p_em
            for b in args.blend:
                fold[f"blend C={c:g} w={b:g}"] = b * p_em + (1 - b) * p_tf
        for name, p in fold.items():
            sums.setdefault(name, []).append({**score(p, labels, rte, type_of), "n": len(rte)})
            preds.setdefault(name, np.zeros((len(recs), len(labels))))[te] = p
        print(f"fold {k}: {len(rte)} test notes, {len(set(groups[i] for i in te))} countries, "
              f"{time.time() - t0:.0f} s", file=sys.stderr)
    # pooled over all out-of-fold predictions (every note predicted once by a model that never saw its country)
    table = {name: {m: round(v, 4) for m, v in score(p, labels, recs, type_of).items()} for name, p in preds.items()}
    for name, folds in sums.items():
        table[name]["fold_bal_event_type"] = [round(f["bal_event_type"], 4) for f in folds]
    print(f"{'model':<22} {'bal_ET':>7} {'ET':>7} {'SUB':>7} {'bal_SUB':>7}  per-fold bal_ET")
    for name, s in table.items():
        print(f"{name:<22} {s['bal_event_type']:7.4f} {s['event_type']:7.4f} {s['sub_event_type']:7.4f} "
              f"{s['bal_sub_event_type']:7.4f}  {s['fold_bal_event_type']}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
