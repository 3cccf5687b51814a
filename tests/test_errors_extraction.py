"""A stage that crashes on one article: an ExtractionError (SIG-E200) naming the article and the stage,
a rejects-log line with the code, and the rest of the batch goes on (ingest, batch, watch, eval, API, extract).

The pipeline here is the real :class:`sigact.pipeline.Pipeline` with light stand-in stages (no spaCy),
one of which is made to fail on texts containing a marker word.
"""

from __future__ import annotations

import ast
import json
import pickle
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterable, Iterator

import pytest

from sigact.errors import ConfigError, ExtractionError, run_stage
from sigact.model import Article, DateSpan, Event, Evidence
from sigact.pipeline import Pipeline

MARK = "KABOOM"


class _Doc(SimpleNamespace):
    text: str


class FakeNLP:
    """``nlp(text)`` and ``nlp.pipe(..., as_tuples=True)`` returning objects with ``.text``."""

    def __call__(self, text: str) -> _Doc:
        return _Doc(text=text)

    def pipe(self, items: Iterable[tuple[str, Any]], as_tuples: bool = True, batch_size: int = 16) -> Iterator:
        for text, ctx in items:
            yield _Doc(text=text), ctx


class Stage:
    """A geo or date stage that fails (``exc``) on texts containing MARK when ``fail`` is set."""

    def __init__(self, fail: bool = False, exc: Exception | None = None):
        self.fail, self.exc = fail, exc or ValueError("index out of range in a gazetteer lookup")

    def analyze(self, doc: _Doc, *_: Any) -> object:
        if self.fail and MARK in doc.text:
            raise self.exc
        return object()


class Extractor:
    """One event per text that contains 'killed'."""

    def extract(self, doc: _Doc, article: Article, geo: Any = None, dates: Any = None) -> list[Event]:
        if "killed" not in doc.text:
            return []
        i = doc.text.index("killed")
        return [Event(id=f"{article.id}:0", article_id=article.id, acled_event_type="Violence against civilians",
                      date=DateSpan("2024-05-01", "2024-05-01", "reported"),
                      evidence=(Evidence("trigger", i, i + 6, "killed"),), version="test")]


def pipeline(geo_fails: bool = True, exc: Exception | None = None) -> Pipeline:
    return Pipeline(nlp=FakeNLP(), geo=Stage(geo_fails, exc), dates=Stage(), extractor=Extractor())


def art(n: int, bad: bool = False) -> Article:
    text = f"Gunmen killed {n} villagers in the village of Tanda on Monday." + (f" {MARK}" if bad else "")
    return Article.create(text, url=f"https://news.example/{n}", published="2024-05-01", input="feed.jsonl",
                          position=f"line {n}")


# ---------------------------------------------------------------- the error itself


def test_failing_stage_raises_extraction_error_naming_article_and_stage() -> None:
    bad = art(2, bad=True)
    with pytest.raises(ExtractionError) as info:
        pipeline().process(bad)
    err = info.value
    assert (err.code, err.stage, err.article_id, err.input) == ("SIG-E200", "geo", bad.id, "feed.jsonl")
    assert isinstance(err.__cause__, ValueError)
    assert str(err) == f"SIG-E200 feed.jsonl: geo stage: ValueError: index out of range in a gazetteer lookup (article {bad.id})"
    assert len(pipeline().process(art(1))) == 1  # a good article is untouched


def test_extraction_error_survives_pickling() -> None:
    """PoolPipeline and Dask workers send it back across processes."""
    with pytest.raises(ExtractionError) as info:
        pipeline().process(art(3, bad=True))
    back = pickle.loads(pickle.dumps(info.value))
    assert (back.code, back.stage, back.article_id, str(back)) == ("SIG-E200", "geo", info.value.article_id,
                                                                    str(info.value))


def test_config_error_is_not_a_per_article_failure() -> None:
    """A broken install stops the run instead of failing every article one by one."""
    with pytest.raises(ConfigError):
        pipeline(exc=ConfigError("lexicon missing")).process(art(4, bad=True))


def test_run_stage_keeps_an_existing_extraction_error_and_fills_it_in() -> None:
    a = art(5)
    inner = ExtractionError("tolls: number out of range")
    with pytest.raises(ExtractionError) as info:
        run_stage("extract", a, lambda: (_ for _ in ()).throw(inner))
    assert info.value is inner and (inner.stage, inner.article_id) == ("extract", a.id)
    rec = inner.to_reject(position="line 5")
    assert rec == {"input": "feed.jsonl", "position": "line 5", "reason": "extraction failed: tolls: number out of range",
                   "code": "SIG-E200", "article_id": a.id, "stage": "extract"}


