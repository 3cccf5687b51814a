"""Shared stand-ins for the UCDP violence-type tests (test_ucdp.py, test_ucdp_sides.py)."""

from __future__ import annotations


class FixedGedClassifier:
    """A stand-in GED text classifier that always answers ``label`` (0.8, the other two 0.1); counts calls."""

    def __init__(self, label: str):
        self.label = label
        self.calls = 0

    def proba(self, text: str) -> dict[str, float]:
        self.calls += 1
        return {k: (0.8 if k == self.label else 0.1) for k in ("1", "2", "3")}
