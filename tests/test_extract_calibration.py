"""Confidence calibration: the isotonic map, its packaged artifact and the reliability table."""

from __future__ import annotations

import random

import pytest

from sigact.errors import ConfigError
from sigact.extract.calibration import (Calibrator, expected_calibration_error, fit_calibrator,
                                        reliability_table)


def _synthetic(n: int = 2000, seed: int = 3):
    """Raw scores whose true chance of being right is raw**2 (an over-confident scorer)."""
    rng = random.Random(seed)
    raw = [rng.random() for _ in range(n)]
    ok = [rng.random() < r * r for r in raw]
    return raw, ok


def test_fit_reduces_calibration_error_on_fresh_data():
    raw, ok = _synthetic()
    cal = fit_calibrator(raw, ok)
    raw2, ok2 = _synthetic(seed=4)
    before = expected_calibration_error(raw2, ok2)
    after = expected_calibration_error([cal.apply(x) for x in raw2], ok2)
    assert before > 0.1
    assert after < before / 2
    assert abs(cal.apply(0.5) - 0.25) < 0.08  # P(right | raw 0.5) = 0.25


def test_map_is_strictly_increasing_and_keeps_ranking():
    raw, ok = _synthetic(400)
    cal = fit_calibrator(raw, ok)
    assert all(b > a for a, b in zip(cal.xs, cal.xs[1:]))
    assert all(b > a for a, b in zip(cal.ys, cal.ys[1:]))
    grid = [i / 200 for i in range(201)]
    vals = [cal.apply(x) for x in grid]
    assert all(b > a for a, b in zip(vals, vals[1:]))
    assert 0.0 <= vals[0] and vals[-1] <= 1.0


def test_identity_without_a_map_and_clipping():
    ident = Calibrator()
    assert ident.apply(0.37) == pytest.approx(0.37)
    assert ident.apply(1.7) == 1.0 and ident.apply(-1) == 0.0


def test_json_round_trip_and_validation():
    cal = fit_calibrator(*_synthetic(300), meta={"fitted_on": "synthetic"})
    again = Calibrator.from_json(cal.to_json())
    assert again.xs == cal.xs and again.ys == cal.ys and dict(again.meta)["fitted_on"] == "synthetic"
    with pytest.raises(ConfigError):
        Calibrator.from_json({"xs": [0.0, 0.5, 0.4], "ys": [0.1, 0.2, 0.3]})
    with pytest.raises(ConfigError):
        Calibrator.from_json({"xs": [0.0, 1.0], "ys": [0.5]})


def test_reliability_table_bins():
    rows = reliability_table([0.05, 0.15, 0.95, 0.97], [False, True, True, True], bins=10)
    assert [r["n"] for r in rows] == [1, 1, 2]
    assert rows[-1]["accuracy"] == 1.0 and rows[-1]["mean_confidence"] == pytest.approx(0.96)
    assert expected_calibration_error([0.9, 0.9], [True, False], bins=10) == pytest.approx(0.4)


def test_packaged_map_is_valid():
    cal = Calibrator.default()
    assert cal.xs, "no packaged confidence_calibration.json"
    assert cal.xs[0] == 0.0 and cal.xs[-1] == 1.0
    assert all(b > a for a, b in zip(cal.ys, cal.ys[1:]))
    assert "train" in dict(cal.meta).get("fitted_on", "")
