"""The relevance stage: send only sentences that can carry an event to the parser.

A cheap regex sentence splitter and one compiled stem lexicon (``data/relevance.yaml``) pick the
relevant sentences; the lead and the sentence after each relevant one are kept as context.
Everything else is *blanked*: replaced by spaces (newlines kept), so the text handed to spaCy has
exactly the article's length and every character offset — evidence, places, dates — still points
into the stored article text.  Blank runs cost the parser next to nothing.  An article with no
relevant sentence is not parsed at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable

import yaml

from sigact.scale import fastpath

__all__ = ["RelevanceFilter", "split_sentences", "headline_violence_words"]

_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text`` (regex, no model): ends at ., !, ? before a
    capital or digit, and at line breaks."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@dataclass
class Selection:
    """Which sentences of a text were kept, and the blanked text for the parser."""

    text: str
    kept: list[tuple[int, int]]
    total: int

    @property
    def relevant(self) -> bool:
        return bool(self.kept)


class RelevanceFilter:
    def __init__(self, stems: list[str], lowercase_only: list[str] | tuple[str, ...] = (), *, lead: int = 2,
                 after: int = 1, min_chars: int = 0):
        def one(w: str) -> str:
            whole = w.endswith("$")
            pat = re.escape(w.rstrip("$")).replace(r"\ ", r"\s+")
            return pat + r"\b" if whole else pat

        def alt(words: list[str]) -> str:
            return "|".join(sorted((one(w) for w in words), key=len, reverse=True))

        ci = [s for s in stems if s not in set(lowercase_only)]
        parts = [f"(?i:\\b(?:{alt(ci)}))"] if ci else []
        if lowercase_only:
            parts.append(f"\\b(?:{alt(list(lowercase_only))})")
        self.pattern = re.compile("|".join(parts)) if parts else re.compile(r"(?!x)x")
        # the same words as a prefix tree: one alternative per letter instead of one per stem, so
        # a sentence is tested several times faster; it matches where ``pattern`` matches
        fast = [f"(?i:\\b{_trie(ci)})"] if ci else []
        if lowercase_only:
            fast.append(f"\\b{_trie(list(lowercase_only))}")
        self._fast = re.compile("|".join(fast)) if fast else self.pattern
        self.lead = lead
        self.after = after
        self.min_chars = min_chars

    @classmethod
    def default(cls) -> "RelevanceFilter":
        """The filter of ``data/relevance.yaml``: its ``stems`` and every ``violence`` word of the
        headline lists (``sigact/extract/data/headlines.yaml``) except its ``headline_exclude``."""
        raw = yaml.safe_load(resources.files("sigact.scale").joinpath("data/relevance.yaml").read_text("utf-8"))
        stems = list(raw["stems"])
        stems += [w for w in headline_violence_words(raw.get("headline_exclude") or ()) if w not in stems]
        return cls(stems, raw.get("lowercase_only") or (), lead=int(raw.get("lead", 2)),
                   after=int(raw.get("after", 1)), min_chars=int(raw.get("min_chars", 0)))

    def _test(self) -> re.Pattern[str]:
        return self._fast if fastpath.enabled() else self.pattern

    def is_relevant(self, sentence: str) -> bool:
        return self._test().search(sentence) is not None

    def select(self, text: str) -> Selection:
        """Keep relevant sentences (+ lead and context); blank the rest, offsets unchanged."""
        spans = split_sentences(text)
        if len(text) < self.min_chars:
            return Selection(text=text, kept=spans, total=len(spans))
        test = self._test()
        hits = [i for i, (a, b) in enumerate(spans) if test.search(text, a, b)]
        if not hits:
            return Selection(text=_blank(text, []), kept=[], total=len(spans))
        keep = set(range(min(self.lead, len(spans))))
        for i in hits:
            keep.update(range(i, min(len(spans), i + self.after + 1)))
        kept = [spans[i] for i in sorted(keep)]
        return Selection(text=_blank(text, kept), kept=kept, total=len(spans))


def headline_violence_words(exclude: Iterable[str] = ()) -> list[str]:
    """Returns the ``violence`` words of ``sigact/extract/data/headlines.yaml`` (the stems that say a
    UCDP headline reports lethal or armed violence; the headline lists of :mod:`sigact.extract.headlines`
    get an event from them; :func:`sigact.extract.headlines.violence_words`), in file order, less the
    words of ``exclude``.  Raises :class:`~sigact.errors.ConfigError` when the file cannot be read or
    has no such list."""
    from sigact.extract.headlines import violence_words  # imported on use: the relevance stage stays light

    words = violence_words()
    skip = {str(w) for w in exclude}
    return [w for w in words if w not in skip]


def _trie(words: list[str]) -> str:
    """A regex matching exactly the strings ``one(w)`` of the constructor matches (a stem, its
    spaces as ``\\s+``, a trailing ``$`` as ``\\b``), written as a prefix tree."""
    root: dict[str, dict] = {}
    for w in words:
        whole = w.endswith("$")
        units = [r"\s+" if c == " " else re.escape(c) for c in w.rstrip("$")] + ([r"\b"] if whole else [])
        node = root
        for u in units:
            node = node.setdefault(u, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [u + emit(child) for u, child in node.items() if u]
        if not alts:
            return ""
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "(?:" + emit(root) + ")"


_NOT_NL = re.compile(r"[^\n]")


def _blank(text: str, kept: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in kept:
        out.append(_NOT_NL.sub(" ", text[pos:a]))
        out.append(text[a:b])
        pos = b
    out.append(_NOT_NL.sub(" ", text[pos:]))
    return "".join(out)
