"""The sentence-embedding classifier blended with the TF-IDF one (sigact.extract.embed_classifier)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from sigact.errors import ConfigError
from sigact.extract.classifier import EventClassifier
from sigact.extract.embed_classifier import EmbedEnsemble, EmbedLogReg
from sigact.extract.lexicon import load_lexicon

RIOT = "A mob of angry youths burned tyres, smashed shop windows and threw stones at police in the market."
PROTEST = "Several hundred nurses marched peacefully to the health ministry to demand unpaid salaries."
BATTLE = "Government troops clashed with rebel fighters near the border town; both sides exchanged fire for hours."


@pytest.fixture(scope="module")
def ens() -> EmbedEnsemble:
    e = EmbedEnsemble.default()
    assert e is not None, "packaged embedding classifier artifact missing"
    return e


def test_artifact_shape():
    m = EmbedLogReg.load()
    assert m.coef.shape == (len(m.labels), 384)
    assert m.intercept.shape == (len(m.labels),)
    assert set(m.labels) <= set(load_lexicon().taxonomy)
    assert 0.0 < m.meta["blend_weight"] < 1.0
    assert sum(m.meta["label_counts"].values()) == m.meta["n_records"]


def test_json_round_trip(tmp_path):
    m = EmbedLogReg.load()
    path = tmp_path / "e.json"
    m.save(path)
    again = EmbedLogReg.load(path)
    assert again.labels == m.labels
    assert np.allclose(again.coef, m.coef, atol=1e-5)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "nope"}), encoding="utf-8")
    with pytest.raises(ConfigError):
        EmbedLogReg.load(bad)
    with pytest.raises(ConfigError):
        EmbedLogReg.load(tmp_path / "missing.json")


def test_ensemble_probabilities_and_codes(ens):
    p = ens.predict_proba([RIOT, PROTEST, BATTLE])
    assert p.shape == (3, len(ens.labels))
    assert np.allclose(p.sum(axis=1), 1.0)
    assert (p >= 0).all()
    lex = load_lexicon()
    types = [lex.event_type_of(ens.labels[i]) for i in p.argmax(axis=1)]
    assert types == ["Riots", "Protests", "Battles"]
    assert ens.labels[int(p[1].argmax())] == "Peaceful protest"
    assert ens.labels[int(p[2].argmax())] == "Armed clash"
    one = ens.proba(PROTEST)
    assert abs(sum(one.values()) - 1.0) < 1e-9
    assert one == ens.proba(PROTEST)  # cached copy, same numbers
    assert np.allclose([one[k] for k in ens.labels], p[1])
    assert ens.meta["label_counts"] == ens.tfidf.meta["label_counts"]


def test_blend_is_the_weighted_mean(ens):
    tf = ens.tfidf.predict_proba([BATTLE])[0]
    em = ens.embed.predict_proba([BATTLE])[0]
    cols = [ens.labels.index(k) for k in ens.embed.labels]
    want = (1 - ens.weight) * tf
    want[cols] += ens.weight * em
    assert np.allclose(ens.predict_proba([BATTLE])[0], want)
    tf_only = EmbedEnsemble(ens.tfidf, ens.embed, 0.0)
    assert np.allclose(tf_only.predict_proba([BATTLE])[0], tf)


def test_bad_weight_and_labels():
    tf = EventClassifier.default()
    m = EmbedLogReg.load()
    with pytest.raises(ConfigError):
        EmbedEnsemble(tf, m, 1.5)
    odd = EmbedLogReg(["Not a sub-event type"], np.zeros((1, 384)), np.zeros(1), {})
    with pytest.raises(ConfigError):
        EmbedEnsemble(tf, odd, 0.5)


def test_extractor_uses_ensemble_when_asked(monkeypatch):
    from sigact.extract import EventExtractor, ExtractorSettings

    on = EventExtractor(actors=None, settings=ExtractorSettings(use_embeddings=True))
    assert isinstance(on.classifier, EmbedEnsemble)
    off = EventExtractor(actors=None, settings=ExtractorSettings(use_embeddings=False))
    assert isinstance(off.classifier, EventClassifier) and not isinstance(off.classifier, EmbedEnsemble)
    # off by default (speed); the environment switch turns it on for a whole run
    monkeypatch.delenv("SIGACT_EMBED_CLASSIFIER", raising=False)
    assert ExtractorSettings().use_embeddings is False
    monkeypatch.setenv("SIGACT_EMBED_CLASSIFIER", "1")
    assert ExtractorSettings().use_embeddings is True


def test_loads_and_predicts_without_sklearn():
    code = ("import sys; from sigact.extract.embed_classifier import EmbedEnsemble; "
            "e = EmbedEnsemble.default(); p = e.predict_proba(['Police fired tear gas at rioters.']); "
            "assert abs(p.sum() - 1) < 1e-9; "
            "print(sorted(m for m in sys.modules if m == 'sklearn' or m.startswith('sklearn.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_falls_back_to_tfidf_when_embedder_is_missing():
    class Broken:
        def encode(self, texts):
            raise ConfigError("no embedder here")

    tf = EventClassifier.default()
    m = EmbedLogReg.load()
    e = EmbedEnsemble(tf, EmbedLogReg(m.labels, m.coef, m.intercept, m.meta, embedder=Broken()), 0.5)
    p = e.predict_proba([BATTLE])
    assert np.allclose(p, tf.predict_proba([BATTLE]))
    assert e.weight == 0.0
