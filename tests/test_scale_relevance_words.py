"""The relevance stems include the headline lists' violence words (one source: extract/data/headlines.yaml),
less relevance.yaml's explicit ``headline_exclude``.  Sentences written for these tests."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from sigact.scale.relevance import RelevanceFilter, headline_violence_words


def _relevance_yaml() -> dict:
    return yaml.safe_load(resources.files("sigact.scale").joinpath("data/relevance.yaml").read_text("utf-8"))


def _example(word: str) -> str:
    """A sentence that holds ``word`` (a stem; "$" = whole word) and no other relevance stem."""
    return f"The report mentions {word.rstrip('$')} in passing."


def test_every_headline_violence_word_passes_unless_excluded() -> None:
    cfg = _relevance_yaml()
    f = RelevanceFilter.default()
    lower_only = set(cfg.get("lowercase_only") or ())
    words = headline_violence_words(cfg.get("headline_exclude") or ())
    assert "slain" in words and "emboscada" in words and "war$" not in words
    for w in words:
        assert f.is_relevant(_example(w)), w
        if w not in lower_only:  # case-insensitive, like the headline lists
            assert f.is_relevant(_example(w).upper()), w


def test_the_copied_block_is_gone_from_relevance_yaml() -> None:
    # the violence words live in headlines.yaml only; relevance.yaml lists its own stems and the exclusions
    cfg = _relevance_yaml()
    shared = set(cfg["stems"]) & set(headline_violence_words())
    assert "slain" not in cfg["stems"] and "shaheed" not in cfg["stems"]
    assert len(shared) < 46


@pytest.mark.parametrize("sentence", [
    "The executive board met on Tuesday.",          # execut
    "The war-era bridge reopened to traffic.",       # war$
    "Tue 12 March: markets opened higher.",         # tue$
    "Shell reported higher quarterly profits.",     # "shell" stays lower-case only
])
def test_excluded_and_lowercase_words_do_not_pass(sentence: str) -> None:
    assert not RelevanceFilter.default().is_relevant(sentence)


def test_exclusions_are_headline_words() -> None:
    # an exclusion that is no headline word any more is a stale line
    cfg = _relevance_yaml()
    assert set(cfg["headline_exclude"]) <= set(headline_violence_words())
    assert not set(cfg["headline_exclude"]) & set(headline_violence_words(cfg["headline_exclude"]))
