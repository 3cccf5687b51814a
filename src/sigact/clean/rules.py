"""Boilerplate rules loaded from ``data/boilerplate.yaml`` (see the comments there)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

import yaml

from sigact.errors import ConfigError
from sigact.resources import load_yaml

__all__ = ["BoilerplateRules", "load_rules", "line_key", "looks_like_body"]

_EDGE_CHARS = " \t›»«‹•·|*#>-–—:;!.,?…()[]{}<>_~=+/\\\"'“”‘’→←↗"
_BULLETS = " ›»•·|*#"
_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_DEFAULT_MAX_WORDS = 25
_KEYS = frozenset({
    "min_body_chars", "lead_max_words", "trail_max_words", "drop_duplicates", "macros", "exact", "patterns",
    "tail_markers", "tail_patterns", "section_markers",
})
_PATTERN_KEYS = frozenset({"regex", "case", "max_words"})


def line_key(line: str) -> str:
    """The matching key of a line: whitespace collapsed, case-folded, edge punctuation stripped."""
    return _WS.sub(" ", line).strip(_EDGE_CHARS).casefold()


def looks_like_body(line: str) -> bool:
    """True when ``line`` reads like a paragraph of article prose rather than a headline or link."""
    words = len(line.split())
    return words >= 20 or (words >= 6 and bool(_SENTENCE_END.search(line.rstrip())))


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    max_words: int
    max_chars: int


@dataclass(frozen=True)
class BoilerplateRules:
    """Compiled rules.  :meth:`classify` says which lines of a text to keep."""

    exact: frozenset[str]
    patterns: tuple[_Pattern, ...]
    tail_markers: frozenset[str]
    tail_patterns: tuple[re.Pattern[str], ...]
    section_markers: frozenset[str]
    min_body_chars: int = 200
    lead_max_words: int = 2
    trail_max_words: int = 2
    drop_duplicates: bool = True

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "BoilerplateRules":
        """Compile a rules mapping (the parsed YAML).  Raises ConfigError when malformed."""
        unknown = set(data) - _KEYS
        if unknown:
            raise ConfigError(f"bad boilerplate rules: unknown keys {sorted(unknown)}", code="SIG-E401")
        try:
            macros: dict[str, str] = {}
            for name, frag in (data.get("macros") or {}).items():
                macros[name] = _expand(str(frag), macros)
            patterns = []
            for item in data.get("patterns") or []:
                if isinstance(item, str):
                    item = {"regex": item}
                if set(item) - _PATTERN_KEYS:
                    raise ValueError(f"unknown pattern keys {sorted(set(item) - _PATTERN_KEYS)}")
                flags = 0 if item.get("case") else re.IGNORECASE
                max_words = int(item.get("max_words", _DEFAULT_MAX_WORDS))
                patterns.append(
                    _Pattern(re.compile(_expand(item["regex"], macros), flags), max_words, 12 * max_words + 80)
                )
            tail_patterns = tuple(
                re.compile(_expand(p, macros), re.IGNORECASE) for p in data.get("tail_patterns") or []
            )
            return cls(
                exact=frozenset(line_key(x) for x in data.get("exact") or []),
                patterns=tuple(patterns),
                tail_markers=frozenset(line_key(x) for x in data.get("tail_markers") or []),
                tail_patterns=tail_patterns,
                section_markers=frozenset(line_key(x) for x in data.get("section_markers") or []),
                min_body_chars=int(data.get("min_body_chars", 200)),
                lead_max_words=int(data.get("lead_max_words", 2)),
                trail_max_words=int(data.get("trail_max_words", 2)),
                drop_duplicates=bool(data.get("drop_duplicates", True)),
            )
        except (re.error, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"bad boilerplate rules: {exc}", code="SIG-E401") from exc

    @classmethod
    def from_file(cls, path: str | Path) -> "BoilerplateRules":
        """Load and compile a YAML rules file."""
        try:
            data = load_yaml(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read boilerplate rules {path}: {exc}", code="SIG-E401") from exc
        return cls.from_dict(data or {})

    def is_boilerplate(self, line: str) -> bool:
        """True when a single (stripped, non-empty) line is page furniture."""
        key = line_key(line)
        if not key:
            return True  # only bullets / separators
        if key in self.exact or key in self.tail_markers or key in self.section_markers:
            return True
        core = line.strip(_BULLETS)
        words = len(core.split())
        for p in self.patterns:
            if words <= p.max_words and len(core) <= p.max_chars and p.regex.fullmatch(core):
                return True
        return False

    def _is_tail_marker(self, line: str) -> bool:
        key = line_key(line)
        if key in self.tail_markers:
            return True
        core = line.strip(_BULLETS)
        return len(core.split()) <= 30 and any(p.fullmatch(core) for p in self.tail_patterns)

    def _is_section_marker(self, line: str) -> bool:
        """A link-box heading: a marker, or a short line starting with one ("More From Author")."""
        key = line_key(line)
        if key in self.section_markers:
            return True
        words = key.split()
        if len(words) > 7:
            return False
        return any(" ".join(words[:k]) in self.section_markers for k in range(2, len(words)))

    def classify(self, lines: Sequence[str]) -> list[bool]:
        """For each line, True to keep it.  Blank lines are kept (paragraph breaks).

        Line rules first (exact lines, patterns, tail and section markers), then
        the zones around the prose: before the first body-like paragraph, lines
        of at most ``lead_max_words`` words (section labels, nav items, bare
        city names) go, and so do lines of at most ``trail_max_words`` words
        after the last one (tags, commenter names); repeated lines go.  The zone rules apply
        only when the text has a body-like paragraph at all.
        """
        keep = [True] * len(lines)
        body_chars = 0
        seen_body = False
        i = 0
        n = len(lines)
        while i < n:
            line = lines[i]
            if not line:
                i += 1
                continue
            if body_chars >= self.min_body_chars and self._is_tail_marker(line):
                for j in range(i, n):
                    keep[j] = False
                break
            if self._is_section_marker(line):
                keep[i] = False
                if not seen_body:
                    i += 1  # above the article: only the marker goes, the headline after it may be the title
                    continue
                j = i + 1
                while j < n and (not lines[j] or not looks_like_body(lines[j])):
                    if lines[j]:
                        keep[j] = False
                    j += 1
                i = j
                continue
            if self.is_boilerplate(line):
                keep[i] = False
            else:
                body_chars += len(line)
                seen_body = seen_body or looks_like_body(line)
            i += 1
        if self.drop_duplicates:
            seen: set[str] = set()
            for i, line in enumerate(lines):
                if line and keep[i]:
                    if line in seen:
                        keep[i] = False
                    seen.add(line)
        self._zones(lines, keep)
        return keep

    def _zones(self, lines: Sequence[str], keep: list[bool]) -> None:
        body = [i for i, line in enumerate(lines) if line and keep[i] and looks_like_body(line)]
        if not body:
            return
        first, last = body[0], body[-1]
        for i in range(first):
            if lines[i] and keep[i] and len(lines[i].split()) <= self.lead_max_words \
                    and not _SENTENCE_END.search(lines[i]):
                keep[i] = False
        for i in range(last + 1, len(lines)):
            if lines[i] and keep[i] and len(lines[i].split()) <= self.trail_max_words \
                    and not _SENTENCE_END.search(lines[i]):
                keep[i] = False


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for name, frag in macros.items():
        pattern = pattern.replace("{{" + name + "}}", frag)
    if "{{" in pattern:
        raise ValueError(f"unknown macro in {pattern[:60]!r}")
    return pattern


@functools.lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> BoilerplateRules:
    """The rules from ``path``, or the bundled ``data/boilerplate.yaml``; compiled once per process."""
    if path is None:
        ref = resources.files("sigact.clean").joinpath("data/boilerplate.yaml")
        with resources.as_file(ref) as p:
            return BoilerplateRules.from_file(p)
    return BoilerplateRules.from_file(path)
