"""Gold-standard readers for ``sigact eval``.

Two formats, told apart by their keys:

* **records** (JSONL; ``events-dev.jsonl``): one short text per line with a single
  coded event under ``gold`` and precision hints under ``meta``.
* **articles** (JSONL; ``articles-dev.jsonl``; or one ``X.expected.json`` next to
  ``X.txt`` and ``X.meta.json``): a full article with every event a careful
  analyst codes (``kind`` event/threat), plus aggregates and background items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from sigact.errors import InputError

__all__ = ["GoldRecord", "GoldArticle", "GoldSet", "load_gold", "detect_kind"]


@dataclass(frozen=True)
class GoldRecord:
    """One short text with one coded event (ACLED note or UCDP GED headlines)."""

    id: str
    dataset: str
    text: str
    gold: Mapping[str, Any]
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GoldArticle:
    """A full article and its hand-coded events."""

    id: str
    text: str
    published: str | None
    events: tuple[Mapping[str, Any], ...]
    aggregates: tuple[str, ...] = ()
    background: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def incidents(self) -> list[Mapping[str, Any]]:
        """The gold events of kind ``event`` (threats excluded)."""
        return [e for e in self.events if e.get("kind", "event") == "event"]


@dataclass(frozen=True)
class GoldSet:
    """A loaded gold file: ``kind`` is ``records`` or ``articles``."""

    path: str
    kind: str
    records: tuple[GoldRecord, ...] = ()
    articles: tuple[GoldArticle, ...] = ()

    def __len__(self) -> int:
        return len(self.records) if self.kind == "records" else len(self.articles)


def detect_kind(obj: Mapping[str, Any]) -> str:
    """``records`` when the item has ``gold`` and ``text``; ``articles`` when it has ``events``.

    Raises :class:`InputError` for anything else.
    """
    if "gold" in obj and "text" in obj:
        return "records"
    if "events" in obj:
        return "articles"
    raise InputError("gold item has neither 'gold'+'text' (records) nor 'events' (articles)", code="SIG-E130")


def _record(obj: Mapping[str, Any], where: str) -> GoldRecord:
    gold = obj.get("gold")
    if not isinstance(gold, Mapping) or not obj.get("text"):
        raise InputError("record needs a 'text' and a 'gold' object", code="SIG-E131", input=where)
    for key in ("date", "event_type"):
        if not gold.get(key):
            raise InputError(f"record gold lacks {key!r}", code="SIG-E131", input=where)
    dataset = str(obj.get("source_dataset") or "").strip() or "unknown"
    return GoldRecord(id=str(obj.get("id") or where), dataset=dataset, text=str(obj["text"]),
                      gold=dict(gold), meta=dict(obj.get("meta") or {}))


def _article(obj: Mapping[str, Any], where: str, *, text: str | None = None,
             meta: Mapping[str, Any] | None = None) -> GoldArticle:
    body = text if text is not None else obj.get("text")
    if not body:
        raise InputError("article gold needs a 'text'", code="SIG-E132", input=where)
    m = dict(meta if meta is not None else (obj.get("meta") or {}))
    events = obj.get("events")
    if not isinstance(events, list):
        raise InputError("article gold 'events' must be a list", code="SIG-E132", input=where)
    return GoldArticle(
        id=str(obj.get("id") or where),
        text=str(body),
        published=m.get("published"),
        events=tuple(dict(e) for e in events),
        aggregates=tuple(str(x) for x in obj.get("aggregates_not_single_events") or ()),
        background=tuple(str(x) for x in obj.get("background_not_current_events") or ()),
        meta=m,
    )


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot open gold file: {exc}", code="SIG-E101", input=str(path)) from exc
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"line {n}: bad JSON ({exc.msg})", code="SIG-E102", input=str(path)) from exc
            if not isinstance(obj, dict):
                raise InputError(f"line {n}: not a JSON object", code="SIG-E102", input=str(path))
            yield n, obj


def _load_triple(path: Path) -> GoldSet:
    stem = path.name[: -len(".expected.json")]
    txt, meta_path = path.with_name(stem + ".txt"), path.with_name(stem + ".meta.json")
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
        text = txt.read_text(encoding="utf-8")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    except OSError as exc:
        raise InputError(f"cannot read example triple: {exc}", code="SIG-E101", input=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"bad JSON: {exc.msg}", code="SIG-E102", input=str(path)) from exc
    obj.setdefault("id", stem)
    return GoldSet(path=str(path), kind="articles", articles=(_article(obj, str(path), text=text, meta=meta),))


def load_gold(path: str | Path, limit: int | None = None) -> GoldSet:
    """Read a gold file (records JSONL, articles JSONL or an ``.expected.json`` triple).

    Returns a :class:`GoldSet` holding at most ``limit`` items, in file order.
    Raises :class:`InputError` on unreadable files, bad JSON, mixed formats or
    items missing required keys.
    """
    p = Path(path)
    if p.name.endswith(".expected.json"):
        return _load_triple(p)
    if not p.is_file():
        raise InputError("gold file not found", code="SIG-E101", input=str(p))
    kind: str | None = None
    records: list[GoldRecord] = []
    articles: list[GoldArticle] = []
    for n, obj in _read_jsonl(p):
        if limit is not None and len(records) + len(articles) >= limit:
            break
        k = detect_kind(obj)
        if kind is None:
            kind = k
        elif k != kind:
            raise InputError(f"line {n}: mixes {k} with {kind} items", code="SIG-E130", input=str(p))
        where = f"{p}:{n}"
        if k == "records":
            records.append(_record(obj, where))
        else:
            articles.append(_article(obj, where))
    if kind is None:
        raise InputError("gold file is empty", code="SIG-E130", input=str(p))
    return GoldSet(path=str(p), kind=kind, records=tuple(records), articles=tuple(articles))
