"""Property-based: random and mangled input at every reader; no exception escapes, failures are Rejects."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigact.ingest import Reject, read_inputs, read_path
from sigact.model import Article
from test_ingest_builders import PARAS, atom_feed, html_page, jsonl_lines, rss_feed, warc_bytes

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SUFFIXES = [".txt", ".html", ".htm", ".rss", ".atom", ".xml", ".warc", ".warc.gz", ".jsonl", ".json",
            ".jsonl.gz", ".txt.gz", ".bin", ""]


def _check(items, name: str) -> list:
    items = list(items)
    for item in items:
        assert isinstance(item, (Article, Reject)), item
        if isinstance(item, Reject):
            assert item.reason and isinstance(item.reason, str)
            assert item.input == name
            assert item.position is None or isinstance(item.position, str)
            json.dumps(item.to_dict())
        else:
            assert item.text.strip()
            assert item.text == item.text.strip()
            assert item.id and item.sha256
            json.dumps(item.to_dict())
    return items


def _read_file(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"input{suffix}"
        path.write_bytes(data)
        return _check(read_path(path, max_bytes=200_000), str(path))


# a mutation: (kind, position fraction, payload)
mutation = st.tuples(
    st.sampled_from(["cut", "delete", "insert", "flip", "truncate"]),
    st.floats(min_value=0, max_value=1),
    st.binary(max_size=40),
)


def _mangle(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    for kind, frac, payload in mutations:
        if not data:
            break
        i = int(frac * (len(data) - 1))
        if kind == "cut":
            data = data[:i] + data[i + 1 + len(payload) * 3:]
        elif kind == "delete":
            data = data[:i] + data[i + len(payload):]
        elif kind == "insert":
            data = data[:i] + payload + data[i:]
        elif kind == "flip":
            data = data[:i] + bytes([data[i] ^ (payload[0] if payload else 0xFF)]) + data[i + 1:]
        else:
            data = data[:i]
    return data


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_every_reader(data, suffix):
    _read_file(data, suffix)


@SETTINGS
@given(prefix=st.sampled_from([b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"<?xml version='1.0'?><rss>", b"<feed ",
                               b"<html>", b'{"text": ', b"[{", b"\xef\xbb\xbf", b"\xff\xfe"]),
       data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_with_magic_prefixes(prefix, data, suffix):
    _read_file(prefix + data, suffix)


_HTML = html_page().encode()
_RSS = rss_feed(3).encode()
_ATOM = atom_feed().encode()
_WARC_GZ = warc_bytes([("https://a.example/1", _HTML, "text/html"), ("https://a.example/i", b"\x89PNG", "image/png"),
                       ("https://a.example/2", html_page(PARAS[::-1]).encode(), "text/html")])
_WARC = warc_bytes([("https://a.example/1", _HTML, "text/html")], gzip=False)
_JSONL = jsonl_lines([{"id": f"x{i}", "text": p, "published": f"2024-01-0{i + 1}"} for i, p in enumerate(PARAS)]).encode()


@SETTINGS
@given(mutations=st.lists(mutation, min_size=1, max_size=6), which=st.sampled_from(["html", "rss", "atom"]))
def test_mangled_html_and_feeds(mutations, which):
    base, suffix = {"html": (_HTML, ".html"), "rss": (_RSS, ".rss"), "atom": (_ATOM, ".atom")}[which]
    _read_file(_mangle(base, mutations), suffix)


@SETTINGS
@given(mutations=st.lists(mutation, min_size=1, max_size=4), gz=st.booleans())
def test_mangled_warc_records(mutations, gz):
    base = _WARC_GZ if gz else _WARC
    items = _read_file(_mangle(base, mutations), ".warc.gz" if gz else ".warc")
    assert len(items) <= 4


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
record = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(st.text(max_size=300), json_value),
        "id": json_value,
        "title": json_value,
        "url": st.one_of(st.text(max_size=60), json_value),
        "published": st.one_of(st.text(max_size=30), json_value),
        "outlet": json_value,
        "language": st.one_of(st.sampled_from(["en", "fr", "EN-gb", "xx-"]), json_value),
    },
)


@SETTINGS
@given(lines=st.lists(st.one_of(record.map(json.dumps), json_value.map(json.dumps), st.text(max_size=60)),
                      max_size=8))
def test_random_jsonl(lines):
    data = "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8", "surrogatepass")
    items = _read_file(data, ".jsonl")
    assert len(items) <= len(lines)
    for item in items:
        assert item.position is None or item.position.startswith("line ")


@SETTINGS
@given(mutations=st.lists(mutation, min_size=1, max_size=6))
def test_mangled_jsonl(mutations):
    _read_file(_mangle(_JSONL, mutations), ".jsonl")


@SETTINGS
@given(data=st.one_of(st.binary(max_size=2000), st.sampled_from([_HTML, _RSS, _WARC_GZ, _JSONL]),
                      st.lists(mutation, min_size=1, max_size=3).map(lambda m: _mangle(_WARC_GZ, m))))
def test_stdin_random(data):
    _check(read_inputs(["-"], stdin=io.BytesIO(data), max_bytes=200_000), "-")


@SETTINGS
@given(mutations=st.lists(mutation, min_size=1, max_size=6), which=st.sampled_from(["rss", "atom"]))
def test_mangled_feeds_streaming_mode(mutations, which):
    from unittest import mock

    from sigact.ingest import feeds

    base, suffix = {"rss": (_RSS, ".rss"), "atom": (_ATOM, ".atom")}[which]
    with mock.patch.object(feeds, "STREAM_ABOVE_BYTES", 0), mock.patch.object(feeds, "STREAM_BATCH", 2):
        items = _read_file(_mangle(base, mutations), suffix)
    for item in items:
        assert item.position is None or item.position.startswith("entry ")
