"""Build one canonical event from the reports (member events) of a cluster.

Rules (documented in docs/dedup.md):

* type, actors: from the most confident member;
* place: the most precise one (site < town < admin2 < admin1 < country), ties to the most common;
* date: the most common start among the finest-precision members, ties to the earliest;
* tolls (fatalities, injuries, abducted, arrested): the *latest credible* value: members are
  ordered by publication date; a value is not credible when it exceeds ``outlier_factor`` times
  the median of the other reports and no other report comes within 20 % of it; the canonical
  value is the value of the latest credible report.  The full history stays available from
  :func:`toll_history`.
* sources: every member's sources, one per article, ordered by publication date.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import replace
from typing import Sequence

from sigact.model import PRECISIONS, DATE_PRECISIONS, Event, Link, Source

__all__ = ["canonical_event", "toll_history", "credible_value", "TOLL_FIELDS"]

TOLL_FIELDS = ("fatalities", "injuries", "abducted", "arrested")


def _published(ev: Event) -> str:
    for s in ev.sources:
        if s.published:
            return s.published
    return ""


def _sources(ev: Event) -> tuple[Source, ...]:
    if ev.sources:
        return ev.sources
    return (Source(article_id=ev.article_id),) if ev.article_id else ()


def toll_history(members: Sequence[Event], field_name: str) -> list[dict]:
    """Every reported value of one toll, oldest report first: ``{value, article_id, published}``."""
    rows = []
    for ev in sorted(members, key=lambda e: (_published(e), e.id)):
        value = getattr(ev, field_name)
        if value is not None:
            rows.append({"value": value, "article_id": ev.article_id, "published": _published(ev) or None})
    return rows


def credible_value(history: Sequence[dict], outlier_factor: float = 3.0) -> int | None:
    """The latest credible value of a toll history (see module docstring)."""
    values = [h["value"] for h in history]
    for i in range(len(values) - 1, -1, -1):
        v = values[i]
        others = values[:i] + values[i + 1:]
        if len(others) >= 2:
            med = statistics.median(others)
            supported = any(abs(o - v) <= 0.2 * max(v, 1) for o in others)
            if med >= 0 and v > outlier_factor * max(med, 1) and not supported:
                continue
        return v
    return None


def canonical_event(cluster_id: str, members: Sequence[Event], *, outlier_factor: float = 3.0) -> Event:
    """The canonical event of a cluster; ``id`` is ``cluster_id``."""
    if not members:
        raise ValueError("a cluster has at least one member")
    if len(members) == 1:
        only = members[0]
        return replace(only, id=cluster_id, sources=_sources(only))
    base = max(members, key=lambda e: (e.confidence, -len(_published(e)), e.id))

    located = [e.location for e in members if e.location is not None]
    location = base.location
    if located:
        rank = {p: i for i, p in enumerate(PRECISIONS)}
        best = min(rank.get(p.precision or "country", len(PRECISIONS)) for p in located)
        finest = [p for p in located if rank.get(p.precision or "country", len(PRECISIONS)) == best]
        counts = Counter((p.name, p.country) for p in finest)
        top = counts.most_common(1)[0][0]
        location = next(p for p in finest if (p.name, p.country) == top)

    dated = [e.date for e in members if e.date is not None and e.date.start]
    date = base.date
    if dated:
        rank_d = {p: i for i, p in enumerate(DATE_PRECISIONS)}
        best_d = min(rank_d.get(d.precision or "reported", 99) for d in dated)
        finest_d = [d for d in dated if rank_d.get(d.precision or "reported", 99) == best_d]
        counts_d = Counter(d.start for d in finest_d)
        top_n = counts_d.most_common(1)[0][1]
        start = min(s for s, n in counts_d.items() if n == top_n)
        date = next(d for d in finest_d if d.start == start)

    tolls = {f: credible_value(toll_history(members, f), outlier_factor) for f in TOLL_FIELDS}

    seen: dict[str, Source] = {}
    for ev in sorted(members, key=lambda e: (_published(e), e.id)):
        for s in _sources(ev):
            seen.setdefault(s.article_id, s)
    links: dict[tuple[str, str], Link] = {}
    for ev in members:
        for link in ev.links:
            links.setdefault((link.relation, link.target), link)
    confidence = min(1.0, max(e.confidence for e in members) + 0.05 * (len(seen) - 1))
    return replace(
        base,
        id=cluster_id,
        location=location,
        date=date,
        sources=tuple(seen.values()),
        links=tuple(links.values()),
        confidence=round(confidence, 3),
        **tolls,
    )
