"""A flat (one row, scalar columns) view of an event, for CSV and Parquet.

Nested records become dotted columns (``actor1.name``, ``location.lat``);
lists (``evidence``, ``links``, ``sources``) become JSON strings.  The view is
lossless: ``unflatten_event(flatten_event(e)) == e`` (tested), also after a trip
through CSV text, because every column's type is known.
"""

from __future__ import annotations

import functools
import json
import typing
from typing import Any, Mapping

from sigact.model import Actor, DateSpan, Event, Place

__all__ = ["FLAT_COLUMNS", "flat_types", "flatten_event", "unflatten_event"]

_NESTED = {"actor1": Actor, "actor2": Actor, "location": Place, "date": DateSpan}
_PAIRS = {"acled": ("event_type", "sub_event_type"), "plover": ("type", "mode")}
_LISTS = ("evidence", "links", "sources")
_DERIVED = ("source_count", "schema_version")


def _scalar_type(cls: type, name: str) -> type:
    hint = typing.get_type_hints(cls)[name]
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    base = args[0]
    return base if base in (int, float, str) else str


@functools.lru_cache(maxsize=1)
def flat_types() -> dict[str, type]:
    """Column name -> Python scalar type (``str``, ``int`` or ``float``), in column order."""
    out: dict[str, type] = {}
    for key in Event(id="x", article_id=None).to_dict():
        if key in _NESTED:
            cls = _NESTED[key]
            for f in cls.__dataclass_fields__:
                out[f"{key}.{f}"] = _scalar_type(cls, f)
        elif key in _PAIRS:
            for f in _PAIRS[key]:
                out[f"{key}.{f}"] = str
        elif key in _LISTS:
            out[key] = str
        elif key == "source_count":
            out[key] = int
        elif key == "schema_version":
            out[key] = str
        else:
            out[key] = _scalar_type(Event, key)
    return out


FLAT_COLUMNS: tuple[str, ...] = tuple(flat_types())


def flatten_event(event: Event) -> dict[str, Any]:
    """The flat row of an event: ``{column: scalar or None}`` over ``FLAT_COLUMNS``."""
    d = event.to_dict()
    row: dict[str, Any] = {}
    for col in FLAT_COLUMNS:
        if "." in col:
            head, tail = col.split(".", 1)
            sub = d.get(head)
            row[col] = sub.get(tail) if sub else None
        elif col in _LISTS:
            row[col] = json.dumps(d[col], ensure_ascii=False, separators=(",", ":"))
        else:
            row[col] = d.get(col)
    return row


def _coerce(value: Any, typ: type) -> Any:
    if value is None or value == "":
        return None
    if typ is int:
        return int(float(value)) if isinstance(value, str) else int(value)
    if typ is float:
        return float(value)
    return str(value)


def unflatten_event(row: Mapping[str, Any]) -> Event:
    """The event of a flat row (values may be strings, as read from CSV).

    Raises ``KeyError`` when the row has no ``id`` and ``ValueError`` on a value of the wrong type.
    """
    types = flat_types()
    nested: dict[str, dict[str, Any]] = {}
    d: dict[str, Any] = {}
    for col, typ in types.items():
        if col in _DERIVED:
            continue
        raw = row.get(col)
        if col in _LISTS:
            d[col] = json.loads(raw) if raw not in (None, "") else []
            continue
        value = _coerce(raw, typ)
        if "." in col:
            head, tail = col.split(".", 1)
            nested.setdefault(head, {})[tail] = value
        else:
            d[col] = value
    for head, sub in nested.items():
        if head in _PAIRS or any(v is not None for v in sub.values()):
            d[head] = sub
        else:
            d[head] = None
    if not d.get("id"):
        raise KeyError("id")
    return Event.from_dict(d)
