"""Whole-word alternations (``sigact.extract.lexicon.words_regex``) and the word lists moved out of
Python literals into YAML: the patterns built from the data must be byte-identical to the literals
they replace, so the rules behave exactly as before.  Texts written for these tests."""

from __future__ import annotations

import re

from sigact.extract.crowds import _words_rx
from sigact.extract.lexicon import HYPHEN_END, alternation, load_yaml, words_regex
from sigact.extract.means import _bounded


def _old_crowds(words: object, verb: bool = False) -> str:
    """The pattern crowds._words_rx built before words_regex existed."""
    items = sorted({str(w).lower() for w in (words or []) if w}, key=len, reverse=True)  # type: ignore[union-attr]
    tail = r"(?:s|es|ed|ing)?\b" if verb else r"(?:s|es)?\b"
    return r"(?<![\w-])(?:" + alternation(items) + ")" + tail


def _old_means(words: object) -> str:
    """The pattern means._bounded built before words_regex existed."""
    items = sorted({str(w).lower() for w in words or () if w}, key=len, reverse=True)  # type: ignore[union-attr]
    return r"(?<![\w-])(?:" + alternation(items) + r")(?:s|es)?(?![\w-])"


def test_crowds_patterns_are_unchanged() -> None:
    data = load_yaml("crowds.yaml")
    lists = [k for k, v in data.items() if isinstance(v, list) and v]
    assert "communal_sides" in lists and "death_words" in lists
    for key in lists:
        for verb in (False, True):
            rx = _words_rx(data[key], verb=verb)
            assert rx is not None and rx.pattern == _old_crowds(data[key], verb)
            assert rx.flags & re.IGNORECASE


def test_means_patterns_are_unchanged() -> None:
    data = load_yaml("triggers.yaml")
    mt = data["means_targets"]
    lists = [mt["armed_persons"], mt["gunfire"]] + [v["words"] for k, v in data["weapons"].items()
                                                    if not str(k).startswith("_") and (v or {}).get("words")]
    for words in lists:
        rx = _bounded(words)
        assert rx is not None and rx.pattern == _old_means(words)


def test_words_regex_matches_whole_words_longest_first() -> None:
    rx = words_regex(["mine", "land mine", "Mine"])
    assert rx is not None
    assert rx.pattern.startswith(r"(?<![\w-])(?:land mine|mine)")
    assert rx.search("a LAND MINES field").group(0) == "LAND MINES"
    assert not rx.search("two miners") and not rx.search("pre-mine")
    assert rx.search("mine-clearing")  # \b after the word; HYPHEN_END refuses it
    strict = words_regex(["mine"], tail=HYPHEN_END)
    assert strict is not None and not strict.search("mine-clearing") and strict.search("the mines.")
    verbs = words_regex(["kill"], suffixes=("s", "es", "ed", "ing"))
    assert verbs is not None and verbs.search("killing") and not verbs.search("killer")
    assert words_regex([]) is None and words_regex(None) is None and words_regex(["", None]) is None
