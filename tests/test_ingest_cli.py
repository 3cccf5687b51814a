"""``sigact ingest`` / ``sigact events`` end to end: idempotent re-runs, stdin, errors, a kill -9 mid-ingest."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sigact.cli import main
from sigact.model import Actor, Article, DateSpan, Event, Evidence, Place
from sigact.store import Store

_SCRIPT = Path(sys.executable).with_name("sigact")
SIGACT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-c", "from sigact.cli import main; main()"]


def write_jsonl(path: Path, n: int, *, start: int = 0, extra: str = "") -> Path:
    """``n`` short articles of our own writing, one JSON object per line."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps({
                "url": f"https://news.example/2024/story-{i}",
                "title": f"Checkpoint attack {i}",
                "published": "2024-03-01",
                "outlet": "Example Wire",
                "text": f"Report {i}: gunmen attacked a checkpoint near Mosul on Tuesday, officials said.{extra}",
            }) + "\n")
    return path


def ingest(args: list[str], **kw) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["ingest", *args], catch_exceptions=False, **kw)
    return res.exit_code, res.stdout, res.stderr


def test_ingest_twice_identical_counts(db_url: str, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "batch.jsonl", 40)
    rc, out, _ = ingest([str(src), "--db", db_url, "--no-extract", "--batch-size", "7"])
    assert rc == 0
    assert out.strip().startswith("read 40, stored 40, duplicates skipped 0, revised 0, rejected 0, events found 0")
    assert out.count("\n") == 1  # no progress display when stdout is not a terminal
    with Store.open(db_url) as st:
        first = st.counts()
    rc, out, _ = ingest([str(src), "--db", db_url, "--no-extract"])
    assert rc == 0 and "read 40, stored 0, duplicates skipped 40" in out
    with Store.open(db_url) as st:
        assert st.counts() == first and first["articles"] == 40 and first["revisions"] == 40
    # a changed article at the same URL is a revision
    write_jsonl(tmp_path / "changed.jsonl", 1, start=3, extra=" Two soldiers were wounded.")
    rc, out, _ = ingest([str(tmp_path / "changed.jsonl"), "--db", db_url, "--no-extract"])
    assert rc == 0 and "stored 0, duplicates skipped 0, revised 1" in out
    with Store.open(db_url) as st:
        c = st.counts()
        assert (c["articles"], c["revisions"]) == (40, 41)
        art = st.get_article(Article.create("x", url="https://news.example/2024/story-3").id)
        assert art is not None and art.text.endswith("Two soldiers were wounded.")


def test_ingest_stdin_and_rejects(tmp_path: Path, sqlite_url: str) -> None:
    data = write_jsonl(tmp_path / "a.jsonl", 3).read_bytes() + b"{not json\n"
    rejects = tmp_path / "logs" / "rej.jsonl"
    rc, out, _ = ingest(["-", "--db", sqlite_url, "--no-extract", "--rejects", str(rejects)], input=data)
    assert rc == 0
    assert "read 3, stored 3" in out and "rejected 1" in out and str(rejects) in out
    rec = json.loads(rejects.read_text().splitlines()[0])
    assert rec["position"] == "line 4" and "json" in rec["reason"]


def test_only_input_bad_is_one_line_error(tmp_path: Path, sqlite_url: str) -> None:
    rc, out, err = ingest([str(tmp_path / "missing.txt"), "--db", sqlite_url])
    assert rc == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("sigact: error: nothing to ingest:") and "missing.txt" in err
    bad_db = f"sqlite:///{tmp_path}/no/such/dir.db"
    rc, _, err = ingest([str(write_jsonl(tmp_path / "a.jsonl", 1)), "--db", bad_db])
    assert rc == 1 and err.startswith("sigact: error: SIG-E302") and err.count("\n") == 1
    res = CliRunner().invoke(main, ["ingest", "x.jsonl", "--published", "2024-13-45"])
    assert res.exit_code == 2 and "not a date" in res.stderr


def test_progress_display_only_after_a_while() -> None:
    from sigact.cli.store import _Progress
    from sigact.store.ingest import IngestSummary

    quiet = _Progress(enabled=False)
    quiet.t0 -= 60
    quiet(IngestSummary(read=5))
    assert quiet.bar is None
    tty = _Progress(enabled=True)
    tty(IngestSummary(read=5))
    assert tty.bar is None  # a short run shows nothing
    tty.t0 -= 60
    tty(IngestSummary(read=500, stored=400, duplicates=100, events=42, seconds=60.0))
    try:
        assert tty.bar is not None
        desc = tty.bar.tasks[0].description
        assert "read 500" in desc and "events 42" in desc and "8 articles/s" in desc
    finally:
        tty.stop()


