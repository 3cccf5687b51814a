"""``sigact eval`` end to end on the real pipeline, over a few records written for this test."""

from __future__ import annotations

import json

import pytest

from sigact.evaluate import evaluate

RECORDS = [
    {"id": "acled:TEST1", "source_dataset": "acled",
     "text": "On 3 May 2020, Boko Haram militants attacked a military base in Monguno, Borno state, Nigeria. "
             "Five soldiers were killed in the fighting.",
     "gold": {"date": "2020-05-03", "event_type": "Battles", "sub_event_type": "Armed clash",
              "actor1": "Boko Haram - Jamaatu Ahli is-Sunna lid-Dawati wal-Jihad", "actor2": "Military Forces of Nigeria (2015-)",
              "country": "Nigeria", "admin1": "Borno", "location": "Monguno", "latitude": 12.6702, "longitude": 13.6122,
              "fatalities": 5, "injuries": None},
     "meta": {"date_precision": "day", "geo_precision": 1, "date_end": None}},
    {"id": "acled:TEST2", "source_dataset": "acled",
     "text": "On 4 May 2020, hundreds of teachers protested peacefully in Nairobi, Kenya, demanding unpaid salaries.",
     "gold": {"date": "2020-05-04", "event_type": "Protests", "sub_event_type": "Peaceful protest",
              "actor1": "Protesters (Kenya)", "actor2": None, "country": "Kenya", "admin1": "Nairobi",
              "location": "Nairobi", "latitude": -1.2864, "longitude": 36.8172, "fatalities": 0, "injuries": None},
     "meta": {"date_precision": "day", "geo_precision": 1, "date_end": None}},
    {"id": "acled:TEST3", "source_dataset": "acled",
     "text": "Around 2 May 2020 (week of), unidentified gunmen shot dead a village chief near Mopti, Mali.",
     "gold": {"date": "2020-05-02", "event_type": "Violence against civilians", "sub_event_type": "Attack",
              "actor1": "Unidentified Armed Group (Mali)", "actor2": "Civilians (Mali)", "country": "Mali",
              "admin1": "Mopti", "location": "Mopti", "latitude": 14.4843, "longitude": -4.1827, "fatalities": 1,
              "injuries": None},
     "meta": {"date_precision": "week", "geo_precision": 2, "date_end": None}},
    {"id": "ucdp_ged:TEST4", "source_dataset": "ucdp_ged",
     "text": "Test Wire, 2016-03-09: Army kills 12 rebels in clashes in eastern Congo",
     "gold": {"date": "2016-03-07", "event_type": "State-based armed conflict", "sub_event_type": None,
              "actor1": "Government of DR Congo (Zaire)", "actor2": "ADF", "country": "DR Congo (Zaire)",
              "admin1": "Nord-Kivu province", "location": "Beni town", "latitude": 0.4911, "longitude": 29.4731,
              "fatalities": 12, "injuries": None},
     "meta": {"date_precision": "2-6 days", "geo_precision": 4, "date_end": "2016-03-09"}},
]


@pytest.fixture(scope="module")
def real_pipeline():
    from sigact.pipeline import get_pipeline

    return get_pipeline()


@pytest.mark.slow
def test_eval_on_real_pipeline(tmp_path, real_pipeline):
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    res = evaluate(path, pipeline=real_pipeline, batch_size=2)
    assert res["kind"] == "records" and res["n"] == 4 and res["pipeline_errors"] == 0
    acled, ged = res["datasets"]["acled"], res["datasets"]["ucdp_ged"]
    assert acled["n"] == 3 and ged["n"] == 1
    for ds in (acled, ged):
        for f in ds["fields"].values():
            assert 0 <= f["correct"] <= f["n_given_event"] <= f["n"]
    # the two explicit ACLED notes name their date, country and violence plainly
    assert acled["with_event"] >= 2
    assert acled["fields"]["country"]["correct"] >= 2
    assert acled["fields"]["date"]["correct"] >= 2
    assert sum(sum(row) for row in res["confusion"]["matrix"]) == 3
