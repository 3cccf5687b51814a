"""run_ingest with a fake reader and a fake pipeline: batching, skipping before NLP, revisions, rejects, crashes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pytest

from sigact.model import Article, DateSpan, Event, Evidence
from sigact.store import Store, run_ingest
from sigact.store.ingest import RejectLog, default_rejects_path


@dataclass(frozen=True)
class Reject:
    """Same shape as sigact.ingest.Reject (input, position, reason; to_dict)."""

    input: str
    position: str | None
    reason: str

    def to_dict(self) -> dict:
        return {"input": self.input, "position": self.position, "reason": self.reason}


class FakePipeline:
    """Codes one event per article that contains "killed"; records which articles it saw."""

    version = "fake-1"

    def __init__(self, fail_on: str | None = None, crash_after_batches: int | None = None):
        self.seen: list[str] = []
        self.batches = 0
        self.fail_on = fail_on
        self.crash_after_batches = crash_after_batches

    def _events(self, a: Article) -> list[Event]:
        if self.fail_on and self.fail_on in a.text:
            raise RuntimeError("stage exploded")
        if "killed" not in a.text:
            return []
        i = a.text.index("killed")
        return [Event(id=f"{a.id}:0", article_id=a.id, acled_event_type="Violence against civilians",
                      date=DateSpan(a.published, a.published, "reported"), fatalities=a.text.count("x") or None,
                      evidence=(Evidence("trigger", i, i + 6, "killed"),), version=self.version)]

    def pipe(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        self.batches += 1
        if self.crash_after_batches is not None and self.batches > self.crash_after_batches:
            raise KeyboardInterrupt  # like Ctrl-C / a kill in the middle of NLP
        for a in articles:
            self.seen.append(a.id)
            yield a, self._events(a)

    def process(self, article: Article) -> list[Event]:
        self.seen.append(article.id)
        return self._events(article)


def art(n: int, text: str | None = None) -> Article:
    return Article.create(text or f"Militants killed villagers in village number {n}.",
                          url=f"https://news.example/{n}", published="2024-05-01", input="feed.jsonl",
                          position=f"line {n}")


def fake_reader(items: list):
    """A stand-in for sigact.ingest.read_inputs over a fixed list of items."""
    calls = []

    def read(paths, published=None, stdin=None):
        calls.append((paths, published))
        yield from items

    read.calls = calls  # type: ignore[attr-defined]
    return read


@pytest.fixture
def store(db_url: str):
    with Store.open(db_url) as st:
        yield st


def test_ingest_twice_skips_before_nlp(store: Store, tmp_path: Path) -> None:
    items = [art(i) for i in range(7)] + [art(100, "Nothing happened today in the capital.")]
    pipe = FakePipeline()
    progress = []
    s1 = run_ingest(["x"], store, pipeline=pipe, batch_size=3, reader=fake_reader(items),
                    rejects_path=tmp_path / "r.jsonl", progress=lambda s: progress.append(s.read))
    assert (s1.read, s1.stored, s1.duplicates, s1.revised, s1.rejected, s1.events, s1.batches) == (8, 8, 0, 0, 0, 7, 3)
    assert progress == [3, 6, 8, 8]
    counts = store.counts()
    pipe2 = FakePipeline()
    s2 = run_ingest(["x"], store, pipeline=pipe2, batch_size=3, reader=fake_reader(items), rejects_path=tmp_path / "r.jsonl")
    assert (s2.read, s2.stored, s2.duplicates, s2.events, s2.batches) == (8, 0, 8, 0, 0)
    assert pipe2.seen == []  # nothing went through NLP again
    assert store.counts() == counts
    assert store.get_event(f"{art(3).id}:0").evidence[0].text == "killed"
    assert not (tmp_path / "r.jsonl").exists()  # no rejects, no log


def test_changed_article_is_a_revision(store: Store, tmp_path: Path) -> None:
    run_ingest(["x"], store, pipeline=FakePipeline(), reader=fake_reader([art(1)]), rejects_path=tmp_path / "r")
    changed = art(1, "Update: militants killed xxx villagers in village number 1.")
    pipe = FakePipeline()
    s = run_ingest(["x"], store, pipeline=pipe, reader=fake_reader([changed]), rejects_path=tmp_path / "r")
    assert (s.stored, s.revised, s.events) == (0, 1, 1) and pipe.seen == [changed.id]
    assert store.get_event(f"{changed.id}:0").fatalities == 3
    assert store.counts()["revisions"] == 2 and store.counts()["events"] == 1


def test_duplicates_inside_one_input(store: Store, tmp_path: Path) -> None:
    pipe = FakePipeline()
    s = run_ingest(["x"], store, pipeline=pipe, reader=fake_reader([art(1), art(2), art(1)]),
                   rejects_path=tmp_path / "r")
    assert (s.read, s.stored, s.duplicates) == (3, 2, 1) and len(pipe.seen) == 2


def test_rejects_log(sqlite_url: str, tmp_path: Path) -> None:
    items = [Reject("bad.bin", None, "binary: contains NUL bytes"), art(1),
             Reject("feed.jsonl", "line 9", "JSON: Expecting value")]
    with Store.open(sqlite_url) as st:
        s = run_ingest(["x"], st, pipeline=FakePipeline(), reader=fake_reader(items))
        # default: next to the SQLite file
        assert Path(s.rejects_path) == tmp_path / "rejects.jsonl" == default_rejects_path(sqlite_url)
        assert s.rejected == 2 and s.first_reject == "bad.bin: binary: contains NUL bytes"
        recs = [json.loads(x) for x in Path(s.rejects_path).read_text().splitlines()]
        assert [(r["input"], r["position"], r["reason"], r["code"]) for r in recs] == [
            ("bad.bin", None, "binary: contains NUL bytes", "SIG-E103"),
            ("feed.jsonl", "line 9", "JSON: Expecting value", "SIG-E102")]
        assert all(r["rejected_at"] for r in recs)
        # a re-run does not log the same rejects again
        s2 = run_ingest(["x"], st, pipeline=FakePipeline(), reader=fake_reader(items))
        assert s2.rejected == 2 and len(Path(s.rejects_path).read_text().splitlines()) == 2


def test_rejects_path_for_other_urls(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert default_rejects_path("postgresql+psycopg://u@h/db") == tmp_path / "rejects.jsonl"
    assert default_rejects_path("sqlite://") == tmp_path / "rejects.jsonl"
    log = RejectLog(tmp_path / "sub" / "r.jsonl")
    assert log.add({"input": "a", "position": None, "reason": "r"}) is True
    assert log.add({"input": "a", "position": None, "reason": "r"}) is False
    log.close()


def test_pipeline_failure_isolated_to_one_article(store: Store, tmp_path: Path) -> None:
    items = [art(1), art(2, "Bad article: militants killed BOOM people."), art(3)]
    pipe = FakePipeline(fail_on="BOOM")
    s = run_ingest(["x"], store, pipeline=pipe, reader=fake_reader(items), rejects_path=tmp_path / "r.jsonl")
    assert (s.stored, s.events, s.rejected) == (3, 2, 1)
    [rec] = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert rec["reason"].startswith("extraction failed: RuntimeError: stage exploded")
    # a pipeline that does not name its stages: stage "pipeline"; the article is named
    assert (rec["code"], rec["stage"], rec["article_id"]) == ("SIG-E200", "pipeline", items[1].id)


def test_no_extract_then_extract(store: Store, tmp_path: Path) -> None:
    items = [art(i) for i in range(4)]
    pipe = FakePipeline()
    s = run_ingest(["x"], store, pipeline=pipe, extract=False, reader=fake_reader(items), rejects_path=tmp_path / "r")
    assert (s.stored, s.events) == (4, 0) and pipe.seen == []
    # no-extract again: all duplicates
    assert run_ingest(["x"], store, extract=False, reader=fake_reader(items), rejects_path=tmp_path / "r").duplicates == 4
    s = run_ingest(["x"], store, pipeline=pipe, reader=fake_reader(items), rejects_path=tmp_path / "r")
    assert (s.extracted, s.events, s.duplicates) == (4, 4, 0) and len(pipe.seen) == 4
    assert store.counts()["revisions"] == 4


def test_crash_mid_run_then_resume(store: Store, tmp_path: Path) -> None:
    items = [art(i) for i in range(20)]
    with pytest.raises(KeyboardInterrupt):
        run_ingest(["x"], store, pipeline=FakePipeline(crash_after_batches=2), batch_size=5,
                   reader=fake_reader(items), rejects_path=tmp_path / "r")
    assert store.counts()["articles"] == 10  # two committed batches, the third lost
    pipe = FakePipeline()
    s = run_ingest(["x"], store, pipeline=pipe, batch_size=5, reader=fake_reader(items), rejects_path=tmp_path / "r")
    assert (s.duplicates, s.stored) == (10, 10) and len(pipe.seen) == 10
    c = store.counts()
    assert (c["articles"], c["events"], c["revisions"]) == (20, 20, 20)


def test_published_is_passed_to_reader(store: Store, tmp_path: Path) -> None:
    reader = fake_reader([])
    s = run_ingest(["a.txt", "-"], store, pipeline=FakePipeline(), published="2024-02-02", reader=reader,
                   rejects_path=tmp_path / "r")
    assert reader.calls == [(["a.txt", "-"], "2024-02-02")] and s.read == 0
    with pytest.raises(ValueError):
        run_ingest(["x"], store, batch_size=0, reader=reader)


def test_concurrent_ingests_do_not_duplicate(db_url: str, tmp_path: Path) -> None:
    """Two writers ingesting the same articles at once (threads, separate Store objects)."""
    import threading

    items = [art(i) for i in range(60)]
    results, errors = [], []

    def worker() -> None:
        try:
            with Store.open(db_url) as st:
                results.append(run_ingest(["x"], st, pipeline=FakePipeline(), batch_size=7,
                                          reader=fake_reader(items), rejects_path=tmp_path / "r"))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sum(r.stored for r in results) == 60
    assert sum(r.stored + r.duplicates for r in results) == 120
    with Store.open(db_url) as st:
        c = st.counts()
    assert (c["articles"], c["events"], c["revisions"]) == (60, 60, 60)


def test_on_batch_hook_sees_each_committed_batch(store: Store, tmp_path: Path) -> None:
    seen = []
    items = [art(i) for i in range(5)] + [art(50, "A quiet day in the capital.")]
    run_ingest(["x"], store, pipeline=FakePipeline(), batch_size=2, reader=fake_reader(items),
               rejects_path=tmp_path / "r", on_batch=lambda st, res: seen.append((st is store, res.event_ids)))
    assert [ok for ok, _ in seen] == [True, True, True]
    assert [ids for _, ids in seen] == [[f"{art(0).id}:0", f"{art(1).id}:0"], [f"{art(2).id}:0", f"{art(3).id}:0"],
                                        [f"{art(4).id}:0"]]
    seen.clear()  # nothing new on a re-run: no batch written, no hook call
    run_ingest(["x"], store, pipeline=FakePipeline(), batch_size=2, reader=fake_reader(items),
               rejects_path=tmp_path / "r", on_batch=lambda st, res: seen.append(res))
    assert seen == []


def test_cluster_hook_merges_reports_of_one_event(sqlite_url: str) -> None:
    """`sigact ingest --cluster`: two outlets' reports of the same strike become one canonical event."""
    from sigact.cli.store import _clusterer
    from sigact.model import Actor, Place, Source

    def report(n: int, outlet: str, text: str) -> tuple[Article, list[Event]]:
        a = Article.create(text, url=f"https://{outlet}.example/{n}", outlet=outlet, published="2024-02-15")
        i = text.index("killed")
        return a, [Event(id=f"{a.id}:0", article_id=a.id, acled_event_type="Explosions/Remote violence",
                         acled_sub_event_type="Air/drone strike", plover_type="ASSAULT",
                         actor1=Actor(name="Military Forces of Iraq", type="military", country="IRQ"),
                         actor2=Actor(name="Islamic State", type="rebel"), fatalities=4,
                         location=Place(name="Tikrit", admin1="Salah al-Din", country="IRQ", lat=34.6, lon=43.68,
                                        precision="town"),
                         date=DateSpan("2024-02-14", "2024-02-14", "day", "on Wednesday"),
                         evidence=(Evidence("trigger", i, i + 6, "killed"),),
                         sources=(Source(a.id, a.url, outlet, "2024-02-15"),))]

    r1 = report(1, "alpha", "An Iraqi air strike killed four Islamic State fighters near Tikrit on Wednesday.")
    r2 = report(2, "beta", "Iraqi jets killed four IS militants in a strike close to Tikrit on Wednesday, officials said.")
    with Store.open(sqlite_url) as st:
        hook = _clusterer()
        for pair in (r1, r2):
            hook(st, st.add_batch([pair]))
        clusters = st.event_clusters([r1[1][0].id, r2[1][0].id])
        assert len(set(clusters.values())) == 1
        assert st.count_events(min_sources=2) == 2 and st.counts()["clusters"] == 1


