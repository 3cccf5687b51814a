"""Issue 6 must-show: `sigact events` shows one row per canonical event with its source count."""

import json

import pytest
from click.testing import CliRunner

from sigact.cli import main

REPORTS = [
    {"id": "wire-a", "outlet": "wire-a", "published": "2024-03-05",
     "text": "Gunmen killed nine traders at a market in Konduga, Borno state, on Monday afternoon, residents said."},
    {"id": "daily-b", "outlet": "daily-b", "published": "2024-03-05",
     "text": "At least seven people were shot dead when suspected jihadists stormed a market in Konduga on Monday."},
    {"id": "paper-c", "outlet": "paper-c", "published": "2024-03-05",
     "text": "Thousands of people marched peacefully through central Santiago, Chile, on Friday to demand pension reform."},
]


@pytest.mark.slow
def test_dedup_cli_events_one_row_per_canonical_event(tmp_path):
    src = tmp_path / "reports.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in REPORTS))
    db = f"sqlite:///{tmp_path / 'c.db'}"
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(src), "--db", db, "--cluster"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines() if line.strip()]
    assert len(rows) == 2
    by_country = {r["location"]["country"]: r for r in rows}
    assert by_country["NGA"]["source_count"] == 2
    assert sorted(s["article_id"] for s in by_country["NGA"]["sources"]) == ["daily-b", "wire-a"]
    assert by_country["CHL"]["source_count"] == 1
    # every report is still there on request
    res = runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--reports"])
    assert len([line for line in res.output.splitlines() if line.strip()]) == 3
    # re-ingesting the same input changes nothing
    res = runner.invoke(main, ["ingest", str(src), "--db", db, "--cluster"])
    assert "stored 0" in res.output
    res = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"])
    assert len([line for line in res.output.splitlines() if line.strip()]) == 2
