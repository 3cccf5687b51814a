"""The speed shortcuts (sigact.scale.fastpath) change no event: same events, offsets, evidence."""

from __future__ import annotations

import pytest

from sigact.model import Article
from sigact.scale import fastpath

# Self-written texts: country hints (groups glued to suffixes, pro-/anti- forms), places, dates,
# tolls, several events per article, a blanked (irrelevant) stretch, and one with no event at all.
TEXTS = [
    "Houthi forces fired two missiles at a Saudi-led coalition base near Marib on Tuesday, killing "
    "four soldiers, the Yemeni defence ministry said.\n\nIn other news, the central bank kept its "
    "interest rate unchanged. The football league resumes next week.\n\nPro-Houthi media said the "
    "strike answered an air raid on Saada a day earlier that killed a child.",
    "Al-Shabaab fighters raided a police station in Beledweyne, Hiiraan region, on 3 March 2021. "
    "Three officers and two attackers were killed. Residents said the fighting lasted two hours.",
    "Hundreds of teachers protested in Nairobi on Monday against unpaid salaries. Police fired tear gas "
    "to disperse them and arrested 12 people, witnesses said.",
    "ANTI-GOVERNMENT PROTESTS SPREAD\n\nM23-held towns in North Kivu saw clashes between the rebels and "
    "FARDC troops near Rutshuru on Friday; at least nine civilians died, local officials said.",
    "The city council approved a new budget for parks and libraries. Ticket prices for the museum "
    "will rise in spring.",
    "Wagner-linked fighters and Malian soldiers raided the village of Moura in the Mopti region, "
    "killing dozens of men, according to Human Rights Watch. Jihadists of JNIM later ambushed an army "
    "convoy near Djenne.",
]


def test_switch_toggles_and_restores():
    assert fastpath.enabled()
    with fastpath.disabled():
        assert not fastpath.enabled()
        with fastpath.disabled():
            assert not fastpath.enabled()
        assert not fastpath.enabled()
    assert fastpath.enabled()


@pytest.mark.slow
def test_events_equal_with_and_without_fast_paths():
    from sigact.pipeline import get_pipeline

    p = get_pipeline()
    arts = [Article.create(t, id=f"t{i}", published="2021-03-05") for i, t in enumerate(TEXTS)]
    fast = [[e.to_dict() for e in evs] for _, evs in p.pipe(arts)]
    with fastpath.disabled():
        plain = [[e.to_dict() for e in evs] for _, evs in p.pipe(arts)]
    one_by_one = [[e.to_dict() for e in p.process(a)] for a in arts]
    assert sum(map(len, plain)) >= 5  # the texts do carry events
    assert fast == plain
    assert one_by_one == fast


@pytest.mark.slow
def test_country_hint_shortcut_keeps_hints():
    from sigact.geo import GeoResolver
    from sigact.nlp import load_nlp

    doc = load_nlp()(TEXTS[0] + " Anti-Houthi fighters and Houthi-run media traded claims.")
    geo = GeoResolver.default()
    fast = geo._detect(doc)[1:]
    with fastpath.disabled():
        plain = geo._detect(doc)[1:]
    assert fast == plain
    assert any(iso == "YEM" and kind == "group" for _, _, iso, kind in fast[0])


CLASSIFIER_TEXTS = [
    "Soldiers clashed with rebels near the border; 12 were killed.",
    "Protesters marched peacefully to parliament demanding higher wages.",
    "An IED exploded under a bus in the market, wounding 30 civilians!",
    "", "  ", "Été — ÇA BRÛLE", "Kill-kill killed killed 1,000 people. Rioters looted shops.",
]


@pytest.mark.parametrize("analyzer,ngrams,sublinear", [("word", (1, 2), True), ("word", (1, 1), False),
                                                      ("char_wb", (2, 5), True), ("char_wb", (3, 3), False)])
def test_tfidf_block_equals_sklearn_bit_for_bit(analyzer, ngrams, sublinear):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from sigact.extract.classifier import TOKEN_PATTERN, _block_json
    from sigact.extract.tfidf_block import TfidfBlock

    kw = {"token_pattern": TOKEN_PATTERN} if analyzer == "word" else {}
    ref = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=sublinear, **kw)
    ref.fit(CLASSIFIER_TEXTS[:3] + ["Police fired tear gas at rioters in the capital."])
    d = _block_json(ref)  # what the artifact stores (idf rounded)
    block = TfidfBlock(d, analyzer, ref.token_pattern if analyzer == "word" else None)
    stored = TfidfVectorizer(vocabulary={w: i for i, w in enumerate(d["vocabulary"])}, analyzer=analyzer,
                             ngram_range=ngrams, sublinear_tf=sublinear, **kw)
    stored.idf_ = np.asarray(d["idf"], dtype=np.float64)
    want = stored.transform(CLASSIFIER_TEXTS).toarray()
    got = block.transform(CLASSIFIER_TEXTS).toarray()
    assert want.any()
    assert np.array_equal(want, got)
    with fastpath.disabled():
        assert np.array_equal(block.transform(CLASSIFIER_TEXTS).toarray(), want)


def test_packaged_classifiers_same_probabilities_without_sklearn():
    import numpy as np

    from sigact.extract.classifier import UCDP_ARTIFACT, EventClassifier

    for name in ("event_classifier.json", UCDP_ARTIFACT):
        clf = EventClassifier.load(name=name)
        fast = clf.predict_proba(CLASSIFIER_TEXTS)
        with fastpath.disabled():
            plain = clf.predict_proba(CLASSIFIER_TEXTS)
        assert np.array_equal(fast, plain)
        assert np.allclose(fast.sum(axis=1), 1.0)


def test_date_mentions_same_without_second_scan():
    from sigact.time.phrases import find_date_mentions

    texts = ["On 3 March the army shelled the town; on 12 May 2021 it withdrew. Two days later rebels returned.",
             "Fighting resumed in March. In 2019 the ceasefire had failed; last Tuesday 4 died.",
             "2020-06-01: clashes. From 5 to 7 June, and again on June 9, curfews were imposed."]
    for text in texts:
        for anchor in (None, "2021-05-20"):
            fast = find_date_mentions(text, anchor)
            with fastpath.disabled():
                plain = find_date_mentions(text, anchor)
            assert fast == plain
            assert len(fast) >= 2


def test_relevance_prefix_tree_matches_where_the_stem_list_does():
    import re

    from sigact.scale.relevance import RelevanceFilter

    rel = RelevanceFilter(["kill", "killing$", "war$", "warlord", "set fire", "set on fire", "riot", "IED", "shot$",
                           "army"], lowercase_only=["army", "IED"])
    text = ("Warlords set  fire to huts. The war ended. Skill-kill: ARMY units, an army. "
            "IEDs and ied. Shots were fired; he was shot. Rioting. Set on\nfire. Killings.")
    for m in re.finditer(r"\b\w", text):
        for end in (len(text), m.start() + 4):
            assert (rel._fast.match(text, m.start(), end) is None) == (rel.pattern.match(text, m.start(), end) is None)
    with fastpath.disabled():
        plain = rel.select(text)
    assert rel.select(text) == plain
    assert rel.is_relevant("The army moved.") and not rel.is_relevant("The ARMY moved.")
