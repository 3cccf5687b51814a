"""Demonstrators' own violence: what turns a demonstration into ACLED's "Violent demonstration".

ACLED codes a demonstration as a violent demonstration (event type Riots) when the demonstrators
engage in violence or destruction: burning tyres or barricades on the road, barricading roads,
forcing their way into or storming a building, forcing shops to close, vandalism, a scuffle, brawl or
clash with the police, counter-demonstrators or officials, throwing stones or other objects.  Force
used only by the police (dispersal, tear gas, arrests) leaves it a protest with intervention, and a
road merely blocked stays a peaceful protest.  The patterns live in ``data/demonstrations.yaml``;
:mod:`sigact.extract.coding` weighs them in the rule prior of a demonstration's trigger group.
"""

from __future__ import annotations

import functools
import re

from sigact.errors import ConfigError
from sigact.extract.lexicon import load_yaml

__all__ = ["demonstrator_violence", "symbolic_free", "violence_patterns"]


@functools.lru_cache(maxsize=1)
def violence_patterns() -> re.Pattern[str] | None:
    """Returns one compiled case-insensitive pattern matching any demonstrator-violence cue of
    ``demonstrations.yaml: demonstrator_violence`` (all kinds together, each at a word start), or
    None when the file lists none; raises :class:`~sigact.errors.ConfigError` for a bad pattern."""
    data = load_yaml("demonstrations.yaml").get("demonstrator_violence") or {}
    if not isinstance(data, dict):
        raise ConfigError("demonstrations.yaml: demonstrator_violence must map kinds to pattern lists")
    parts: list[str] = []
    for kind, patterns in data.items():
        for p in patterns or []:
            try:
                re.compile(str(p))
            except re.error as exc:
                raise ConfigError(f"demonstrations.yaml: bad pattern in {kind}: {p!r} ({exc})") from exc
            parts.append("(?:" + str(p) + ")")
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _symbolic_rx() -> re.Pattern[str] | None:
    """Returns the compiled pattern of ``demonstrations.yaml: symbolic`` (burning an effigy, a verbal
    confrontation), or None when the file lists none."""
    items = [str(p) for p in load_yaml("demonstrations.yaml").get("symbolic") or []]
    if not items:
        return None
    try:
        return re.compile(r"(?<![\w-])(?:" + "|".join("(?:" + p + ")" for p in items) + ")", re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"demonstrations.yaml: bad pattern in symbolic ({exc})") from exc


def symbolic_free(text: str) -> str:
    """Returns ``text`` with its symbolic acts ("burnt an effigy of the minister", "verbal
    confrontations") blanked out by spaces of the same length, so offsets still hold."""
    rx = _symbolic_rx()
    if rx is None or not text:
        return text
    return rx.sub(lambda m: " " * len(m.group(0)), text)


def demonstrator_violence(text: str) -> list[re.Match[str]]:
    """Returns the matches of the demonstrator-violence cues in ``text`` outside its symbolic acts
    (non-overlapping, in text order; empty when there are none)."""
    rx = violence_patterns()
    if rx is None or not text:
        return []
    return list(rx.finditer(symbolic_free(text)))
