"""Canonical events for the API: one row per real-world event (a cluster of reports), paged with a cursor.

A canonical event sits at the position of its *head*, its newest report (event date, then id, descending)
that matches the filters; it is merged from all its reports (every factuality) by
:func:`sigact.dedup.merge.canonical_event`, so ``sources`` and ``source_count`` cover every article that
reported it, and its ``id`` is the cluster id.  The cursor is the position of the last head returned, in
the same encoding as the report cursors, so pages stay stable while reports are added.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from sigact.model import Event

__all__ = ["canonical_page", "canonical_of"]

_CHUNK = 500  # cluster ids per IN (...) query


def _members(store: Any, cluster_ids: list[str], **filters: Any) -> dict[str, list[Event]]:
    """``{cluster id: its reports matching filters}``, each list newest first."""
    out: dict[str, list[Event]] = defaultdict(list)
    for i in range(0, len(cluster_ids), _CHUNK):
        evs = list(store.iter_events(cluster_id=cluster_ids[i:i + _CHUNK], page_size=1000, **filters))
        clusters = store.event_clusters([e.id for e in evs])
        for e in evs:
            out[clusters.get(e.id, e.id)].append(e)
    return out


def canonical_page(store: Any, *, cursor: str | None = None, limit: int = 100,
                   **filters: Any) -> tuple[list[Event], str | None]:
    """One page of canonical events matching ``filters`` (store filters), newest first.

    Returns ``(events, next_cursor)``; ``next_cursor`` is ``None`` when no matching report is left
    (a last page may then come back empty when the remaining reports all belong to events already listed).
    Reports alone in their cluster (the common case) cost no query beyond the page's own; only clusters
    of several reports are looked up (their newest matching report, and all reports to merge).
    """
    from sigact.dedup.merge import canonical_event

    heads: list[tuple[str, Event]] = []
    done: set[str] = set()
    multi: set[str] = set()
    scan = cursor
    next_cursor: str | None = None
    share = 1.0  # heads per report read so far: how many reports the next read needs
    while len(heads) < limit:
        want = limit - len(heads)
        size = min(max(want, 1000), math.ceil(want / max(share, 0.05)))
        reports, nxt = store.query_events(cursor=scan, limit=size, **filters)
        if not reports:
            break
        clusters = store.event_clusters([r.id for r in reports])
        sizes = store.cluster_sizes(list(dict.fromkeys(clusters.get(r.id, r.id) for r in reports)))
        multi.update(sizes)
        newest = {cid: evs[0].id for cid, evs in _members(store, list(sizes), **filters).items() if evs}
        found = 0
        for i, r in enumerate(reports):
            cid = clusters.get(r.id, r.id)
            if cid in done or newest.get(cid, r.id) != r.id:
                continue  # not the head: the event is listed at a newer report
            done.add(cid)
            heads.append((cid, r))
            found += 1
            if len(heads) == limit:
                if i + 1 < len(reports):  # stopped inside the read: the cursor right after this report
                    nxt = store.query_events(cursor=scan, limit=i + 1, **filters)[1]
                break
        share = max(found, 1) / len(reports)
        next_cursor = scan = nxt
        if nxt is None:
            break
    members = _members(store, [cid for cid, _ in heads if cid in multi], factuality=None)
    events = [canonical_event(cid, members.get(cid) or [head]) for cid, head in heads]
    return events, next_cursor


def canonical_of(store: Any, cluster_id: str) -> Event | None:
    """The canonical event of ``cluster_id`` merged from all its reports, or ``None`` if it has none."""
    from sigact.dedup.merge import canonical_event

    members = list(store.iter_events(cluster_id=cluster_id, factuality=None))
    return canonical_event(cluster_id, members) if members else None
