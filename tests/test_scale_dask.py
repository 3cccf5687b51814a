"""Dask: the same events from 2 local workers as from one process."""

import json

import pytest

from sigact.scale.dask_run import Partition, plan_partitions

TEXTS = [
    "Gunmen killed four farmers near the village of Tanda in Mali on Monday, officials said.",
    "Police arrested 25 protesters in Nairobi, Kenya, on Tuesday after a march against taxes.",
    "The central bank kept rates unchanged on Wednesday.",
    "A roadside bomb wounded three soldiers near Gao, Mali, on Sunday.",
    "Thousands marched peacefully in Santiago, Chile, on Friday to demand pension reform.",
]


def _corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    with (d / "a.jsonl").open("w") as fh:
        for i, t in enumerate(TEXTS):
            fh.write(json.dumps({"id": f"r{i}", "text": t, "published": "2024-03-06"}) + "\n")
        fh.write("{not json\n")
    (d / "b.txt").write_text("Rebels seized the town of Bunia in Ituri, DR Congo, on Saturday, residents said.\n")
    return d


def test_scale_plan_partitions_splits_jsonl_by_lines(tmp_path):
    d = _corpus(tmp_path)
    parts = plan_partitions([d], lines_per_partition=2)
    assert [(p.path.endswith("a.jsonl"), p.start, p.stop) for p in parts] == [
        (True, 0, 2), (True, 2, 4), (True, 4, 6), (False, 0, None)]
    assert [p.index for p in parts] == [0, 1, 2, 3]


def test_scale_partition_read_keeps_line_numbers(tmp_path):
    from sigact.scale.dask_run import _read

    d = _corpus(tmp_path)
    items = list(_read(Partition(0, str(d / "a.jsonl"), 4, 6), None))
    assert [getattr(i, "position", None) for i in items] == ["line 5", "line 6"]
    assert "not valid JSON" in items[1].reason


@pytest.mark.slow
def test_scale_dask_two_workers_equal_one_process(tmp_path):
    import pyarrow.parquet as pq

    from sigact.ingest import read_inputs
    from sigact.ingest.base import Reject
    from sigact.pipeline import get_pipeline
    from sigact.scale.dask_run import run_dask

    d = _corpus(tmp_path)
    pipe = get_pipeline()
    single = []
    for item in read_inputs([d]):
        if not isinstance(item, Reject):
            single.extend(e.to_dict() for e in pipe.process(item))
    out = tmp_path / "out"
    results = run_dask([d], "local", out_dir=out, n_workers=2, lines_per_partition=2)
    distributed = [e for r in results for evs in r.events for e in evs]
    assert distributed == single
    assert len(single) >= 4
    assert sum(len(r.rejects) for r in results) == 1
    rows = sum(pq.read_table(r.parquet).num_rows for r in results)
    assert rows == len(single)
