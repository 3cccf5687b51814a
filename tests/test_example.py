"""The worked example: examples/us-strikes-iraq.txt coded as in shared/data/examples/us-strikes-iraq.expected.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigact.geo.countries import haversine_km
from test_extract_support import incidents, run

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def events():
    text = (ROOT / "examples" / "us-strikes-iraq.txt").read_text(encoding="utf-8")
    return run(text, "2024-01-24", article_id="us-strikes-iraq"), text


def _find(evs, **kw):
    out = []
    for e in evs:
        if all(getattr(e, k) == v for k, v in kw.items()):
            out.append(e)
    return out


def test_us_strikes_on_kataib_hezbollah(events):
    evs, _ = events
    hits = [e for e in incidents(evs) if e.acled_sub_event_type == "Air/drone strike"
            and e.actor2 is not None and e.actor2.name and "Kataib Hezbollah" in (e.actor2.acled_name or e.actor2.name)]
    assert hits, "no air strike on Kataib Hezbollah"
    e = hits[0]
    assert e.acled_event_type == "Explosions/Remote violence"
    assert e.plover_type == "ASSAULT" and e.cameo_root == "19"
    assert e.actor1 is not None and e.actor1.country == "USA" and e.actor1.type == "military"
    assert e.date is not None and "2024-01-23" <= e.date.start <= "2024-01-24"


def test_ain_al_asad_missile_attack(events):
    evs, _ = events
    hits = [e for e in incidents(evs) if e.injuries == 4]
    assert len(hits) == 1
    e = hits[0]
    assert e.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert e.date is not None and e.date.start == e.date.end == "2024-01-20"
    assert e.location is not None and e.location.country == "IRQ"
    if e.location.lat is not None and e.location.precision == "site":
        assert haversine_km(e.location.lat, e.location.lon, 33.80, 42.44) <= 25
    assert e.evidence_for("injuries") and "four US personnel" in e.evidence_for("injuries")[0].text


def test_us_uk_strikes_on_houthis(events):
    evs, _ = events
    hits = [e for e in incidents(evs) if e.date and e.date.start == "2024-01-22"
            and e.acled_sub_event_type == "Air/drone strike"]
    assert len(hits) == 1
    e = hits[0]
    assert e.actor2 is not None and "Houthi" in (e.actor2.text or "")
    assert e.location is not None and e.location.country == "YEM"
    # the strikes hit Yemen: the Red Sea is where the Houthis target shipping (a purpose adjunct)
    assert e.location.name != "Red Sea" and e.location.precision in ("country", "admin1", "admin2", "town", "site")
    assert e.location.name == "Yemen" or e.location.precision != "country"


def test_houthi_warning_is_a_threat(events):
    evs, _ = events
    threats = [e for e in evs if e.factuality == "threat"]
    assert any(e.plover_type == "THREATEN" and e.cameo_root == "13" and "warned" in (e.trigger or "") for e in threats)
    assert all(not e.is_incident for e in threats)


def test_aggregates_and_background_never_incidents(events):
    evs, text = events
    for e in incidents(evs):
        sent = e.evidence_for("event")[0].text
        assert "150 times" not in sent and "25,000" not in sent and "in 2014" not in sent
        assert e.fatalities != 25000
    agg = [e for e in evs if e.factuality == "aggregate"]
    assert any("150 times" in e.evidence_for("event")[0].text for e in agg)
    assert any("25,000" in e.evidence_for("event")[0].text for e in agg)
    hist = [e for e in evs if e.factuality == "historical"]
    assert any("2014" in e.evidence_for("event")[0].text and "seized" in (e.trigger or "") for e in hist)


def test_exactly_three_incidents(events):
    evs, _ = events
    assert len(incidents(evs)) == 3, [(e.trigger, e.acled_sub_event_type) for e in incidents(evs)]


def test_evidence_offsets_index_the_text(events):
    evs, text = events
    for e in evs:
        assert e.evidence_for("trigger")
        for ev in e.evidence:
            assert text[ev.start:ev.end] == ev.text, ev
        assert 0.0 <= e.confidence <= 1.0


def test_ids_are_deterministic(events):
    evs, text = events
    again = run(text, "2024-01-24", article_id="us-strikes-iraq")
    assert [e.id for e in evs] == [e.id for e in again]
    assert len({e.id for e in evs}) == len(evs)


def test_public_api_on_the_example():
    """``sigact.extract`` (the full default pipeline, relevance filter and linker included)."""
    import sigact

    text = (ROOT / "examples" / "us-strikes-iraq.txt").read_text(encoding="utf-8")
    evs = sigact.extract(text, published="2024-01-24")
    inc = [e for e in evs if e.is_incident]
    assert sorted(e.acled_sub_event_type for e in inc) == [
        "Air/drone strike", "Air/drone strike", "Shelling/artillery/missile attack"]
    assert {e.location.country for e in inc if e.location} == {"IRQ", "YEM"}
    assert any(e.factuality == "threat" for e in evs)
    assert any(e.factuality == "historical" for e in evs)
    for e in evs:
        for ev in e.evidence:
            assert text[ev.start:ev.end] == ev.text