def test_pipe_failure_is_the_stage_error() -> None:
    """In a batch (``pipe``) the failing article's stage error escapes too; callers retry one by one."""
    with pytest.raises(ExtractionError, match="geo stage"):
        list(pipeline().pipe([art(1), art(2, bad=True)]))


# ---------------------------------------------------------------- ingest (and watch, which uses it)


def _reader(items: list) -> Any:
    def read(paths: Any, published: Any = None, stdin: Any = None) -> Iterator:
        yield from items
    return read


def test_ingest_logs_the_failure_with_code_and_goes_on(sqlite_url: str, tmp_path: Path) -> None:
    from sigact.store import Store, run_ingest

    items = [art(1), art(2, bad=True), art(3)]
    with Store.open(sqlite_url) as store:
        s = run_ingest(["x"], store, pipeline=pipeline(), reader=_reader(items), rejects_path=tmp_path / "r.jsonl")
        assert (s.read, s.stored, s.events, s.rejected, s.failed) == (3, 3, 2, 1, 1)
        assert store.counts()["events"] == 2
    [rec] = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert rec["code"] == "SIG-E200" and rec["stage"] == "geo" and rec["article_id"] == items[1].id
    assert (rec["input"], rec["position"]) == ("feed.jsonl", "line 2")
    assert rec["reason"].startswith("extraction failed: geo stage: ValueError")
    assert s.first_reject.startswith("feed.jsonl (line 2): extraction failed: geo stage")


def test_a_failed_article_is_retried_by_the_next_run(sqlite_url: str, tmp_path: Path) -> None:
    """It is stored as not extracted: a re-run with the bug still there logs nothing new; once fixed, it is coded."""
    from sigact.store import Store, run_ingest

    items = [art(1), art(2, bad=True)]
    log = tmp_path / "r.jsonl"
    with Store.open(sqlite_url) as store:
        run_ingest(["x"], store, pipeline=pipeline(), reader=_reader(items), rejects_path=log)
        assert store.article_info([items[1].id])[items[1].id].extracted is False
        again = run_ingest(["x"], store, pipeline=pipeline(), reader=_reader(items), rejects_path=log)
        assert (again.duplicates, again.rejected, again.events) == (2, 1, 0)
        assert len(log.read_text().splitlines()) == 1  # the same failure is not logged twice
        fixed = run_ingest(["x"], store, pipeline=pipeline(geo_fails=False), reader=_reader(items), rejects_path=log)
        assert (fixed.extracted, fixed.events, fixed.rejected, fixed.duplicates) == (1, 1, 0, 1)
        assert store.counts()["events"] == 2


