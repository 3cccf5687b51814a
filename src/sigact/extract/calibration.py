"""Calibration of event confidence: raw rule score -> probability that the event is right.

The extractor's raw score (a weighted sum of type score, trigger weight and filled slots, see
:mod:`sigact.extract.extractor`) ranks events but is not a probability.  ``confidence_calibration.json``
holds a strictly increasing piecewise-linear map fitted by isotonic regression on train records
(``tools/calibrate_confidence.py``): an asserted event's calibrated confidence is the observed share
of events with that raw score whose ACLED event type was the gold one.  The map is strictly increasing, so
it never changes which event of a text ranks first.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, Sequence

import numpy as np

from sigact.errors import ConfigError

__all__ = ["Calibrator", "fit_calibrator", "reliability_table", "expected_calibration_error", "ARTIFACT"]

#: The packaged calibration map (under ``sigact/extract/data``).
ARTIFACT = "confidence_calibration.json"
_STEP = 1e-3  # smallest rise between two breakpoints: keeps the map strictly increasing


@dataclass(frozen=True)
class Calibrator:
    """A strictly increasing piecewise-linear map on [0, 1] (identity when ``xs`` is empty)."""

    xs: tuple[float, ...] = ()
    ys: tuple[float, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()

    def apply(self, raw: float) -> float:
        """Returns the calibrated probability for raw score ``raw`` (clipped to [0, 1])."""
        raw = min(max(float(raw), 0.0), 1.0)
        if not self.xs:
            return raw
        return float(np.interp(raw, self.xs, self.ys))

    def to_json(self) -> dict:
        """Returns the JSON form written to :data:`ARTIFACT`."""
        return {"xs": list(self.xs), "ys": list(self.ys), "meta": dict(self.meta)}

    @classmethod
    def from_json(cls, obj: dict) -> "Calibrator":
        """Builds a calibrator from :meth:`to_json` output; raises ConfigError on a malformed map."""
        xs, ys = [float(x) for x in obj.get("xs") or []], [float(y) for y in obj.get("ys") or []]
        if len(xs) != len(ys) or any(b <= a for a, b in zip(xs, xs[1:])) or any(b <= a for a, b in zip(ys, ys[1:])):
            raise ConfigError("confidence calibration map must have strictly increasing xs and ys of one length",
                              code="SIG-E400")
        return cls(tuple(xs), tuple(ys), tuple((str(k), str(v)) for k, v in (obj.get("meta") or {}).items()))

    @classmethod
    def default(cls) -> "Calibrator":
        """Returns the packaged calibrator (loaded once per process); identity if none is packaged."""
        return _load_default()


@functools.lru_cache(maxsize=1)
def _load_default() -> Calibrator:
    try:
        text = resources.files("sigact.extract").joinpath("data", ARTIFACT).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return Calibrator()
    try:
        return Calibrator.from_json(json.loads(text))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"cannot read {ARTIFACT}: {exc}", code="SIG-E400") from exc


def fit_calibrator(raw: Sequence[float], correct: Sequence[bool], *, weights: Sequence[float] | None = None,
                   meta: dict | None = None) -> Calibrator:
    """Fits an isotonic map from raw scores to the share of correct events.

    Returns a :class:`Calibrator` whose breakpoints are the isotonic steps' centres, pushed apart so
    the map is strictly increasing, and pinned to the ends of [0, 1]."""
    from sklearn.isotonic import IsotonicRegression

    x = np.asarray(raw, dtype=float)
    y = np.asarray(correct, dtype=float)
    if len(x) < 2:
        raise ValueError("need at least two scored events to calibrate")
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, increasing=True, out_of_bounds="clip")
    iso.fit(x, y, sample_weight=None if weights is None else np.asarray(weights, dtype=float))
    bx, by = np.asarray(iso.X_thresholds_, dtype=float), np.asarray(iso.y_thresholds_, dtype=float)
    # one point per flat step (its centre) so the map interpolates between steps
    pts: list[tuple[float, float]] = []
    k = 0
    while k < len(bx):
        m = k
        while m + 1 < len(bx) and by[m + 1] == by[k]:
            m += 1
        pts.append(((bx[k] + bx[m]) / 2, float(by[k])))
        k = m + 1
    xs = [0.0] + [p[0] for p in pts if 0.0 < p[0] < 1.0] + [1.0]
    ys = [pts[0][1]] + [p[1] for p in pts if 0.0 < p[0] < 1.0] + [pts[-1][1]]
    sx, sy = [xs[0]], [min(ys[0], 1.0 - _STEP * len(xs))]
    for a, b in zip(xs[1:], ys[1:]):
        if a <= sx[-1]:
            continue
        sx.append(a)
        sy.append(max(b, sy[-1] + _STEP))
    sy = [min(v, 1.0) for v in sy]
    for i in range(len(sy) - 2, -1, -1):  # the cap at 1.0 must not create a flat top
        sy[i] = min(sy[i], sy[i + 1] - _STEP)
    return Calibrator(tuple(round(v, 4) for v in sx), tuple(round(v, 4) for v in sy),
                      tuple((str(k), str(v)) for k, v in (meta or {}).items()))


def reliability_table(conf: Iterable[float], correct: Iterable[bool], bins: int = 10) -> list[dict]:
    """Returns one row per confidence bin: ``{"lo", "hi", "n", "mean_confidence", "accuracy"}``
    (empty bins left out)."""
    c = np.asarray(list(conf), dtype=float)
    y = np.asarray(list(correct), dtype=float)
    rows = []
    edges = np.linspace(0.0, 1.0, bins + 1)
    for i in range(bins):
        lo, hi = edges[i], edges[i + 1]
        m = (c >= lo) & ((c < hi) if i < bins - 1 else (c <= hi))
        if m.any():
            rows.append({"lo": round(float(lo), 2), "hi": round(float(hi), 2), "n": int(m.sum()),
                         "mean_confidence": round(float(c[m].mean()), 3), "accuracy": round(float(y[m].mean()), 3)})
    return rows


def expected_calibration_error(conf: Iterable[float], correct: Iterable[bool], bins: int = 10) -> float:
    """Returns the expected calibration error: the n-weighted mean |accuracy - confidence| over bins."""
    rows = reliability_table(conf, correct, bins)
    n = sum(r["n"] for r in rows)
    if not n:
        return 0.0
    return round(sum(r["n"] * abs(r["accuracy"] - r["mean_confidence"]) for r in rows) / n, 4)
