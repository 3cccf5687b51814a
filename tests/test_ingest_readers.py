"""Readers: every format, metadata, cleaning, folders and stdin (inputs built in tmp_path)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from sigact.ingest import Reject, read_inputs, read_path, read_text_input
from sigact.model import Article
from test_ingest_builders import COMMENT, PARAS, atom_feed, html_page, jsonl_lines, rss_feed, warc_bytes, write


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)]


def test_html_page_keeps_text_drops_nav_forms_comments(tmp_path):
    page = write(tmp_path / "beni.html", html_page())
    arts, rej = _split(read_path(page))
    assert rej == [] and len(arts) == 1
    a = arts[0]
    for p in PARAS:
        assert p in a.text
    for junk in ("Subscribe", "newsletter", "Leave a Reply", "Post Comment", "Contact us", "Sport",
                 "Facebook", "All rights reserved", "By Amani Kabila", "Required fields", COMMENT):
        assert junk not in a.text, junk
    # paragraphs separated by blank lines
    assert "\n\n".join(PARAS[:2]) in a.text
    assert a.title == "Militia attack kills five near Beni"
    assert a.url == "https://www.kivudaily.example/news/2024/03/militia-attack-beni"
    assert a.outlet == "Kivu Daily"
    assert a.published == "2024-03-05"
    assert a.language == "en"
    assert a.input == str(page)
    assert a.id.startswith("url:")


def test_html_home_page_canonical_is_not_the_article_url(tmp_path):
    a = write(tmp_path / "a.html", html_page(url="https://www.kivudaily.example/"))
    b = write(tmp_path / "b.html", html_page([p.replace("Beni", "Butembo") for p in PARAS], url="https://www.kivudaily.example/"))
    arts = list(read_inputs([a, b]))
    assert [x.url for x in arts] == [None, None]
    assert arts[0].id != arts[1].id and arts[0].outlet == "Kivu Daily"


def test_html_legacy_charset(tmp_path):
    html = html_page(["Les combattants ont attaqué le village de Kasindi, tuant trois civils, selon l'armée congolaise "
                      "qui a déployé des renforts dans la région après l'attaque de la nuit dernière."] * 3,
                     charset="iso-8859-1")
    page = write(tmp_path / "fr.htm", html.encode("iso-8859-1"))
    arts, rej = _split(read_path(page))
    assert rej == []
    assert "attaqué" in arts[0].text
    assert arts[0].language == "fr"


def test_text_with_sidecar_and_example_boilerplate(tmp_path):
    body = "\n\n".join(PARAS) + "\n\n› Subscribe\n\n\nPlease enter your comment!\nPlease enter your name here\n\nMore Articles"
    txt = write(tmp_path / "story.txt", "Five killed in raid near Beni\n\n" + body)
    write(tmp_path / "story.meta.json", json.dumps({"title": "Raid near Beni", "published": "2024-03-05",
                                                    "url": "https://www.naharnet.com/stories/1"}))
    (a,) = list(read_path(txt))
    assert isinstance(a, Article)
    assert a.title == "Raid near Beni"
    assert a.published == "2024-03-05"
    assert a.outlet == "naharnet.com"
    assert a.text.startswith("Five killed in raid near Beni\n\n")
    assert a.text.endswith(PARAS[-1])
    assert "Subscribe" not in a.text and "Please enter" not in a.text
    assert a.meta["dropped_lines"] == 4


def test_text_date_from_stamp_line(tmp_path):
    txt = write(tmp_path / "s.txt", "Army retakes town from rebels\nUpdated 2 hours ago\nPublished: 5 March 2024, 10:32 GMT\n\n"
                + PARAS[0])
    (a,) = list(read_path(txt))
    assert a.published == "2024-03-05" and a.meta["published_from"] == "date stamp in text"
    assert "Published" not in a.text
    (b,) = list(read_inputs([txt], published="2024-01-24"))
    assert b.published == "2024-01-24"


def test_text_title_from_headline_and_published_override(tmp_path):
    txt = write(tmp_path / "t.txt", "Army retakes town from rebels\n\n" + PARAS[0])
    (a,) = list(read_inputs([txt], published="24 January 2024"))
    assert a.title == "Army retakes town from rebels"
    assert a.published == "2024-01-24"
    plain = write(tmp_path / "p.txt", PARAS[0] + "\n" + PARAS[1])
    (b,) = list(read_path(plain))
    assert b.title is None and b.published is None and b.outlet is None


def test_rss_feed(tmp_path):
    feed = write(tmp_path / "feed.rss", rss_feed(3))
    arts, rej = _split(read_path(feed))
    assert rej == [] and len(arts) == 3
    a = arts[1]
    assert a.text.startswith("Checkpoint attack 1\n\nGunmen attacked a checkpoint in district 1 on Monday, "
                             "killing 3 police officers")
    assert "\n\nNo group has claimed the attack." in a.text
    assert "Share this" not in a.text
    assert a.url == "https://www.frontierpost.example/news/1"
    assert a.outlet == "frontierpost.example"
    assert a.published == "2024-04-02"
    assert a.title == "Checkpoint attack 1"
    assert a.position == "entry 2"
    assert a.meta["feed_title"] == "Frontier Post - Latest"


def test_rss_summary_only_and_xml_suffix(tmp_path):
    feed = write(tmp_path / "feed.xml", rss_feed(2, with_content=False))
    arts, rej = _split(read_path(feed))
    assert len(arts) == 2 and rej == []
    assert arts[0].text == "Checkpoint attack 0\n\nGunmen attacked a checkpoint in district 0, police said."


def test_atom_feed(tmp_path):
    feed = write(tmp_path / "sahel.atom", atom_feed())
    arts, rej = _split(read_path(feed))
    assert rej == [] and len(arts) == 2
    a, b = arts
    assert a.url == "https://sahelmonitor.example/2024/05/djibo-ambush"
    assert a.published == "2024-05-01"  # published wins over updated
    assert "Advertisement" not in a.text
    assert a.text.endswith("The convoy was escorting supply trucks to the besieged town.")
    assert b.published == "2024-05-02"  # only updated
    assert b.title == "Protesters rally in Niamey"


@pytest.mark.slow
def test_feed_with_10000_entries_streams(tmp_path):
    feed = write(tmp_path / "big.rss", rss_feed(10_000, with_content=False))
    it = read_path(feed)
    first = next(it)
    assert isinstance(first, Article)
    assert sum(1 for _ in it) == 9_999


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_entry_by_entry_streaming(tmp_path, monkeypatch, kind):
    from sigact.ingest import feeds

    monkeypatch.setattr(feeds, "STREAM_ABOVE_BYTES", 0)
    feed = write(tmp_path / f"f.{kind}", rss_feed(3) if kind == "rss" else atom_feed())
    arts, rej = _split(read_path(feed))
    assert rej == [] and len(arts) == (3 if kind == "rss" else 2)
    assert arts[0].meta["feed_title"] in ("Frontier Post - Latest", "Sahel Monitor")
    assert arts[-1].published in ("2024-04-03", "2024-05-02")
    assert all(a.url and a.title and a.text for a in arts)


def test_streamed_feed_broken_midway(tmp_path, monkeypatch):
    from sigact.ingest import feeds

    monkeypatch.setattr(feeds, "STREAM_ABOVE_BYTES", 0)
    xml = rss_feed(3)
    cut = xml.index("<item>", xml.index("<item>", xml.index("<item>") + 1) + 1)
    arts, rej = _split(read_path(write(tmp_path / "cut.rss", xml[: cut + 40])))
    assert len(arts) == 2
    assert len(rej) == 1 and rej[0].position == "entry 3" and "broken feed" in rej[0].reason


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_skip_non_html_reject_truncated(tmp_path, gz):
    pages = [
        ("https://www.kivudaily.example/a", html_page().encode(), "text/html; charset=utf-8"),
        ("https://www.kivudaily.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(200)), "image/png"),
        ("https://www.kivudaily.example/b", html_page([p.replace("Beni", "Butembo") for p in PARAS],
                                                       title="Raid near Butembo").encode(), "text/html"),
        ("https://www.kivudaily.example/c", html_page(title="Third page").encode(), "text/html"),
    ]
    data = warc_bytes(pages, gzip=gz)
    path = write(tmp_path / ("cc-news.warc.gz" if gz else "cc-news.warc"), data[:-400])
    arts, rej = _split(read_path(path))
    assert [a.url for a in arts] == ["https://www.kivudaily.example/a", "https://www.kivudaily.example/b"]
    assert arts[1].title == "Raid near Butembo"
    assert "Butembo" in arts[1].text and COMMENT not in arts[1].text
    assert arts[0].published == "2024-03-05"  # page meta wins over WARC-Date
    assert arts[0].meta["warc_date"] == "2024-03-06T10:00:00Z"
    assert all(a.position.startswith("offset ") for a in arts)
    assert len(rej) == 1 and "truncated" in rej[0].reason and rej[0].position.startswith("offset ")


def test_warc_date_is_fallback(tmp_path):
    page = html_page().replace('<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">', "")
    data = warc_bytes([("https://x.example/a", page.encode(), "text/html")])
    (a,) = list(read_path(write(tmp_path / "x.warc.gz", data)))
    assert a.published == "2024-03-06"
    assert a.outlet == "Kivu Daily"


def test_jsonl_with_broken_lines(tmp_path):
    path = write(tmp_path / "notes.jsonl", jsonl_lines([
        {"id": "acled:TEST1", "text": PARAS[0], "published": "2024-03-05", "url": "https://www.naharnet.com/x"},
        '{"text": "unterminated',
        {"title": "no text here"},
        "",
        {"text": PARAS[1], "language": "en", "outlet": "Radio Okapi", "title": "Village burnt"},
        "[1, 2]",
    ]))
    arts, rej = _split(read_path(path))
    assert [a.id for a in arts][0] == "acled:TEST1"
    assert arts[0].outlet == "naharnet.com" and arts[0].published == "2024-03-05"
    assert arts[1].outlet == "Radio Okapi" and arts[1].title == "Village burnt" and arts[1].position == "line 5"
    assert [(r.position, r.reason.split(":")[0]) for r in rej] == [("line 2", "json"), ("line 3", "json"),
                                                                   ("line 6", "json")]
    assert "not valid JSON" in rej[0].reason and "'text'" in rej[1].reason


def test_json_array_and_gzipped_jsonl(tmp_path):
    arr = write(tmp_path / "a.json", json.dumps([{"text": PARAS[0]}, {"text": PARAS[1]}]))
    assert [a.position for a in read_path(arr)] == ["record 1", "record 2"]
    gz = write(tmp_path / "b.jsonl.gz", gzip.compress(jsonl_lines([{"text": p} for p in PARAS]).encode()))
    arts, rej = _split(read_path(gz))
    assert len(arts) == 4 and rej == []


def test_folder_mixing_all_formats(tmp_path):
    root = tmp_path / "inbox"
    write(root / "a.html", html_page())
    write(root / "feeds" / "f.rss", rss_feed(2))
    write(root / "feeds" / "s.atom", atom_feed())
    write(root / "w" / "c.warc.gz", warc_bytes([("https://z.example/1", html_page().encode(), "text/html")]))
    write(root / "n.jsonl", jsonl_lines([{"text": PARAS[0]}, "not json"]))
    write(root / "story.txt", "\n\n".join(PARAS))
    write(root / "story.meta.json", json.dumps({"title": "T"}))
    write(root / ".hidden.txt", "secret draft")
    write(root / ".git" / "x.txt", "not news")
    write(root / "photo.jpg", b"\xff\xd8\xff\xe0" + bytes(300))
    write(root / "page-without-suffix", html_page(title="Sniffed page"))
    arts, rej = _split(read_path(root))
    by_reader: dict[str, int] = {}
    for a in arts:
        by_reader[a.meta["reader"]] = by_reader.get(a.meta["reader"], 0) + 1
    assert by_reader == {"html": 2, "feed": 4, "warc": 1, "jsonl": 1, "text": 1}
    assert {Path(r.input).name: r.reason.split(":")[0] for r in rej} == {"n.jsonl": "json", "photo.jpg": "unsupported"}
    assert not any("secret" in a.text or "not news" in a.text for a in arts)
    assert any(a.title == "T" for a in arts)


def test_stdin_formats():
    arts, _ = _split(read_inputs(["-"], stdin=io.BytesIO("\n\n".join(PARAS).encode())))
    assert arts[0].text == "\n\n".join(PARAS) and arts[0].input == "-"
    arts, _ = _split(read_inputs(["-"], stdin=io.BytesIO(html_page().encode())))
    assert arts[0].meta["reader"] == "html"
    arts, rej = _split(read_inputs(["-"], stdin=io.BytesIO(jsonl_lines([{"text": p} for p in PARAS] + ["{"]).encode())))
    assert len(arts) == 4 and rej[0].position == "line 5"
    data = warc_bytes([("https://z.example/1", html_page().encode(), "text/html")])
    arts, _ = _split(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert arts[0].url == "https://z.example/1"
    arts, _ = _split(read_inputs(["-"], stdin=io.BytesIO(gzip.compress(rss_feed(2).encode()))))
    assert len(arts) == 2 and arts[0].meta["reader"] == "feed"


def test_single_path_string_accepted(tmp_path):
    a = write(tmp_path / "a.txt", PARAS[0])
    assert [i.text for i in read_inputs(str(a))] == [PARAS[0]]


def test_mixed_inputs_keep_order(tmp_path):
    a = write(tmp_path / "a.txt", PARAS[0])
    b = write(tmp_path / "b.txt", PARAS[1])
    items = list(read_inputs([a, tmp_path / "missing.txt", "-", b], stdin=io.BytesIO(PARAS[2].encode())))
    assert [type(i).__name__ for i in items] == ["Article", "Reject", "Article", "Article"]
    assert [getattr(i, "text", None) for i in items] == [PARAS[0], None, PARAS[2], PARAS[1]]


def test_url_input_via_mock_transport():
    import httpx

    from sigact.ingest.base import ReadOptions
    from sigact.ingest.sources import iter_url

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed":
            return httpx.Response(200, text=rss_feed(2), headers={"content-type": "application/rss+xml"})
        if request.url.path == "/page":
            return httpx.Response(200, text=html_page(), headers={"content-type": "text/html; charset=utf-8"})
        return httpx.Response(404)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    arts = list(iter_url("https://news.example/feed", ReadOptions(), client=client))
    assert len(arts) == 2 and all(isinstance(a, Article) for a in arts)
    (page,) = list(iter_url("https://news.example/page", ReadOptions(), client=client))
    assert page.url == "https://news.example/page" and "Beni" in page.text
    (rej,) = list(iter_url("https://news.example/nothing", ReadOptions(), client=client))
    assert isinstance(rej, Reject) and rej.reason == "network: HTTP 404"


def test_read_text_input_and_reject_dict():
    a = read_text_input(PARAS[0], url="https://www.example.com/a")
    assert isinstance(a, Article) and a.outlet == "example.com" and a.language == "en"
    r = read_text_input("Advertisement\n\nShare this")
    assert isinstance(r, Reject) and r.reason.startswith("empty")
    assert r.to_dict() == {"input": "<text>", "position": None, "reason": r.reason}


class _CountingStream(io.RawIOBase):
    """A non-seekable byte stream that records how much has been read (like a pipe)."""

    def __init__(self, data: bytes):
        self._buf = io.BytesIO(data)
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        chunk = self._buf.read(len(b))
        b[: len(chunk)] = chunk
        self.read_bytes += len(chunk)
        return len(chunk)


@pytest.mark.parametrize("kind", ["warc", "jsonl"])
def test_stdin_streams_without_reading_everything(kind):
    if kind == "warc":
        pages = [(f"https://s.example/{i}", html_page(title=f"Page {i}").encode(), "text/html") for i in range(80)]
        data = warc_bytes(pages)
    else:
        data = jsonl_lines([{"text": f"{PARAS[i % 4]} ({i})"} for i in range(1500)]).encode()
    stream = _CountingStream(data)
    it = read_inputs(["-"], stdin=io.BufferedReader(stream))
    first = next(it)
    assert isinstance(first, Article)
    assert stream.read_bytes < len(data) / 3, (stream.read_bytes, len(data))
    assert sum(1 for _ in it) == (79 if kind == "warc" else 1499)


@pytest.mark.parametrize("encoding,text", [
    ("cp1251", "Боевики атаковали блокпост на востоке страны, погибли трое военнослужащих, сообщили в министерстве обороны."),
    ("shift_jis", "東部の検問所が武装勢力に襲撃され、兵士三人が死亡したと国防省が発表した。攻撃の詳細は明らかになっていない。"),
])
def test_legacy_encodings_detected(tmp_path, encoding, text):
    (a,) = list(read_path(write(tmp_path / "x.txt", ((text + "\n") * 4).encode(encoding))))
    assert isinstance(a, Article), a
    assert a.text.split("\n")[0] == text