def test_reextract_with_a_new_pipeline_version(store: Store, tmp_path: Path) -> None:
    items = [art(i) for i in range(4)]
    run_ingest(["x"], store, pipeline=FakePipeline(), reader=fake_reader(items), rejects_path=tmp_path / "r")
    newer = FakePipeline()
    newer.version = "fake-2"
    # without --reextract, a new pipeline does not touch stored articles
    s = run_ingest(["x"], store, pipeline=newer, reader=fake_reader(items), rejects_path=tmp_path / "r")
    assert s.duplicates == 4 and newer.seen == []
    s = run_ingest(["x"], store, pipeline=newer, reader=fake_reader(items), rejects_path=tmp_path / "r",
                   reextract=True)
    assert (s.extracted, s.events, s.duplicates, s.revised) == (4, 4, 0, 0) and len(newer.seen) == 4
    c = store.counts()
    assert (c["articles"], c["events"], c["revisions"]) == (4, 4, 4)
    assert store.article_info([items[0].id])[items[0].id].pipeline_version == "fake-2"
    # coded by the current version already: skipped before NLP
    again = FakePipeline()
    again.version = "fake-2"
    s = run_ingest(["x"], store, pipeline=again, reader=fake_reader(items), rejects_path=tmp_path / "r",
                   reextract=True)
    assert s.duplicates == 4 and again.seen == []
