"""Country evidence that is not a toponym: nationality words ("Lebanese"), armed groups and other
names of ``data/country_hints.yaml`` ("Houthis" -> Yemen, with an optional point prior), and the
outlet of a source line ("Nigerian Tribune, 2019-01-02: ...").  Each piece of evidence is a hint
``(start, end, iso3, "demonym"|"group")``; the resolver weighs them against the places named.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from sigact.geo.build import skeleton_key
from sigact.geo.countries import demonym_to_iso3
from sigact.geo.detect import lookup
from sigact.geo.gazetteer import Gazetteer, ascii_name
from sigact.geo.lexicon import HINT_SUFFIX, SOURCE_LINE, WORLD_OUTLETS
from sigact.geo.lexicon import capitals as _capitals
from sigact.scale import fastpath
from sigact.scale.blanks import substring_probe
from sigact.resources import load_yaml

Hint = tuple[int, int, str, str]


@lru_cache(maxsize=1)
def group_words() -> frozenset[str]:
    """Casefolded names and consonant skeletons of the armed groups and organisations of
    ``data/country_hints.yaml`` that are no place themselves ("Hamas", "Houthis", "al-Shabaab")."""
    out: set[str] = set()
    for _pat, _iso, point, word in country_hints():
        if point is not None or not re.search(r"[a-z]", word):  # regions ("Karabakh"), acronyms ("NAF")
            continue
        out.add(ascii_name(word).casefold())
        sk = skeleton_key(word)
        if sk and len(word) >= 5:
            out.add(sk)
    return frozenset(out)


@lru_cache(maxsize=20_000)
def is_group_name(text: str) -> bool:
    """True when ``text`` ("Hamas", "Houthis", "Hammas") is an armed group's name or a near spelling of it."""
    t = ascii_name(text.strip()).casefold()
    t = re.sub(r"(?:'s|’s)$", "", t)
    words = group_words()
    if t in words or (t.endswith("s") and t[:-1] in words):
        return True
    sk = skeleton_key(text) if len(t) >= 5 else None
    return bool(sk) and sk in words


class LazyPattern:
    """A regex compiled on its first ``finditer`` (a process meets few of the hint words, and
    compiling all of them costs a noticeable part of the start-up)."""

    __slots__ = ("source", "_pat")

    def __init__(self, source: str):
        self.source = source
        self._pat: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Returns ``re.compile(source).finditer(text)``."""
        if self._pat is None:
            self._pat = re.compile(self.source)
        return self._pat.finditer(text)


@lru_cache(maxsize=1)
def country_hints() -> tuple[tuple[LazyPattern, str, tuple[float, float] | None, str], ...]:
    """(pattern, ISO3, optional (lat, lon) prior, the literal word) for each entry of ``data/country_hints.yaml``.

    The pattern matches only where the (case-sensitive) word occurs, so callers test ``word in text``
    first: most patterns are then never run (their leading look-behinds make a scan slow)."""

    data = load_yaml(resources.files("sigact.geo").joinpath("data/country_hints.yaml").read_text("utf-8"))
    out = []
    for word, val in sorted((data or {}).items(), key=lambda kv: -len(kv[0])):
        # "Boko Haram: [NGA, CMR, NER, TCD]": one entry per country, the usual one first (see analyze)
        isos, point = ([val] if isinstance(val, str) else list(val), None) if not isinstance(val, dict) else (
            [val["country"]], (val["lat"], val["lon"]))
        pat = LazyPattern(r"(?:(?<![\w-])|(?<=\bpro-)|(?<=\banti-))" + re.escape(word) + r"s?(?![\w])(?!-(?!" +
                           HINT_SUFFIX + r"\b))")
        for iso3 in isos:
            out.append((pat, iso3, point, word))
    return tuple(out)


def text_hints(doc: Any, taken: list[bool],
               norp_taken: list[tuple[int, int]]) -> tuple[list[Hint], list[tuple[float, float]]]:
    """Demonym and group hints of ``doc`` (``taken``: the characters claimed by toponyms; ``norp_taken``:
    nationality entities).  Returns (hints, the (lat, lon) priors of the hint words that carry one)."""
    text = doc.text
    toks = list(doc)
    hints: list[tuple[int, int, str, str]] = []
    for a, b in norp_taken:
        hints.append((a, b, demonym_to_iso3(text[a:b]) or "", "demonym"))
    for t1, t2 in zip(toks, toks[1:]):
        if t1.is_title and t2.is_title and (t1.idx, t2.idx + len(t2.text)) not in norp_taken:
            iso = demonym_to_iso3(f"{t1.text} {t2.text}")
            if iso:
                hints.append((t1.idx, t2.idx + len(t2.text), iso, "demonym"))
    norp_chars = {k for a, b in norp_taken for k in range(a, b)}
    for tok in toks:
        if tok.idx in norp_chars:
            continue
        if tok.is_title or tok.is_upper:
            iso = demonym_to_iso3(tok.text)
            if iso and not taken[tok.idx] and tok.text not in ("US", "U.S."):
                hints.append((tok.idx, tok.idx + len(tok.text), iso, "demonym"))
    # "near the Sudanese border": the neighbour, not where it happens
    hints = [h for h in hints if not (h[3] == "demonym" and re.match(r"\s+borders?\b", text[h[1]:h[1] + 10]))]
    priors: list[tuple[float, float]] = []
    fast = fastpath.enabled()
    probe = substring_probe(text) if fast else text  # without the blanked runs of spaces: the same words, shorter
    for pat, iso, point, word in country_hints():
        if fast and word not in probe:  # the pattern needs the literal word: skip its slow scan
            continue
        for m in pat.finditer(text):
            hints.append((m.start(), m.end(), iso, "group"))
            if point is not None:
                priors.append(point)
    return hints, priors


def outlet_hints(gaz: Gazetteer, text: str, hints: list[Hint]) -> list[Hint]:
    """Country evidence in the outlet of a source line ("The Nation (Pakistan), 2014-05-05: ...",
    "Kabul Times, 2019-01-02: ...", "Nigerian Tribune, ..."): a country name, a demonym or a
    national capital in it, as ``demonym`` hints (weak evidence, never a location)."""
    out: list[tuple[int, int, str, str]] = []
    have = {(a, b) for a, b, _, _ in hints}
    capitals = {name: iso for iso, name in _capitals()}
    for m in SOURCE_LINE.finditer(text):
        if WORLD_OUTLETS.search(m.group(1)):
            continue
        for w in re.finditer(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?", m.group(1)):
            for a, b in ((w.start(), w.end()), (w.start(), w.start() + len(w.group(0).split()[0]))):
                word = m.group(1)[a:b].strip(" .")
                a, b = a + m.start(1), a + m.start(1) + len(word)
                if (a, b) in have or len(word) < 3:
                    continue
                iso = demonym_to_iso3(word) or capitals.get(ascii_name(word).casefold()) or next(
                    (c.country for c in lookup(gaz, word) if c.kind == "country" and c.quality == 0), None)
                if iso:
                    out.append((a, b, iso, "demonym"))
                    have.add((a, b))
                    break
    return out