def _seed(url: str) -> None:
    a = Article.create("Soldiers clashed with militants near Mosul; four fighters were killed.",
                       url="https://news.example/mosul", published="2024-03-02", outlet="Example Wire")
    b = Article.create("Protesters marched in Suva on Friday.", url="https://news.example/suva", published="2024-04-05")
    e1 = Event(id="e-mosul", article_id=a.id, acled_event_type="Battles", acled_sub_event_type="Armed clash",
               actor1=Actor(name="Military Forces of Iraq", type="military", country="IRQ"),
               actor2=Actor(name="Islamic State", type="rebel"), fatalities=4,
               location=Place(name="Mosul", admin1="Nineveh", country="IRQ", lat=36.34, lon=43.13, precision="town"),
               date=DateSpan("2024-03-01", "2024-03-01", "day", "on Friday"),
               evidence=(Evidence("trigger", 9, 16, "clashed"),))
    e2 = Event(id="e-threat", article_id=a.id, factuality="threat", acled_event_type="Strategic developments",
               location=Place(name="Mosul", country="IRQ"), date=DateSpan("2024-03-02", "2024-03-02", "reported"))
    e3 = Event(id="e-suva", article_id=b.id, acled_event_type="Protests", acled_sub_event_type="Peaceful protest",
               actor1=Actor(name="Protesters (Fiji)", type="protesters", country="FJI"),
               location=Place(name="Suva", country="FJI", lat=-18.14, lon=178.44),
               date=DateSpan("2024-04-05", "2024-04-05", "day", "on Friday"))
    with Store.open(url) as st:
        st.add_batch([(a, [e1, e2]), (b, [e3])])


def events(args: list[str]) -> str:
    res = CliRunner().invoke(main, ["events", *args], catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    return res.stdout


def test_events_command(db_url: str) -> None:
    _seed(db_url)
    recs = [json.loads(x) for x in events(["--db", db_url, "--format", "jsonl"]).splitlines()]
    assert [r["id"] for r in recs] == ["e-suva", "e-mosul"]  # newest first, incidents only
    assert recs[1]["evidence"][0]["text"] == "clashed" and recs[1]["sources"][0]["outlet"] == "Example Wire"
    all_ids = [json.loads(x)["id"] for x in events(["--db", db_url, "--format", "jsonl", "--all"]).splitlines()]
    assert all_ids == ["e-suva", "e-threat", "e-mosul"]
    rows = list(csv.DictReader(io.StringIO(events(["--db", db_url, "--format", "csv", "--country", "irq"]))))
    assert [r["id"] for r in rows] == ["e-mosul"] and rows[0]["fatalities"] == "4"
    one = events(["--db", db_url, "--format", "jsonl", "--type", "Protests", "--since", "2024-04-01",
                  "--until", "2024-04-30"])
    assert [json.loads(x)["id"] for x in one.splitlines()] == ["e-suva"]
    assert len(events(["--db", db_url, "--format", "jsonl", "--all", "--limit", "2"]).splitlines()) == 2
    table = events(["--db", db_url])
    assert "Military Forces of Iraq" in table and "Battles / Armed clash" in table and "Mosul, Nineveh" in table
    assert "2 event(s)" in table and "Islamic State" in table


def test_events_on_missing_database(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["events", "--db", f"sqlite:///{tmp_path}/none.db"])
    assert res.exit_code == 1 and "no database at" in res.stderr and not (tmp_path / "none.db").exists()


def _count(url: str) -> int:
    with Store.open(url) as st:
        return st.counts()["articles"]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_kill_9_mid_ingest_then_rerun(db_url: str, tmp_path: Path) -> None:
    """kill -9 a real `sigact ingest` of 1,000 articles part-way; the re-run leaves exactly 1,000."""
    src = write_jsonl(tmp_path / "thousand.jsonl", 1000)
    cmd = SIGACT + ["ingest", str(src), "--db", db_url, "--no-extract", "--batch-size", "10"]
    Store.open(db_url).close()  # schema in place, so polling can start at once
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    with Store.open(db_url) as st:
        deadline = time.monotonic() + 120
        kill_at = random.Random().randint(1, 500)  # a different moment each run
        while st.counts()["articles"] < kill_at and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode() if proc.stderr else ""
    partial = _count(db_url)
    print(f"killed after {partial} committed articles (aimed at {kill_at})")
    assert 0 < partial < 1000 and partial % 10 == 0  # only whole committed batches survive
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=240)
    assert done.returncode == 0, done.stderr
    assert f"stored {1000 - partial}, duplicates skipped {partial}" in done.stdout
    with Store.open(db_url) as st:
        c = st.counts()
    assert (c["articles"], c["revisions"]) == (1000, 1000)
    again = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=240)
    assert "stored 0, duplicates skipped 1000" in again.stdout and _count(db_url) == 1000


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_real_pipeline_end_to_end(tmp_path: Path, sqlite_url: str) -> None:
    """The real pipeline on the worked example: events stored with evidence that points into the stored text."""
    example = EXAMPLES / "us-strikes-iraq.txt"
    if not example.exists():
        pytest.skip(f"worked example not found at {example}")
    rc, out, err = ingest([str(example), "--db", sqlite_url])
    assert rc == 0, err
    with Store.open(sqlite_url) as st:
        first = st.counts()
        assert first["articles"] == 1 and first["events"] >= 1
        events = list(st.iter_events(factuality=None))
        art = st.get_article(events[0].article_id)
        assert art is not None
        for ev in events:
            assert st.get_event(ev.id) == ev
            for e in ev.evidence:
                assert art.text[e.start:e.end] == e.text
        assert any(e.is_incident for e in events)
        assert st.count_events(article_id=art.id, factuality=None) == len(events)
    rc, out, _ = ingest([str(example), "--db", sqlite_url])
    assert rc == 0 and "stored 0, duplicates skipped 1" in out and "events found 0" in out
    with Store.open(sqlite_url) as st:
        assert st.counts() == first
