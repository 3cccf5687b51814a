"""Admin1 abbreviations that event notes write at the end of an admin chain ("(Hyderabad, TS)",
"(Rajouri district, J&K)"), from ``data/admin1_abbreviations.csv``."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from sigact.errors import ConfigError

__all__ = ["admin1_abbreviations"]


@lru_cache(maxsize=1)
def admin1_abbreviations() -> dict[str, tuple[tuple[str, str, bool], ...]]:
    """Abbreviation (case as written, "J&K") -> ``((ISO3, admin1 name, alone), ...)`` of the units it may
    stand for; ``alone``: it may be the only part of a chain ("(UP)").  Raises ConfigError when the data
    file is missing or malformed."""
    try:
        text = resources.files("sigact.geo").joinpath("data/admin1_abbreviations.csv").read_text("utf-8")
        rows = list(csv.DictReader(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")))
        out: dict[str, list[tuple[str, str, bool]]] = {}
        for r in rows:
            out.setdefault(r["abbreviation"].strip(), []).append(
                (r["country"].strip(), r["admin1"].strip(), r["alone"].strip().lower() == "yes"))
    except (OSError, KeyError, csv.Error) as exc:
        raise ConfigError(f"cannot load the admin1 abbreviations: {exc}") from exc
    return {k: tuple(v) for k, v in out.items()}
