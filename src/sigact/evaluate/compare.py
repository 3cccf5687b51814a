"""Paired comparison of two evaluation runs on the same record gold file.

Both runs score the same texts, so the honest question is text by text: how many
texts went from wrong to right (``improved``) or right to wrong (``regressed``) on
each field, and is the imbalance more than chance (exact McNemar test)?
"""

from __future__ import annotations

import json
from math import comb
from pathlib import Path
from typing import Any, Mapping

from sigact.errors import InputError

__all__ = ["verdicts", "mcnemar_p", "format_p", "compare_runs", "load_run"]


def verdicts(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per-text field verdicts of a records run: ``{id: {"dataset": ds, "fields": {name: bool|None}}}``."""
    if result.get("kind") != "records":
        return {}
    return {r["id"]: {"dataset": r["dataset"], "fields": dict(r["fields"])} for r in result.get("items", [])}


def mcnemar_p(improved: int, regressed: int) -> float:
    """Two-sided exact McNemar p-value for ``improved`` vs ``regressed`` discordant pairs (1.0 if none)."""
    n = improved + regressed
    if n == 0:
        return 1.0
    k = min(improved, regressed)
    tail = sum(comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def format_p(p: float) -> str:
    """A p-value for tables: three significant digits, ``<0.0001`` below that."""
    return "<0.0001" if p < 1e-4 else f"{p:.3g}"


def load_run(path: str | Path) -> dict[str, Any]:
    """Read a ``sigact eval --json`` file; raises :class:`InputError` if it has no verdicts."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read baseline run: {exc}", code="SIG-E133", input=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("verdicts"), dict):
        raise InputError("baseline has no per-text 'verdicts' (write it with sigact eval --json on records)",
                         code="SIG-E133", input=str(path))
    return data


def compare_runs(baseline: Mapping[str, Mapping[str, Any]], current: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Paired field-by-field changes between two verdict maps (see :func:`verdicts`).

    Only texts present in both runs and scored (not ``None``) in both count.
    Returns ``{dataset: {field: {"n_paired", "before", "after", "improved",
    "regressed", "p_value"}}}`` where ``before``/``after`` are correct counts.
    """
    out: dict[str, dict[str, Any]] = {}
    for tid, cur in current.items():
        old = baseline.get(tid)
        if old is None:
            continue
        ds = out.setdefault(cur["dataset"], {})
        for name, v in cur["fields"].items():
            w = old.get("fields", {}).get(name)
            if v is None or w is None:
                continue
            f = ds.setdefault(name, {"n_paired": 0, "before": 0, "after": 0, "improved": 0, "regressed": 0})
            f["n_paired"] += 1
            f["before"] += bool(w)
            f["after"] += bool(v)
            f["improved"] += bool(v and not w)
            f["regressed"] += bool(w and not v)
    for ds in out.values():
        for f in ds.values():
            f["p_value"] = mcnemar_p(f["improved"], f["regressed"])
    return out
