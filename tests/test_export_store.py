"""Round trips through the store and the CLI: export -> import keeps every field (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from api_seed import seed
from sigact.cli import main
from sigact.export import ACLED_COLUMNS, FORMATS
from sigact.store import Store

IMPORTABLE = [f for f, spec in FORMATS.items() if spec.importable]


def _all(store: Store) -> dict[str, dict]:
    return {e.id: e.to_dict() for e in store.iter_events(factuality=None)}


@pytest.mark.parametrize("fmt", IMPORTABLE)
def test_cli_export_import_keeps_every_field(db_url, tmp_path, fmt):
    with Store.open(db_url) as src:
        seed(src, n=25)
        original = _all(src)
    out = tmp_path / f"events{FORMATS[fmt].suffix}"
    runner = CliRunner()
    r = runner.invoke(main, ["export", "--db", db_url, "--format", fmt, "-o", str(out), "--factuality", "all"])
    assert r.exit_code == 0, r.output
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    r = runner.invoke(main, ["import", str(out), "--db", target])
    assert r.exit_code == 0, r.output
    assert f"{len(original)} events imported" in r.output
    with Store.open(target) as dst:
        assert _all(dst) == original
        art = dst.get_article("crafted:a1")
        assert art is not None and art.meta.get("placeholder") is True and art.url == "https://example.org/a1"
    r = runner.invoke(main, ["import", str(out), "--db", target])  # again: nothing new
    assert r.exit_code == 0 and "0 events imported" in r.output


def test_import_into_postgres_and_filtered_acled_export(db_url, tmp_path, sqlite_url):
    runner = CliRunner()
    src_url = f"sqlite:///{tmp_path / 'src.db'}"
    with Store.open(src_url) as src:
        seed(src, n=10)
        original = _all(src)
    path = tmp_path / "all.jsonl"
    assert runner.invoke(main, ["export", "--db", src_url, "--format", "jsonl", "-o", str(path),
                                "--factuality", "all"]).exit_code == 0
    r = runner.invoke(main, ["import", str(path), "--db", db_url])
    assert r.exit_code == 0, r.output
    with Store.open(db_url) as dst:
        assert _all(dst) == original
    r = runner.invoke(main, ["export", "--db", db_url, "--format", "acled-csv", "--country", "IRQ",
                             "--since", "2023-01-01", "--until", "2023-12-31"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [list(row) for row in rows[:1]] == [list(ACLED_COLUMNS)]
    assert {row["event_id_cnty"] for row in rows} == {"crafted:a1:1", "crafted:a2:1"}
    assert {row["fatalities"] for row in rows} == {"4"}


def test_cli_errors_are_one_line(tmp_path):
    runner = CliRunner()
    bad = tmp_path / "x.acled.csv"
    bad.write_text(",".join(ACLED_COLUMNS) + "\n")
    r = runner.invoke(main, ["import", str(bad), "--db", f"sqlite:///{tmp_path / 'a.db'}"])
    assert r.exit_code == 1 and "export-only" in r.output
    r = runner.invoke(main, ["export", "--db", f"sqlite:///{tmp_path / 'b.db'}", "--format", "csv",
                             "--since", "not-a-date"])
    assert r.exit_code == 1 and "error" in r.output
