"""Issue 6 must-show: in the worked example, the US strikes carry a link to the Ain al-Asad attack."""

from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "us-strikes-iraq.txt"


@pytest.fixture(scope="module")
def events():
    from sigact.pipeline import get_pipeline

    return get_pipeline().extract(EXAMPLE.read_text(encoding="utf-8"), published="2024-01-24")


def _find(events, sub, pred=lambda e: True):
    return [e for e in events if e.acled_sub_event_type == sub and e.factuality == "asserted" and pred(e)]


def test_links_example_us_strikes_respond_to_ain_al_asad(events):
    [attack] = _find(events, "Shelling/artillery/missile attack",
                     lambda e: e.location is not None and "Asad" in (e.location.name or ""))
    strikes = _find(events, "Air/drone strike", lambda e: e.location is not None and e.location.country == "IRQ")
    assert strikes
    links = [lk for e in strikes for lk in e.links]
    assert any(lk.target == attack.id for lk in links)
    lk = next(lk for lk in links if lk.target == attack.id)
    assert lk.relation in ("after", "in_response_to", "retaliation_for")
    assert "airbase" in lk.evidence.text


def test_links_example_nothing_links_to_background_or_aggregates(events):
    ids = {e.id: e for e in events}
    for e in events:
        for lk in e.links:
            assert ids[lk.target].factuality == "asserted"
            assert e.factuality in ("asserted", "threat")
    assert not any(lk for e in events if e.factuality in ("aggregate", "historical", "hypothetical") for lk in e.links)
