"""Bad input: every case becomes a Reject with a clear reason, and the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
import os

import pytest

from sigact.errors import InputError
from sigact.ingest import Reject, read_inputs, read_path
from sigact.model import Article
from test_ingest_builders import PARAS, html_page, jsonl_lines, rss_feed, warc_bytes, write


def _one_reject(items) -> Reject:
    items = list(items)
    assert len(items) == 1 and isinstance(items[0], Reject), items
    return items[0]


def test_missing_path():
    r = _one_reject(read_path("/definitely/not/here.txt"))
    assert r.input == "/definitely/not/here.txt" and r.reason.startswith("not found")


def test_too_large_text_rejected_without_reading(tmp_path, monkeypatch):
    big = write(tmp_path / "big.txt", "word " * 1000)
    opened = []
    real_open = open

    def spy(path, *a, **kw):
        opened.append(str(path))
        return real_open(path, *a, **kw)

    monkeypatch.setattr("builtins.open", spy)
    r = _one_reject(read_path(big, max_bytes=100))
    assert r.reason.startswith("too large") and str(big) not in opened


def test_too_large_gzip_stops_at_limit(tmp_path):
    gz = write(tmp_path / "big.txt.gz", gzip.compress(b"word " * 100_000))
    r = _one_reject(read_path(gz, max_bytes=1000))
    assert r.reason.startswith("too large")


def test_binary_file(tmp_path):
    r = _one_reject(read_path(write(tmp_path / "x.txt", b"PK\x03\x04\x00\x00binary\x00junk")))
    assert r.reason.startswith("binary")


def test_control_character_soup_is_binary(tmp_path):
    r = _one_reject(read_path(write(tmp_path / "y.txt", bytes(range(1, 32)) * 50)))
    assert r.reason.startswith("binary")


def test_legacy_encoding_detected(tmp_path):
    text = ("Des hommes armés ont attaqué un poste de gendarmerie à Kaya, tuant quatre gendarmes, "
            "selon des sources sécuritaires. L'attaque a été revendiquée par un groupe armé.\n") * 3
    (a,) = list(read_path(write(tmp_path / "fr.txt", text.encode("cp1252"))))
    assert isinstance(a, Article) and "attaqué" in a.text and a.language == "fr"


def test_utf16_with_bom(tmp_path):
    (a,) = list(read_path(write(tmp_path / "u16.txt", ("\ufeff" + PARAS[0]).encode("utf-16-le"))))
    assert isinstance(a, Article) and a.text == PARAS[0]


def test_truncated_gzip(tmp_path):
    data = gzip.compress(jsonl_lines([{"text": p} for p in PARAS * 50]).encode())
    path = write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    items = list(read_path(path))
    arts = [i for i in items if isinstance(i, Article)]
    assert arts, "the lines before the cut are read"
    r = items[-1]
    assert isinstance(r, Reject) and "gzip" in r.reason and r.position == f"line {len(arts) + 1}"


def test_truncated_gzip_text(tmp_path):
    data = gzip.compress(("\n\n".join(PARAS) * 20).encode())
    r = _one_reject(read_path(write(tmp_path / "cut.txt.gz", data[:-30])))
    assert "truncated or corrupt gzip" in r.reason


def test_corrupt_warc(tmp_path):
    r = _one_reject(read_path(write(tmp_path / "bad.warc", b"WARC/1.0\r\nthis is not a header\r\n\r\n")))
    assert "WARC" in r.reason


def test_warc_gz_garbage_after_good_record(tmp_path):
    good = warc_bytes([("https://k.example/1", html_page().encode(), "text/html")])
    items = list(read_path(write(tmp_path / "g.warc.gz", good + b"\x1f\x8b\x08\x00garbage-not-gzip" * 3)))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], Reject) and items[-1].position.startswith("offset")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_unreadable_dir_and_file(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    write(locked / "a.txt", PARAS[0])
    noread = write(tmp_path / "noread.txt", PARAS[1])
    write(tmp_path / "ok.txt", PARAS[2])
    locked.chmod(0)
    noread.chmod(0)
    try:
        items = list(read_path(tmp_path))
    finally:
        locked.chmod(0o755)
        noread.chmod(0o644)
    reasons = {r.input.rsplit("/", 1)[-1]: r.reason for r in items if isinstance(r, Reject)}
    assert reasons["locked"].startswith("permission denied")
    assert reasons["noread.txt"].startswith("permission denied")
    assert [a.text for a in items if isinstance(a, Article)] == [PARAS[2]]


def test_unreadable_dir_as_root_via_scandir(tmp_path, monkeypatch):
    """Root ignores chmod, so the permission error is simulated at os.scandir."""
    locked = tmp_path / "locked"
    locked.mkdir()
    write(locked / "a.txt", PARAS[0])
    write(tmp_path / "ok.txt", PARAS[2])
    real = os.scandir

    def scandir(path):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_path(tmp_path))
    assert isinstance(items[0], Reject) and items[0].reason.startswith("permission denied")
    assert isinstance(items[1], Article) and items[1].text == PARAS[2]


def test_not_a_feed(tmp_path):
    r = _one_reject(read_path(write(tmp_path / "sitemap.xml", '<?xml version="1.0"?><urlset><url/></urlset>')))
    assert r.reason.startswith("not a feed")


def test_feed_entry_without_content(tmp_path):
    xml = rss_feed(2, with_content=False).replace(
        "<description>&lt;p&gt;Gunmen attacked a checkpoint in district 1, police said.&lt;/p&gt;</description>", "")
    items = list(read_path(write(tmp_path / "f.rss", xml)))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Reject) and items[1].position == "entry 2" and items[1].reason.startswith("empty")


def test_html_without_article_text(tmp_path):
    r = _one_reject(read_path(write(tmp_path / "empty.html", "<html><body><nav>Home</nav></body></html>")))
    assert r.reason.startswith("empty")


def test_boilerplate_only_text(tmp_path):
    r = _one_reject(read_path(write(tmp_path / "b.txt", "Advertisement\n\n› Subscribe\nShare this\n")))
    assert r.reason.startswith("empty")


def test_jsonl_line_too_large_is_skipped(tmp_path):
    path = write(tmp_path / "l.jsonl", json.dumps({"text": "x " * 5000}) + "\n" + json.dumps({"text": PARAS[0]}) + "\n")
    items = list(read_path(path, max_bytes=2000))
    assert isinstance(items[0], Reject) and items[0].position == "line 1" and items[0].reason.startswith("too large")
    assert isinstance(items[1], Article) and items[1].position == "line 2"


def test_jsonl_bad_field_types(tmp_path):
    path = write(tmp_path / "t.jsonl", jsonl_lines([
        {"text": 42}, {"text": "   "}, {"text": PARAS[0], "title": ["x"], "published": {"y": 1}, "id": True},
        '"just a string"', "\xff\xfe not utf8",
    ]))
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Reject", "Reject", "Article", "Reject", "Reject"]
    art = items[2]
    assert art.title is None and art.published is None and art.id.startswith("sha:")


def test_sidecar_broken(tmp_path):
    txt = write(tmp_path / "s.txt", PARAS[0])
    write(tmp_path / "s.meta.json", "{not json")
    r = _one_reject(read_path(txt))
    assert "sidecar" in r.reason


def test_special_file_rejected(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = _one_reject(read_path(fifo))
    assert r.reason.startswith("unsupported")


def test_empty_stdin():
    r = _one_reject(read_inputs(["-"], stdin=io.BytesIO(b"")))
    assert r.input == "-" and r.reason.startswith("empty")


def test_batch_goes_on_after_every_bad_input(tmp_path):
    good = write(tmp_path / "good.txt", PARAS[0])
    bad = [
        tmp_path / "missing.txt",
        write(tmp_path / "bin.txt", b"\x00\x01\x02"),
        write(tmp_path / "big.txt", "long " * 500),
        write(tmp_path / "broken.warc.gz", b"\x1f\x8b\x08\x00\x00\x00"),
        write(tmp_path / "broken.jsonl", "{{{\n"),
        write(tmp_path / "broken.rss", "<rss><channel><item><title>x"),
    ]
    items = list(read_inputs([*bad, good], max_bytes=1000))
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(rejects) == len(bad)
    assert all(r.reason and r.input for r in rejects)
    assert isinstance(items[-1], Article) and items[-1].text == PARAS[0]
    for r in rejects:
        assert set(r.to_dict()) == {"input", "position", "reason"}
        json.dumps(r.to_dict())


def test_bad_published_argument_raises_input_error():
    with pytest.raises(InputError):
        list(read_inputs([], published="not a date"))


def test_unreadable_file_as_root_via_open(tmp_path, monkeypatch):
    """Root ignores chmod, so the permission error is simulated at open()."""
    locked = write(tmp_path / "locked.html", html_page())
    ok = write(tmp_path / "ok.txt", PARAS[0])
    real_open = open

    def fake_open(path, *a, **kw):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    monkeypatch.setattr("builtins.open", fake_open)
    items = list(read_inputs([locked, ok]))
    assert isinstance(items[0], Reject) and items[0].reason.startswith("permission denied")
    assert isinstance(items[1], Article)


def test_symlinked_folder_followed_once(tmp_path):
    root = tmp_path / "root"
    write(root / "sub" / "a.txt", PARAS[0])
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    (root / "link").symlink_to(root / "sub", target_is_directory=True)
    write(tmp_path / "elsewhere" / "b.txt", PARAS[1])
    (root / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "dangling.txt").symlink_to(tmp_path / "nothing.txt")
    items = list(read_path(root))
    arts = sorted(i.text for i in items if isinstance(i, Article))
    assert arts == sorted([PARAS[0], PARAS[1]])
    reasons = sorted(i.reason for i in items if isinstance(i, Reject))
    assert reasons == ["not found: broken symbolic link"] + ["skipped: symlink loop (folder already read)"] * 2
