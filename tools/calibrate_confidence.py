"""Fit the event-confidence calibration on train records and print reliability tables.

The packaged event classifier was trained on all of TRAIN, so scoring TRAIN with it would be
in-sample (over-confident).  This tool therefore refits the ACLED classifier (the settings of
``tools/train_event_classifier.py``) on TRAIN minus a holdout of whole countries (the dev and
held-out sets are full of countries TRAIN lacks), runs the pipeline with raw (uncalibrated)
confidence over a type-balanced sample of the holdout's ACLED records (one coded event per text),
labels every asserted event right when its ACLED event type is the gold one, fits an isotonic map on
half of the texts and reports reliability and expected calibration error (ECE) before and after,
cross-fitted (each half scored by the map fitted on the other half), then refits on all of them and writes
``src/sigact/extract/data/confidence_calibration.json``.

    .venv/bin/python tools/calibrate_confidence.py --per-type 150 --holdout 0.35 [--dry-run]

Dev data is never read here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "train" / "events-train.jsonl"
OUT = ROOT / "src" / "sigact" / "extract" / "data" / "confidence_calibration.json"


def _trainer():
    """Returns the classifier-training module (tools/train_event_classifier.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_event_classifier", ROOT / "tools" / "train_event_classifier.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _sample(path: Path, per_type: int, seed: int, keep) -> list[dict]:
    by_type: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("source_dataset") == "acled" and keep(rec):
                by_type[rec["gold"]["event_type"]].append(rec)
    rng = random.Random(seed)
    out: list[dict] = []
    for t in sorted(by_type):
        recs = by_type[t]
        rng.shuffle(recs)
        out.extend(recs[:per_type])
    rng.shuffle(out)
    return out


def _score(records: list[dict], clf, uclf) -> list[tuple[str, float, bool]]:
    """Returns (record id, raw confidence, right type?) for every asserted event."""
    from sigact.extract import EventExtractor
    from sigact.extract.actors import ActorResolver
    from sigact.geo import GeoResolver
    from sigact.model import Article
    from sigact.nlp import load_nlp
    from sigact.pipeline import Pipeline
    from sigact.time import DateResolver

    ex = EventExtractor(actors=ActorResolver.default(), classifier=clf, ucdp_classifier=uclf)
    ex.settings = replace(ex.settings, calibrate=False)
    pipe = Pipeline(nlp=load_nlp(), geo=GeoResolver.default(), dates=DateResolver.default(), extractor=ex)
    rows = []
    for rec in records:
        art = Article.create(rec["text"], id=rec["id"], published=None)
        for ev in pipe.process(art):
            if ev.is_incident:
                rows.append((rec["id"], ev.confidence, ev.acled_event_type == rec["gold"]["event_type"]))
    return rows


def _table(title: str, conf: list[float], ok: list[bool]) -> None:
    from sigact.extract.calibration import expected_calibration_error, reliability_table

    print(f"\n{title}: n={len(conf)}, ECE={expected_calibration_error(conf, ok):.3f}")
    print("| confidence | n | mean confidence | share right |")
    print("|---|---:|---:|---:|")
    for r in reliability_table(conf, ok):
        print(f"| {r['lo']:.1f}-{r['hi']:.1f} | {r['n']} | {r['mean_confidence']:.3f} | {r['accuracy']:.3f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--per-type", type=int, default=150, help="records per ACLED event type (balanced sample)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--holdout", type=float, default=0.35, help="share of TRAIN countries held out of classifier fitting")
    ap.add_argument("--dry-run", action="store_true", help="print the tables, do not write the map")
    args = ap.parse_args(argv)

    from sigact.extract.calibration import fit_calibrator

    tr = _trainer()
    out_of = lambda r: tr.in_holdout(r, args.holdout, "country")  # noqa: E731
    clf = tr.fit([r for r in tr.load(args.train, "acled") if not out_of(r)], **tr.ACLED_DEFAULTS)
    uclf = None  # the UCDP-type classifier does not enter the confidence: the packaged one
    records = _sample(args.train, args.per_type, args.seed, out_of)
    print(f"{len(records)} held-out ACLED records from countries the classifiers did not see")
    rows = _score(records, clf, uclf)
    ids = sorted({r[0] for r in rows})
    random.Random(args.seed).shuffle(ids)
    fit_ids = set(ids[: len(ids) // 2])
    fit = [r for r in rows if r[0] in fit_ids]
    held = [r for r in rows if r[0] not in fit_ids]
    # two-fold cross-fitting: each half is scored by the map fitted on the other half
    cal_a = fit_calibrator([r[1] for r in fit], [r[2] for r in fit])
    cal_b = fit_calibrator([r[1] for r in held], [r[2] for r in held])
    pooled = [(cal_a.apply(r[1]), r[2]) for r in held] + [(cal_b.apply(r[1]), r[2]) for r in fit]
    _table("raw score (all texts)", [r[1] for r in rows], [r[2] for r in rows])
    _table("calibrated, cross-fitted (each half by the map of the other)", [c for c, _ in pooled],
           [ok for _, ok in pooled])
    final = fit_calibrator([r[1] for r in rows], [r[2] for r in rows],
                           meta={"fitted_on": f"train ACLED, {args.holdout:.0%} of countries held out of classifier fitting, "
                                               f"up to {args.per_type} of their records per event type, seed {args.seed}",
                                 "events": str(len(rows)), "target": "asserted event has the gold ACLED event type"})
    _table("calibrated (all, in-sample)", [final.apply(r[1]) for r in rows], [r[2] for r in rows])
    if not args.dry_run:
        OUT.write_text(json.dumps(final.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT.relative_to(ROOT)} ({len(final.xs)} breakpoints)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
