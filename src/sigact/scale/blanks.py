"""Regex scans that skip the long runs of spaces the relevance stage leaves in a text.

The relevance stage (:mod:`sigact.scale.relevance`) blanks the sentences it does not send to the
parser: their characters become spaces, so the parsed text keeps every offset of the article.  On
the bench corpus about three quarters of such a text are runs of spaces, and a regex scan tries a
match at every one of those positions.

:func:`finditer` gives exactly the matches of ``pattern.finditer(text)`` but scans a copy of the
text whose long runs of spaces are cut to ``2 * keep`` spaces (``keep`` kept at each end of a run)
and maps every offset back.  That is exact for the patterns :func:`run_invariant` accepts: a
pattern that cannot count spaces beyond ``keep``: every repeat of something that can match a space
is optional or ``\\s*``/``\\s+``-like (one character, at most one required, no upper bound);
lookbehinds are shorter than ``keep``; no back reference to a group that can hold a space.  Such a
pattern behaves the same on a run of 20 spaces and on a run of 2000 *unless it can match in the
middle of a run* (``\\s``, ``' '``, ``.``, ``\\B``, ``(?= )``, ``\\s+?``, ``x?\\s``: one match per space, or
per position, so a cut run gives fewer matches); such patterns are refused by a probe scan of a run
of ``4 * keep`` spaces, and a lookahead that can look across a run (an unbounded repeat of spaces
inside it, as in ``\\s(?=\\s*x)``: whether it matches inside a run depends on what follows the run,
which the probe does not show) is refused too.  Otherwise a match or group boundary inside a run lies within ``keep``
characters of one of its ends.  Any other pattern is scanned on the full text.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any, Iterator

try:  # the regex parser of CPython 3.11+ (private): without it every pattern is scanned in full
    from re import _constants as C  # noqa: N812 - the sre opcodes
    from re import _parser as P  # noqa: N812
except ImportError:  # pragma: no cover
    C = P = None  # type: ignore[assignment]

__all__ = ["BlankMap", "MappedMatch", "blank_map", "finditer", "run_invariant", "substring_probe"]

#: spaces kept at each end of a cut run (a pattern may look at most this far into a run)
KEEP = 8
_SPACE = 32
_SINGLE = () if C is None else (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY)
_SPACE_CATEGORIES = frozenset() if C is None else frozenset({
    C.CATEGORY_SPACE, C.CATEGORY_NOT_DIGIT, C.CATEGORY_NOT_WORD, C.CATEGORY_NOT_LINEBREAK, C.CATEGORY_UNI_SPACE,
    C.CATEGORY_UNI_NOT_DIGIT, C.CATEGORY_UNI_NOT_WORD, C.CATEGORY_UNI_NOT_LINEBREAK, C.CATEGORY_LOC_NOT_WORD})
_NO_SPACE_CATEGORIES = frozenset() if C is None else frozenset({
    C.CATEGORY_DIGIT, C.CATEGORY_NOT_SPACE, C.CATEGORY_WORD, C.CATEGORY_LINEBREAK, C.CATEGORY_UNI_DIGIT,
    C.CATEGORY_UNI_NOT_SPACE, C.CATEGORY_UNI_WORD, C.CATEGORY_UNI_LINEBREAK, C.CATEGORY_LOC_WORD})


class _Reject(Exception):
    """The pattern can count spaces: it must see the full text."""


def _in_has_space(items: list[tuple[Any, Any]]) -> bool:
    """True when the character class ``items`` (sre IN items) holds the space character."""
    negate, hit = False, False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit = hit or av == _SPACE
        elif op is C.RANGE:
            hit = hit or av[0] <= _SPACE <= av[1]
        elif op is C.CATEGORY and av in _SPACE_CATEGORIES:
            hit = True
        elif op is C.CATEGORY and av not in _NO_SPACE_CATEGORIES:
            raise _Reject(f"category {av}")
        elif op is not C.CATEGORY:
            raise _Reject(f"class item {op}")
    return hit != negate


def _item_space(op: Any, av: Any) -> bool:
    """True when the one-character item ``(op, av)`` matches a space."""
    if op is C.LITERAL:
        return av == _SPACE
    if op is C.NOT_LITERAL:
        return av != _SPACE
    if op is C.IN:
        return _in_has_space(av)
    return True  # ANY


class _Checker:
    """Walks a parsed pattern; raises :class:`_Reject` for what could count spaces.  ``bounded``:
    how many one-character items outside ``\\s+``-like repeats may match a space (an upper bound
    on how far into a run a match can reach from one of its ends without such a repeat)."""

    def __init__(self) -> None:
        self.groups: dict[int, bool] = {}
        self.bounded = 0
        self.lookahead = False  # inside a lookahead, which may see past the end of a run
        self.may_start_in_run = True  # set by :func:`_invariant`: a match can start on a space

    def walk(self, p: Any) -> bool:
        """Checks subpattern ``p``; returns True when it can consume a space."""
        space = False
        for op, av in p.data if hasattr(p, "data") else p:
            space |= self.item(op, av)
        return space

    def item(self, op: Any, av: Any) -> bool:
        if op in _SINGLE:
            space = _item_space(op, av)
            self.bounded += space
            return space
        if op is C.AT:
            return False
        if op is C.BRANCH:
            return any([self.walk(b) for b in av[1]])
        if op is C.SUBPATTERN:
            group, _add, _del, sub = av
            space = self.walk(sub)
            if group is not None:
                self.groups[group] = space
            return space
        if op is C.ATOMIC_GROUP:
            return self.walk(av)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            before = self.bounded
            space = self.walk(sub)
            if space and hi > 1:
                one = len(sub.data) == 1 and sub.data[0][0] in _SINGLE
                if hi != C.MAXREPEAT or lo > 1 or not one:
                    raise _Reject("a counted repeat of spaces")
                if self.lookahead:
                    # "\\s(?=\\s*x)": whether a match starts inside a run depends on what follows it
                    raise _Reject("a lookahead across a run of spaces")
                self.bounded = before  # "\\s+": any length, not a count
            return space
        if op in (C.ASSERT, C.ASSERT_NOT):
            direction, sub = av
            if direction < 0 and sub.getwidth()[1] >= KEEP:
                raise _Reject("a long lookbehind")
            outer, self.lookahead = self.lookahead, self.lookahead or (direction > 0 and self.may_start_in_run)
            self.walk(sub)
            self.lookahead = outer
            return False
        if op is C.GROUPREF:
            if self.groups.get(av, True):
                raise _Reject("a back reference that may hold spaces")
            return False
        raise _Reject(f"opcode {op}")


def _starts_on_space(p: Any) -> bool:
    """True when subpattern ``p`` can start a match on a space, or with nothing consumed at all
    (conservative: an item it does not know counts as one that can)."""
    for op, av in p.data if hasattr(p, "data") else p:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width: the next item decides
        if op in _SINGLE:
            return _item_space(op, av)
        if op is C.BRANCH:
            return any(_starts_on_space(b) for b in av[1])
        if op in (C.SUBPATTERN, C.ATOMIC_GROUP, C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            sub = av[-1]
            if _starts_on_space(sub):
                return True
            if (op in (C.SUBPATTERN, C.ATOMIC_GROUP) and sub.getwidth()[0] > 0) or (
                    op not in (C.SUBPATTERN, C.ATOMIC_GROUP) and av[0] > 0 and sub.getwidth()[0] > 0):
                return False
            continue
        return True
    return True


@lru_cache(maxsize=256)
def _invariant(pattern: str, flags: int) -> bool:
    if P is None:
        return False
    try:
        checker = _Checker()
        parsed = P.parse(pattern, flags)
        # a match that cannot start on a space never starts inside a run, whatever its lookaheads see
        checker.may_start_in_run = _starts_on_space(parsed)
        checker.walk(parsed)
    except (_Reject, re.error, TypeError, ValueError, AttributeError):
        return False
    if checker.bounded >= KEEP:
        return False
    # a pattern that can match in the middle of a run (one match per space or per position) sees
    # fewer matches on a cut run: refuse it
    probe = " " * (4 * KEEP)
    return not any(KEEP < m.start() < 3 * KEEP for m in re.compile(pattern, flags).finditer(probe))


def run_invariant(pattern: re.Pattern[str]) -> bool:
    """True when ``pattern`` matches the same way (offsets mapped) on a text whose runs of more
    than ``2 * KEEP`` spaces are cut to ``2 * KEEP`` (see the module docstring)."""
    return _invariant(pattern.pattern, pattern.flags)


class BlankMap:
    """A text with its long runs of spaces cut (``short``) and the map of ``short``'s offsets back
    into ``text``."""

    __slots__ = ("text", "short", "_cuts", "_shift")

    def __init__(self, text: str, short: str, cuts: list[int], shift: list[int]):
        self.text = text
        self.short = short
        self._cuts = cuts    # offsets in ``short`` where a cut run's second half starts
        self._shift = shift  # characters removed before each of them (cumulative)

    def orig(self, pos: int) -> int:
        """The offset in ``text`` of offset ``pos`` of ``short``."""
        i = bisect.bisect_right(self._cuts, pos)
        return pos + (self._shift[i - 1] if i else 0)


_LONG_RUN = re.compile(" {%d,}" % (2 * KEEP + 1))


def blank_map(text: str) -> BlankMap | None:
    """The :class:`BlankMap` of ``text``, or None when it has no run of more than ``2 * KEEP`` spaces."""
    parts: list[str] = []
    cuts: list[int] = []
    shift: list[int] = []
    pos, removed, short_len = 0, 0, 0
    for m in _LONG_RUN.finditer(text):
        a, b = m.span()
        parts.append(text[pos:a + KEEP])
        short_len += a + KEEP - pos
        removed += (b - a) - 2 * KEEP
        cuts.append(short_len)
        shift.append(removed)
        pos = b - KEEP
    if not cuts:
        return None
    parts.append(text[pos:])
    return BlankMap(text, "".join(parts), cuts, shift)


class MappedMatch:
    """A match found in ``BlankMap.short`` with the offsets and group texts of ``BlankMap.text``
    (``start``, ``end``, ``span``, ``group``, ``groups``, ``groupdict``, ``string``, ``re``,
    ``lastindex``, ``lastgroup``, as on :class:`re.Match`)."""

    __slots__ = ("_m", "_bm")

    def __init__(self, m: re.Match[str], bm: BlankMap):
        self._m = m
        self._bm = bm

    @property
    def re(self) -> re.Pattern[str]:
        return self._m.re

    def start(self, group: int | str = 0) -> int:
        s = self._m.start(group)
        return s if s < 0 else self._bm.orig(s)

    def end(self, group: int | str = 0) -> int:
        e = self._m.end(group)
        return e if e < 0 else self._bm.orig(e)

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self.start(group), self.end(group)

    def _text(self, group: int | str) -> str | None:
        s = self._m.start(group)
        if s < 0:
            return None
        return self._bm.text[self._bm.orig(s):self._bm.orig(self._m.end(group))]

    def group(self, *groups: int | str) -> Any:
        if len(groups) <= 1:
            return self._text(groups[0] if groups else 0)
        return tuple(self._text(g) for g in groups)

    def __getitem__(self, group: int | str) -> str | None:
        return self._text(group)

    @property
    def string(self) -> str:
        return self._bm.text

    @property
    def lastindex(self) -> int | None:
        return self._m.lastindex

    @property
    def lastgroup(self) -> str | None:
        return self._m.lastgroup

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        return tuple(v if (v := self._text(g)) is not None else default for g in range(1, self._m.re.groups + 1))

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        return {k: (v if (v := self._text(k)) is not None else default) for k in self._m.re.groupindex}


def finditer(pattern: re.Pattern[str], text: str, bm: BlankMap | None) -> Iterator[Any]:
    """The matches of ``pattern.finditer(text)``: scanned on ``bm.short`` (:class:`MappedMatch`
    objects) when ``bm`` is the :func:`blank_map` of ``text`` and the pattern is
    :func:`run_invariant`, else on ``text`` itself."""
    if bm is None or not run_invariant(pattern):
        yield from pattern.finditer(text)
        return
    for m in pattern.finditer(bm.short):
        yield MappedMatch(m, bm)


def substring_probe(text: str) -> str:
    """Returns ``text`` with its runs of more than ``2 * KEEP`` spaces cut to ``2 * KEEP`` (``text``
    itself when it has none): ``word in substring_probe(text) == (word in text)`` for every ``word``
    without a run of more than ``KEEP`` spaces, and the shorter text is faster to search."""
    bm = blank_map(text)
    return text if bm is None else bm.short