def test_ingest_cli_says_how_many_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import sigact.pipeline
    from sigact.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{a}", "text": art(a, bad=a == 2).text}) + "\n" for a in (1, 2)))
    monkeypatch.setattr(sigact.pipeline, "get_pipeline", pipeline)
    r = CliRunner().invoke(main, ["ingest", str(src), "--db", f"sqlite:///{tmp_path / 'c.db'}"])
    assert r.exit_code == 0, r.output
    assert "read 2, stored 2" in r.output and "rejected 1 (extraction failed 1, retried next run)" in r.output
    assert f"rejects logged to {tmp_path / 'rejects.jsonl'}" in r.output
    [rec] = [json.loads(x) for x in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert (rec["code"], rec["stage"], rec["article_id"]) == ("SIG-E200", "geo", "r2")


def test_ingest_stops_on_a_config_error(sqlite_url: str, tmp_path: Path) -> None:
    from sigact.store import Store, run_ingest

    with Store.open(sqlite_url) as store, pytest.raises(ConfigError):
        run_ingest(["x"], store, pipeline=pipeline(exc=ConfigError("lexicon missing")),
                   reader=_reader([art(1, bad=True)]), rejects_path=tmp_path / "r.jsonl")


def test_watch_logs_the_failure_and_stores_the_other_entry(tmp_path: Path) -> None:
    import httpx

    from sigact.scale.watch import FeedWatcher
    from sigact.store import Store

    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<item><title>Gunmen kill farmers</title><link>https://wire.example/a1</link>
<description>Gunmen killed four farmers near Tanda on Monday, officials said.</description></item>
<item><title>Odd entry</title><link>https://wire.example/a2</link>
<description>Gunmen killed two herders near Gao on Sunday. {MARK}</description></item>
</channel></rss>"""
    client = httpx.Client(transport=httpx.MockTransport(lambda req: httpx.Response(200, content=rss.encode())))
    with Store.open(f"sqlite:///{tmp_path / 'w.db'}") as store:
        w = FeedWatcher(store, ["https://wire.example/rss"], every=60, client=client, pipeline=pipeline(),
                        host_delay=0.0, clock=lambda: 0.0, sleep=lambda s: None)
        [r] = w.poll_once()
        assert r.status == "fetched" and r.new_articles == 2 and r.events == 1
        assert (r.failed, r.rejected, r.rejects_path) == (1, 1, str(tmp_path / "rejects.jsonl"))
        assert r.first_reject and "entry 2" in r.first_reject
    [rec] = [json.loads(x) for x in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert (rec["code"], rec["stage"], rec["input"], rec["position"]) == ("SIG-E200", "geo", "https://wire.example/rss",
                                                                          "entry 2")


def test_watch_cli_prints_the_failures_of_a_round(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sigact watch` says on stderr that entries were rejected, with the first reason and the log's path."""
    from click.testing import CliRunner

    from sigact.cli import main
    from sigact.scale.watch import FeedWatcher, PollResult

    res = PollResult("https://wire.example/rss", "fetched", new_articles=2, events=1, failed=1, rejected=1,
                     first_reject="https://wire.example/rss entry 2: [SIG-E200] geo failed",
                     rejects_path=str(tmp_path / "rejects.jsonl"))
    monkeypatch.setattr(FeedWatcher, "poll_once", lambda self: [res])
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://wire.example/rss\n")
    out = CliRunner().invoke(main, ["watch", str(feeds), "--rounds", "1", "--db",
                                                   f"sqlite:///{tmp_path / 'w.db'}"])
    assert out.exit_code == 0, out.output
    assert "https://wire.example/rss: fetched: 2 new, 1 events" in out.stdout
    assert "1 rejected (1 extraction failures, retried next run)" in out.stderr
    assert "SIG-E200" in out.stderr and str(tmp_path / "rejects.jsonl") in out.stderr


# ---------------------------------------------------------------- batch (one Dask partition, in process)


def test_batch_partition_rejects_the_failing_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sigact.pipeline
    from sigact.scale.dask_run import Partition, process_partition

    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{a}", "text": art(a, bad=a == 2).text}) + "\n" for a in (1, 2, 3)))
    monkeypatch.setattr(sigact.pipeline, "get_pipeline", pipeline)
    res = process_partition(Partition(0, str(src), 0, None))
    assert [len(evs) for evs in res.events] == [1, 0, 1]
    [rec] = res.rejects
    assert (rec["code"], rec["stage"], rec["article_id"], rec["position"]) == ("SIG-E200", "geo", "r2", "line 2")


def test_batch_cli_writes_the_rejects_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``sigact batch`` writes each partition's rejects (with codes) to the log; run_dask stubbed."""
    from click.testing import CliRunner

    import sigact.scale.dask_run as dask_run
    from sigact.cli import main

    def fake_run_dask(paths: Any, scheduler: str, *, on_result: Any = None, **_: Any) -> list:
        res = dask_run.PartitionResult(0)
        res.articles = [{"id": "r1"}]
        res.rejects = [ExtractionError.wrap(KeyError("x"), stage="dates", article=art(1)).to_reject(),
                       {"input": "b.txt", "position": None, "reason": "binary: contains NUL bytes"}]
        on_result(res)
        return [res]

    monkeypatch.setattr(dask_run, "run_dask", fake_run_dask)
    (tmp_path / "in.txt").write_text("x")
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "in.txt"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert summary["rejected"] == 2 and summary["rejects"] == str(out / "rejects.jsonl")
    recs = [json.loads(x) for x in (out / "rejects.jsonl").read_text().splitlines()]
    assert [(x["code"], x.get("stage")) for x in recs] == [("SIG-E200", "dates"), ("SIG-E103", None)]


# ---------------------------------------------------------------- eval


def test_eval_goes_on_and_writes_the_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import sigact.pipeline
    from sigact.cli import main

    gold = {"date": "2024-05-01", "event_type": "Violence against civilians", "country": "Mali"}
    g = tmp_path / "g.jsonl"
    g.write_text("".join(json.dumps({"id": f"acled:{a}", "source_dataset": "acled", "text": art(a, bad=a == 2).text,
                                     "gold": gold}) + "\n" for a in (1, 2, 3)))
    monkeypatch.setattr(sigact.pipeline, "get_pipeline", pipeline)
    rej, out = tmp_path / "rej.jsonl", tmp_path / "o.json"
    r = CliRunner().invoke(main, ["eval", str(g), "--rejects", str(rej), "--json", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["pipeline_errors"] == 1
    [rec] = [json.loads(x) for x in rej.read_text().splitlines()]
    assert (rec["code"], rec["stage"], rec["article_id"], rec["input"]) == ("SIG-E200", "geo", "acled:2", str(g))
    assert "1 text(s) failed extraction" in r.output


# ---------------------------------------------------------------- API and sigact extract


def test_api_reports_the_failed_article_and_stores_the_rest(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from sigact.api.app import create_app
    from sigact.store import Store

    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store, \
            TestClient(create_app(store=store, api_key="k", pipeline=pipeline())) as client:
        body = [{"text": art(1).text, "id": "ok"}, {"text": art(2, bad=True).text, "id": "bad"}]
        r = client.post("/articles", json=body, headers={"X-API-Key": "k"})
        assert r.status_code == 201, r.text
        by_id = {a["id"]: a for a in r.json()["articles"]}
        assert by_id["ok"]["status"] == "stored" and len(by_id["ok"]["events"]) == 1
        assert by_id["bad"]["status"] == "failed" and by_id["bad"]["error"].startswith("SIG-E200")
        assert "geo stage" in by_id["bad"]["error"] and (by_id["bad"]["code"], by_id["bad"]["stage"]) == ("SIG-E200", "geo")
        assert "code" not in by_id["ok"]


def test_extract_cli_rejects_the_failing_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import sigact.pipeline
    from sigact.cli import main

    src = tmp_path / "recs.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{a}", "text": art(a, bad=a == 2).text}) + "\n" for a in (1, 2, 3))
                   + "{broken\n")
    monkeypatch.setattr(sigact.pipeline, "get_pipeline", pipeline)
    rej = tmp_path / "rej.jsonl"
    r = CliRunner().invoke(main, ["extract", str(src), "--format", "jsonl", "--rejects", str(rej)])
    assert r.exit_code == 0, r.output
    assert [json.loads(x)["article_id"] for x in r.stdout.splitlines()] == ["r1", "r3"]
    recs = [json.loads(x) for x in rej.read_text().splitlines()]
    assert [(x["position"], x["code"], x.get("stage")) for x in recs] == [("line 2", "SIG-E200", "geo"),
                                                                          ("line 4", "SIG-E102", None)]


