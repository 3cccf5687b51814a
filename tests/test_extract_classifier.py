"""The packaged TF-IDF classifier artifact and the lexicon data it works with."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sigact.extract.classifier import EventClassifier, prepare_text
from sigact.extract.lexicon import load_lexicon


@pytest.fixture(scope="module")
def clf():
    c = EventClassifier.default()
    assert c is not None, "packaged classifier artifact missing"
    return c


def test_labels_are_taxonomy_sub_event_types(clf):
    lex = load_lexicon()
    assert set(clf.labels) <= set(lex.taxonomy)
    assert len(clf.labels) >= 15


def test_probabilities(clf):
    p = clf.predict_proba(["Hundreds of teachers protested peacefully in front of the ministry over salaries.",
                           "Rebels fired mortar shells at army positions, wounding two soldiers."])
    assert p.shape == (2, len(clf.labels))
    assert np.allclose(p.sum(axis=1), 1.0)
    top = [clf.labels[i] for i in p.argmax(axis=1)]
    assert top[0] == "Peaceful protest"
    assert top[1] == "Shelling/artillery/missile attack"


def test_json_round_trip_is_exact(clf, tmp_path):
    path = tmp_path / "m.json"
    clf.save(path)
    again = EventClassifier.load(path)
    text = "Police arrested ten suspects after the riot."
    assert again.proba(text) == pytest.approx(clf.proba(text), abs=1e-6)
    assert json.loads(path.read_text())["format"] in ("sigact-tfidf-logreg-1", "sigact-tfidf-logreg-2")


def test_prepare_text_strips_lead_date_and_annotations():
    assert prepare_text("On 9 May 2020, workers protested in Khorramshahr. [size=no report]") == \
        "workers protested in khorramshahr."
    assert prepare_text("Clashes left 12 dead") == "clashes left 0 dead"


def test_every_trigger_class_names_known_types():
    lex = load_lexicon()
    for tc in lex.classes.values():
        for c in tc.candidates:
            assert lex.event_type_of(c) is not None
        if tc.special is None:
            assert tc.candidates, tc.name
