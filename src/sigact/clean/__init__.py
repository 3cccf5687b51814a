"""Text cleaning: conservative normalisation and removal of site boilerplate.

:func:`clean_text` is applied by every reader in :mod:`sigact.ingest` (after
trafilatura for HTML).  The text it returns is what gets stored and what every
evidence offset refers to.  It works on whole lines only: a line is either kept
verbatim (after whitespace normalisation) or dropped, so article sentences are
never cut.  The rules live in ``data/boilerplate.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sigact.clean.normalise import normalise_whitespace
from sigact.clean.rules import BoilerplateRules, load_rules

__all__ = ["CleanResult", "clean_text", "normalise_whitespace", "BoilerplateRules", "load_rules"]


@dataclass(frozen=True)
class CleanResult:
    """Cleaned ``text`` plus the ``dropped`` lines (in order), for reports and tests."""

    text: str
    dropped: list[str] = field(default_factory=list)


def clean_text(text: str, *, rules: BoilerplateRules | None = None) -> CleanResult:
    """Normalise ``text`` and drop boilerplate lines.

    Returns a :class:`CleanResult` whose ``text`` keeps the article's paragraph
    structure (paragraphs separated by one blank line, single newlines inside a
    paragraph kept) and whose ``dropped`` lists the removed lines.
    """
    rules = rules or load_rules()
    lines = normalise_whitespace(text).split("\n")
    keep = rules.classify(lines)
    kept: list[str] = []
    dropped: list[str] = []
    for line, ok in zip(lines, keep):
        if ok:
            kept.append(line)
        elif line:
            dropped.append(line)
    out: list[str] = []
    for line in kept:
        if not line and (not out or not out[-1]):
            continue  # collapse blank runs left by dropped lines
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return CleanResult(text="\n".join(out), dropped=dropped)
