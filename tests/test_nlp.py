"""sigact.nlp.load_nlp: one model per process, paragraph breaks split sentences."""

from __future__ import annotations

import pytest

from sigact.errors import ConfigError
from sigact.nlp import load_nlp


def test_loaded_once_with_parser():
    nlp = load_nlp()
    assert nlp is load_nlp()
    assert {"parser", "ner", "lemmatizer", "sigact_line_breaks"} <= set(nlp.pipe_names)


def test_headline_is_its_own_sentence():
    doc = load_nlp()("Gunmen kill five in Zamfara village\n\nGunmen killed five villagers on Monday, police said.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Gunmen kill five in Zamfara village"
    assert sents[1].startswith("Gunmen killed five villagers")


def test_missing_model_is_config_error():
    with pytest.raises(ConfigError):
        load_nlp("no_such_model_xyz")
