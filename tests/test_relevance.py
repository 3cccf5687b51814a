"""The relevance stage: which sentences reach the parser; offsets must survive blanking."""

from sigact.scale.relevance import RelevanceFilter, split_sentences

ARTICLE = (
    "Budget talks resume in the capital\n\n"
    "Lawmakers met on Tuesday to discuss the budget. The finance minister presented new figures. "
    "Markets rose slightly. Gunmen killed four farmers near the village of Tanda on Monday. "
    "The attackers fled on motorbikes. Analysts expect the talks to last a week. "
    "The weather stayed dry across the region. Exports of cocoa grew in the third quarter."
)


def test_relevance_splits_sentences_with_offsets():
    spans = split_sentences("One thing happened. Then another! Is it? Yes.\nNew line here")
    texts = ["One thing happened.", "Then another!", "Is it?", "Yes.", "New line here"]
    assert [("One thing happened. Then another! Is it? Yes.\nNew line here")[a:b] for a, b in spans] == texts


def test_relevance_keeps_event_sentences_lead_and_next_sentence():
    f = RelevanceFilter.default()
    sel = f.select(ARTICLE)
    assert len(sel.text) == len(ARTICLE)  # offsets unchanged
    kept = [ARTICLE[a:b] for a, b in sel.kept]
    assert "Gunmen killed four farmers near the village of Tanda on Monday." in kept
    assert "The attackers fled on motorbikes." in kept  # the sentence after
    assert kept[0] == "Budget talks resume in the capital"  # the lead
    assert "Exports of cocoa grew in the third quarter." not in kept
    i = ARTICLE.index("Gunmen")
    assert sel.text[i:i + 40] == ARTICLE[i:i + 40]
    j = ARTICLE.index("Exports")
    assert sel.text[j:j + 10].strip() == ""
    assert sel.text.count("\n") == ARTICLE.count("\n")


def test_relevance_skips_articles_without_events():
    f = RelevanceFilter(["kill"], lead=2, after=1, min_chars=0)
    long_text = "The central bank kept rates unchanged. " * 20
    assert not f.select(long_text).relevant
    assert f.select(long_text + "Two people were killed.").relevant


def test_relevance_short_texts_are_parsed_whole():
    f = RelevanceFilter(["kill"], min_chars=300)
    sel = f.select("Teachers went to the streets over unpaid wages.")
    assert sel.relevant and sel.text == "Teachers went to the streets over unpaid wages."


def test_relevance_lowercase_only_stems():
    f = RelevanceFilter(["kill"], ["march"], min_chars=0)
    assert f.is_relevant("Thousands march in the capital.")
    assert not f.is_relevant("The budget passed in March.")