# ---------------------------------------------------------------- codes of reader rejects


def _reject_input_calls() -> Iterator[tuple[str, str, str]]:
    """``(file, reason prefix, code)`` of every ``RejectInput("...", code=...)`` in src/sigact/ingest."""
    root = Path(__file__).resolve().parents[1] / "src" / "sigact"
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "RejectInput" and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant):
                prefix = str(first.value)
            elif isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
                prefix = str(first.values[0].value)
            else:
                continue
            code = next((kw.value.value for kw in node.keywords if kw.arg == "code"), "SIG-E100")
            yield path.name, prefix, code


def test_every_reader_reject_kind_maps_to_the_code_it_is_raised_with() -> None:
    from sigact.store.ingest import reject_code

    calls = list(_reject_input_calls())
    assert len(calls) >= 15
    wrong = [(f, p, c, reject_code(p)) for f, p, c in calls if reject_code(p) != c]
    assert not wrong, f"store/data/reject_codes.yaml disagrees with the code raised: {wrong}"


def test_reject_codes_of_plain_reasons() -> None:
    from sigact.store.ingest import reject_code

    assert reject_code("not found: no such file or directory") == "SIG-E101"
    assert reject_code("json: not valid JSON (Expecting value)") == "SIG-E102"
    assert reject_code("too large: line over 10 bytes") == "SIG-E104"
    assert reject_code("broken feed XML: mismatched tag") == "SIG-E105"
    assert reject_code("something nobody planned for") == "SIG-E100"


def test_reader_rejects_get_their_code_in_the_log(sqlite_url: str, tmp_path: Path) -> None:
    """Real readers, through ``run_ingest``: each line of the log carries the code of its kind."""
    from sigact.store import Store, run_ingest

    (tmp_path / "bin.txt").write_bytes(b"abc\x00\x01\x02 not text")
    (tmp_path / "bad.jsonl").write_text('{"text": "Gunmen killed four villagers on Monday."}\n{oops\n')
    with Store.open(sqlite_url) as store:
        s = run_ingest([str(tmp_path / "bin.txt"), str(tmp_path / "bad.jsonl"), str(tmp_path / "missing.txt")],
                       store, extract=False, rejects_path=tmp_path / "r.jsonl")
    assert s.rejected == 3
    codes = {Path(r["input"]).name: r["code"] for r in map(json.loads, (tmp_path / "r.jsonl").read_text().splitlines())}
    assert codes == {"bin.txt": "SIG-E103", "bad.jsonl": "SIG-E102", "missing.txt": "SIG-E101"}


def test_extract_cli_single_text_failure_is_one_line_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import sigact.pipeline
    from sigact.cli import main

    src = tmp_path / "one.txt"
    src.write_text(art(7, bad=True).text)
    monkeypatch.setattr(sigact.pipeline, "get_pipeline", pipeline)
    r = CliRunner().invoke(main, ["extract", str(src)])
    assert r.exit_code == 2
    assert f"error: SIG-E200 {src}: geo stage: ValueError" in r.output and "Traceback" not in r.output
