"""Exports: ACLED columns and codes, PLOVER fields, GeoJSON, and lossless round trips."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sigact.api.synthetic import synthetic_batch
from sigact.errors import InputError
from sigact.export import (ACLED_COLUMNS, FORMATS, acled_row, flatten_event, iter_export, plover_record,
                           read_events, unflatten_event, write_events)
from sigact.export.acled import country_info, inter_code, interaction_code
from sigact.model import Actor, DateSpan, Event, Evidence, Link, Place, Source

EXPECTED_ACLED = ("event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
                  "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region "
                  "country admin1 admin2 admin3 location latitude longitude geo_precision source source_scale "
                  "notes fatalities tags timestamp").split()


def _full_event() -> Event:
    """An event with every field set, including links with evidence and two sources."""
    return Event(
        id="sha:abc:1", article_id="sha:abc", factuality="asserted",
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Shelling/artillery/missile attack",
        plover_type="ASSAULT", plover_mode="explosive", cameo_root="19", ucdp_type=1,
        actor1=Actor(text="militants", name="Militants", acled_name="Unidentified Armed Group (Iraq)",
                     country="IRQ", type="unidentified armed group"),
        actor2=Actor(text="four soldiers, \"guards\"", name="US military forces",
                     acled_name="Military Forces of the United States (2021-)", country="USA", type="military"),
        location=Place(text="Ain al-Asad airbase", name="Ain al-Asad Air Base", admin1="Al Anbar", admin2="Hit",
                       country="IRQ", lat=33.8, lon=42.44, precision="site", geonameid=12345),
        date=DateSpan(start="2024-01-20", end="2024-01-21", precision="range", text="On Saturday"),
        fatalities=3, injuries=4, abducted=0, arrested=2, trigger="fired",
        evidence=(Evidence("event", 10, 60, "On Saturday, militants fired missiles,\nat the base"),
                  Evidence("trigger", 32, 37, "fired")),
        confidence=0.78,
        links=(Link("in_response_to", "sha:abc:0", Evidence("link", 0, 9, "In reply,")),
               Link("after", "sha:zzz:4")),
        sources=(Source("sha:abc", url="https://example.org/a?x=1,2", outlet="Outlet A", published="2024-01-22"),
                 Source("sha:def", outlet="Outlet B", published="2024-01-23")),
        version="sigact-0.1",
    )


def _sparse_event() -> Event:
    return Event(id="sha:q:2", article_id=None, factuality="threat")


def test_acled_columns_exact_and_codes() -> None:
    assert list(ACLED_COLUMNS) == EXPECTED_ACLED
    row = acled_row(_full_event(), timestamp=1700000000)
    assert list(row) == EXPECTED_ACLED
    assert row["event_date"] == "2024-01-20" and row["year"] == 2024
    assert row["time_precision"] == 2  # range
    assert row["geo_precision"] == 1  # site
    assert row["inter1"] == 3 and row["inter2"] == 1 and row["interaction"] == 13
    assert row["iso"] == 368 and row["country"] == "Iraq" and row["region"] == "Middle East"
    assert row["disorder_type"] == "Political violence"
    assert row["actor1"] == "Unidentified Armed Group (Iraq)"
    assert row["latitude"] == 33.8 and row["longitude"] == 42.44
    assert row["fatalities"] == 3 and row["source"] == "Outlet A; Outlet B"
    assert "injuries=4" in row["tags"] and "arrested=2" in row["tags"]
    assert row["notes"].startswith("On Saturday") and row["timestamp"] == 1700000000


def test_acled_codes_edge_cases() -> None:
    assert inter_code(Actor(type="protesters")) == 6
    assert inter_code(Actor(type="civilians")) == 7
    assert inter_code(Actor(name="Fulani Ethnic Militia", type="militia")) == 4
    assert inter_code(Actor(name="Imbonerakure", type="militia")) == 3
    assert inter_code(None) is None
    assert interaction_code(6, None) == 60 and interaction_code(7, 2) == 27
    assert country_info("COD") == ("Democratic Republic of Congo", 180, "Middle Africa")
    assert country_info("XKX")[0] == "Kosovo"
    row = acled_row(_sparse_event(), timestamp=1)
    assert row["fatalities"] == 0 and "fatalities=not reported" in row["tags"]
    assert row["iso"] == "" and row["event_date"] == "" and row["interaction"] == ""
    protest = Event(id="p", article_id="a", acled_event_type="Protests",
                    acled_sub_event_type="Excessive force against protesters",
                    actor1=Actor(type="police"), actor2=Actor(type="protesters"))
    r = acled_row(protest, timestamp=1)
    assert r["disorder_type"] == "Political violence; Demonstrations" and r["interaction"] == 16


def test_plover_fields() -> None:
    rec = plover_record(_full_event())
    for key in ("id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
                "size", "link", "cite_info"):
        assert key in rec
    assert rec["event"] == "ASSAULT" and rec["mode"] == "explosive"
    assert rec["actor"] == "Militants" and rec["recipient"] == "US military forces"
    assert rec["size"] == {"dead": 3, "injured": 4, "arrested": 2}
    assert rec["event_loc"]["lat"] == 33.8 and rec["link"] == "https://example.org/a?x=1,2"
    assert rec["cite_info"] == "Outlet A, 2024-01-22"


def test_plover_without_extension_keeps_core_fields(tmp_path) -> None:
    from sigact.export import event_from_plover

    e = event_from_plover(plover_record(_full_event(), extension=False))
    assert e.plover_type == "ASSAULT" and e.fatalities == 3 and e.arrested == 2
    assert e.location.lat == 33.8 and e.actor2.country == "USA" and e.date.start == "2024-01-20"


def test_flat_row_round_trip() -> None:
    for e in (_full_event(), _sparse_event()):
        assert unflatten_event(flatten_event(e)) == e


@pytest.mark.parametrize("fmt", [f for f, spec in FORMATS.items() if spec.importable])
def test_file_round_trip_keeps_every_field(tmp_path, fmt) -> None:
    events = [_full_event(), _sparse_event()] + [e for _, es in synthetic_batch(30, seed=3) for e in es]
    path = tmp_path / f"out{FORMATS[fmt].suffix}"
    with path.open("wb") as fh:
        assert write_events(events, fmt, fh) == len(events)
    back = list(read_events(path))  # format detected from the file
    assert back == events
    assert [b.to_dict() for b in back] == [e.to_dict() for e in events]


def test_geojson_points() -> None:
    data = b"".join(iter_export([_full_event(), _sparse_event()], "geojson"))
    doc = json.loads(data)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 2
    assert doc["features"][0]["geometry"] == {"type": "Point", "coordinates": [42.44, 33.8]}
    assert doc["features"][1]["geometry"] is None
    assert doc["features"][0]["properties"]["acled"]["event_type"] == "Explosions/Remote violence"


def test_acled_csv_parses_and_is_export_only(tmp_path) -> None:
    events = [e for _, es in synthetic_batch(20) for e in es]
    text = b"".join(iter_export(events, "acled-csv", timestamp=5)).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 20 and list(rows[0]) == EXPECTED_ACLED
    assert {r["event_id_cnty"] for r in rows} == {e.id for e in events}
    path = tmp_path / "x.csv"
    path.write_text(text)
    with pytest.raises(InputError):
        list(read_events(path))


def test_unknown_format_and_bad_input(tmp_path) -> None:
    with pytest.raises(InputError):
        list(iter_export([], "xml"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n{not json\n')
    with pytest.raises(InputError, match="line 2"):
        list(read_events(bad))


def test_empty_exports_are_valid() -> None:
    assert json.loads(b"".join(iter_export([], "geojson")))["features"] == []
    header = b"".join(iter_export([], "csv")).decode().strip().split(",")
    assert header[0] == "id" and "location.lat" in header
    import pyarrow.parquet as pq
    table = pq.read_table(io.BytesIO(b"".join(iter_export([], "parquet"))))
    assert table.num_rows == 0 and "actor1.name" in table.column_names
