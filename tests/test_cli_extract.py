"""`sigact extract`: inputs, formats, and clear one-line errors for bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sigact.cli import main

TEXT = "Gunmen shot dead three farmers near Bokkos in Plateau State on Sunday, residents said.\n"


def _run(args, input=None):
    return CliRunner().invoke(main, ["extract", *args], input=input)


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (b"caf\xe9 attack\n", "UTF-8"),
])
def test_bad_single_input_is_one_line_error(tmp_path, content, needle):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    res = _run([str(p)])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0] and str(p) in lines[0]
    assert "Traceback" not in res.output


def test_missing_file(tmp_path):
    res = _run([str(tmp_path / "nope.txt")])
    assert res.exit_code == 2 and "no such file" in res.output


def test_too_large(tmp_path, monkeypatch):
    import sigact.cli.extract as mod

    monkeypatch.setattr(mod, "MAX_BYTES", 100)
    p = tmp_path / "big.txt"
    p.write_text("attack " * 50)
    res = _run([str(p)])
    assert res.exit_code == 2 and "larger than" in res.output


def test_bad_published_date(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT)
    res = _run([str(p), "--published", "yesterday"])
    assert res.exit_code != 0 and "not a date" in res.output


@pytest.mark.slow
def test_text_file_json(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT)
    res = _run([str(p), "--published", "2024-05-06", "--id", "doc1"])
    assert res.exit_code == 0, res.output
    events = json.loads(res.output)
    assert len(events) == 1
    e = events[0]
    assert e["article_id"] == "doc1" and e["factuality"] == "asserted"
    assert e["acled"]["sub_event_type"] == "Attack" and e["fatalities"] == 3


@pytest.mark.slow
def test_stdin_table():
    res = _run(["-", "--format", "table", "--published", "2024-05-06"], input=TEXT)
    assert res.exit_code == 0, res.output
    assert "Attack" in res.output


@pytest.mark.slow
def test_jsonl_batch_with_rejects(tmp_path):
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "r1", "text": TEXT, "published": "2024-05-06"}),
        "{not json",
        json.dumps({"id": "r3", "text": ""}),
        json.dumps({"id": "r4", "text": "Hundreds of nurses protested peacefully in Lilongwe on Monday over unpaid wages."}),
    ]) + "\n")
    rej = tmp_path / "rejects.jsonl"
    res = _run([str(src), "--format", "jsonl", "--rejects", str(rej), "--all"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.output.splitlines() if x.startswith("{")]
    assert {e["article_id"] for e in lines} == {"r1", "r4"}
    rejects = [json.loads(x) for x in rej.read_text().splitlines()]
    assert [(r["position"], r["input"]) for r in rejects] == [("line 2", str(src)), ("line 3", str(src))]
    assert "not JSON" in rejects[0]["reason"] and "text" in rejects[1]["reason"]
