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


def test_means_word_lists_from_yaml_build_the_old_patterns() -> None:
    from sigact.extract.means import means

    data = load_yaml("triggers.yaml")
    mt = data["means_targets"]
    m = means()
    assert m.weapon_word_rx.pattern == r"(?i)(?:guns?|armed)(?![\w-])"
    assert m.at_home_rx is not None and m.at_home_rx.pattern == (
        r"(?i)\b(?:at|in|inside|outside|in front of)\s+(?:his|her|their)\s+(?:own\s+)?(?:"
        + alternation(mt.get("home_words")) + r")s?\b")
    filler = r"(?:(?:a|an|the|one|two|three|four|five|\d+|other|another|of|their|his|her|local|senior)\s+){0,3}"
    person_alt = alternation(sorted({str(w).lower() for w in mt["armed_persons"]}, key=len, reverse=True))
    assert m.among_after_rx is not None and m.among_after_rx.pattern == (
        r"(?i)[\s,]*(?:(?:were|was|are|dead|killed|injured|wounded|hurt)[\s,]+){0,2}(?:"
        + alternation(mt.get("among_connectors")) + r")\s+" + filler + r"(?:[a-z-]+\s+)?(?:" + person_alt
        + r")(?:s|es)?(?![\w-])")
    assert m.among_before_rx is not None and m.among_before_rx.pattern == (
        r"(?i)(?<![\w-])(?:" + person_alt + r")(?:s|es)?\s*(?:,|\band\b|\bas well as\b)\s*" + filler + r"$")
    # behaviour: "guns" is a weapon word, "gunmen" is not; "at his own farm" is at home
    assert m.weapon_word_at("fired guns at them", 6) and not m.weapon_word_at("gunmen fired", 0)
    assert m.at_home_rx.search("shot a soldier in front of his own farm")


def test_unsure_duty_pattern_is_unchanged() -> None:
    from sigact.extract.coding import Coder
    from sigact.extract.lexicon import load_lexicon

    coder = Coder(load_lexicon())
    assert coder._unsure_duty_rx is not None
    assert coder._unsure_duty_rx.pattern == r"(?i)\b(?:if|whether)\s+(?:\w+\s+){0,3}?off[\s-]duty"


def test_property_word_lists_from_yaml_build_the_old_patterns() -> None:
    from sigact.extract.property import property_rules

    data = load_yaml("property.yaml")
    rules = property_rules()
    assert rules.harmless_shots.pattern == (
        r"(?i)\b(?:fir(?:e|ed|es|ing)|shoot(?:s|ing)?|shots?|gunshots?|gunfire)\b[^.;]{0,40}?(?:"
        + alternation(data.get("harmless_shots")) + r")")
    assert rules.attack_on.pattern == (
        r"(?i)(?<![\w-])(?:" + alternation(data.get("attack_verbs")) + r")\b(?!\s+and\b)"
        r"(?!(?:\s+(?!(?:and|or|then|before|after|to|in|at|near)\b)[\w'-]+){0,4}?\s+(?:"
        + alternation(data.get("property_objects") or []) + r")\b)")
    assert rules.harmless_shots.search("police fired shots into the air")
    assert rules.attack_on.search("gunmen attacked residents and burned houses")
