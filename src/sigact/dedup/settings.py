"""Dedup settings: thresholds and weights, read from ``data/dedup.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sigact.errors import ConfigError
from sigact.resources import load_yaml

__all__ = ["DedupSettings"]


@dataclass(frozen=True)
class DedupSettings:
    date_window_days: int = 3
    day_window_days: int = 1
    max_km: dict[str, float | None] = field(default_factory=dict)
    compatible_types: tuple[frozenset[str], ...] = ()
    weights: dict[str, float] = field(default_factory=dict)
    merge_threshold: float = 0.62
    min_text_similarity: float = 0.35
    outlier_factor: float = 3.0

    @classmethod
    def load(cls, path: str | Path | None = None) -> "DedupSettings":
        """Settings from a YAML file (default: the bundled ``dedup.yaml``)."""
        if path is None:
            text = resources.files("sigact.dedup").joinpath("data/dedup.yaml").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        raw: dict[str, Any] = load_yaml(text) or {}
        weights = {k: float(v) for k, v in (raw.get("weights") or {}).items()}
        unknown = set(weights) - {"text", "date", "place", "actors", "subtype"}
        if unknown:
            raise ConfigError(f"dedup.yaml: unknown weights {sorted(unknown)}")
        return cls(
            date_window_days=int(raw.get("date_window_days", 3)),
            day_window_days=int(raw.get("day_window_days", 1)),
            max_km={k: (None if v is None else float(v)) for k, v in (raw.get("max_km") or {}).items()},
            compatible_types=tuple(frozenset(g) for g in raw.get("compatible_types") or ()),
            weights=weights,
            merge_threshold=float(raw.get("merge_threshold", 0.62)),
            min_text_similarity=float(raw.get("min_text_similarity", 0.35)),
            outlier_factor=float(raw.get("outlier_factor", 3.0)),
        )

    def type_group(self, event_type: str | None) -> str:
        """A key shared by all event types that may merge with ``event_type``."""
        if event_type is None:
            return "?"
        for group in self.compatible_types:
            if event_type in group:
                return "|".join(sorted(group))
        return event_type
