"""Event filters and cursors shared by every ``Store`` query method.

Filters are built from SQLAlchemy expressions with bound parameters only; no
SQL is assembled from strings.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import json
from typing import Any, Iterable, Sequence

import sqlalchemy as sa

from sigact.errors import InputError
from sigact.store.schema import EventRow, EvidenceRow

__all__ = ["event_filters", "encode_cursor", "decode_cursor", "parse_date", "FILTER_NAMES", "ASSERTED"]

ASSERTED = "asserted"

#: keyword names accepted by ``event_filters`` (and by every ``**filters`` of ``Store``)
FILTER_NAMES = (
    "since", "until", "country", "admin1", "bbox", "event_type", "sub_event_type", "plover_type",
    "actor", "factuality", "min_sources", "q", "article_id", "cluster_id",
)


def parse_date(value: str | dt.date | None, *, end: bool = False) -> dt.date | None:
    """A ``date`` from an ISO string ("2024-03-05", "2024-03", "2024", a datetime string).

    Partial dates map to the first day of the period, or the last when ``end``.
    Returns ``None`` for ``None``/empty; raises ``InputError`` on anything else unparsable.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        if len(s) >= 10:
            return dt.date.fromisoformat(s[:10])
        if len(s) == 7:  # YYYY-MM
            y, m = int(s[:4]), int(s[5:7])
            return dt.date(y, m, calendar.monthrange(y, m)[1] if end else 1)
        if len(s) == 4:
            return dt.date(int(s), 12, 31) if end else dt.date(int(s), 1, 1)
    except ValueError:
        pass
    raise InputError(f"not an ISO date: {value!r}", code="SIG-E140")


def _many(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _in_or_eq(col: Any, value: str | Iterable[str]) -> sa.ColumnElement[bool]:
    vals = _many(value)
    return col == vals[0] if len(vals) == 1 else col.in_(vals)


def event_filters(
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    country: str | Sequence[str] | None = None,
    admin1: str | Sequence[str] | None = None,
    bbox: Sequence[float] | None = None,
    event_type: str | Sequence[str] | None = None,
    sub_event_type: str | Sequence[str] | None = None,
    plover_type: str | Sequence[str] | None = None,
    actor: str | None = None,
    factuality: str | Sequence[str] | None = ASSERTED,
    min_sources: int | None = None,
    q: str | None = None,
    article_id: str | None = None,
    cluster_id: str | Sequence[str] | None = None,
) -> list[sa.ColumnElement[bool]]:
    """WHERE clauses for the events table; returns a list to AND together.

    ``since``/``until`` keep events whose date span overlaps the window;
    ``bbox`` is ``(min_lon, min_lat, max_lon, max_lat)`` (min_lon > max_lon crosses
    the antimeridian); ``actor`` and ``q`` are case-insensitive substring matches
    (``q`` searches evidence text, trigger, actor and place names);
    ``factuality`` defaults to ``"asserted"`` (incidents only), ``None`` = all;
    ``min_sources`` counts distinct articles over every report of the same
    canonical event (``cluster_id``).
    """
    E = EventRow
    out: list[sa.ColumnElement[bool]] = []
    d0, d1 = parse_date(since), parse_date(until, end=True)
    if d0 is not None:
        out.append(sa.func.coalesce(E.date_end, E.date_start, E.sort_date) >= d0)
    if d1 is not None:
        out.append(sa.func.coalesce(E.date_start, E.sort_date) <= d1)
    if country:
        out.append(_in_or_eq(E.country, [c.upper() for c in _many(country)]))
    if admin1:
        out.append(_in_or_eq(E.admin1, admin1))
    if bbox is not None:
        if len(bbox) != 4:
            raise InputError("bbox needs 4 numbers: min_lon,min_lat,max_lon,max_lat", code="SIG-E141")
        x0, y0, x1, y1 = (float(v) for v in bbox)
        out.append(E.lat.between(min(y0, y1), max(y0, y1)))
        out.append(E.lon.between(x0, x1) if x0 <= x1 else sa.or_(E.lon >= x0, E.lon <= x1))
    if event_type:
        out.append(_in_or_eq(E.event_type, event_type))
    if sub_event_type:
        out.append(_in_or_eq(E.sub_event_type, sub_event_type))
    if plover_type:
        out.append(_in_or_eq(E.plover_type, [p.upper() for p in _many(plover_type)]))
    if actor:
        out.append(sa.or_(*(c.icontains(actor, autoescape=True) for c in (
            E.actor1_name, E.actor1_acled_name, E.actor2_name, E.actor2_acled_name))))
    if factuality:
        out.append(_in_or_eq(E.factuality, factuality))
    if min_sources:
        out.append(E.cluster_sources >= int(min_sources))
    if q:
        in_evidence = sa.exists().where(EvidenceRow.event_id == E.id, EvidenceRow.text.icontains(q, autoescape=True))
        out.append(sa.or_(in_evidence, *(c.icontains(q, autoescape=True) for c in (
            E.trigger, E.actor1_name, E.actor2_name, E.place_name, E.admin1))))
    if article_id:
        out.append(E.article_id == article_id)
    if cluster_id:
        out.append(_in_or_eq(E.cluster_id, cluster_id))
    return out


def encode_cursor(sort_date: dt.date, event_id: str) -> str:
    """An opaque page cursor for the position after (``sort_date``, ``event_id``)."""
    raw = json.dumps([sort_date.isoformat(), event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, str]:
    """Inverse of :func:`encode_cursor`; raises ``InputError`` on a malformed cursor."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        d, eid = json.loads(raw)
        return dt.date.fromisoformat(d), str(eid)
    except (ValueError, TypeError) as exc:
        raise InputError(f"bad cursor {cursor!r}", code="SIG-E142") from exc


def after_cursor(cursor: str) -> sa.ColumnElement[bool]:
    """The WHERE clause selecting rows after ``cursor`` in (sort_date DESC, id DESC) order."""
    d, eid = decode_cursor(cursor)
    return sa.or_(EventRow.sort_date < d, sa.and_(EventRow.sort_date == d, EventRow.id < eid))
