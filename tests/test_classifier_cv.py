"""The country folds of tools/train_event_classifier.py (--pipeline-cv): whole countries stay together."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_TOOL = Path(__file__).resolve().parents[1] / "tools" / "train_event_classifier.py"


def _tool():
    spec = importlib.util.spec_from_file_location("train_event_classifier", _TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_country_fold_keeps_a_country_in_one_fold():
    tool = _tool()
    recs = [{"id": f"a{k}", "gold": {"country": c}} for k, c in enumerate(["Benin", "Benin", "Mexico", "Iraq", "Benin"])]
    folds = [tool.country_fold(r, 4) for r in recs]
    assert all(0 <= f < 4 for f in folds)
    assert folds[0] == folds[1] == folds[4]  # the three Benin records share a fold
    assert tool.country_fold(recs[2], 4) == tool.country_fold({"id": "zz", "gold": {"country": "Mexico"}}, 4)


def test_country_folds_spread_countries():
    tool = _tool()
    countries = ["Benin", "Mexico", "Iraq", "Syria", "Yemen", "India", "Kenya", "Peru", "Chile", "Mali", "Niger", "Chad"]
    folds = {tool.country_fold({"id": c, "gold": {"country": c}}, 4) for c in countries}
    assert len(folds) >= 3  # a hash, not one bucket
