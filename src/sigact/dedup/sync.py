"""Keep the store's canonical events up to date, incrementally.

:func:`cluster_new_events` takes the ids of event reports just written to the store, loads only
the stored reports they could merge with (same country and compatible type, dates inside the
window: the blocking of :class:`EventClusterer`), and assigns each new report to an existing
canonical event or makes it a new one.  The store is never re-clustered as a whole, and running
it again on the same ids changes nothing.

:func:`canonical_events` reads canonical events back: one per cluster, with every source.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Sequence

from sigact.dedup.cluster import EventClusterer
from sigact.dedup.merge import canonical_event
from sigact.model import Event

__all__ = ["cluster_new_events", "canonical_events"]


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat()


def cluster_new_events(store: Any, event_ids: Sequence[str], clusterer: EventClusterer | None = None) -> dict[str, str]:
    """Cluster the stored reports ``event_ids`` against the store; returns ``{event_id: cluster_id}``
    for the reports that joined another report's cluster."""
    clusterer = clusterer or EventClusterer()
    new = [e for e in store.get_events(list(event_ids)) if e.is_incident]
    if not new:
        return {}
    new_ids = {e.id for e in new}
    w = clusterer.settings.date_window_days
    blocks: dict[tuple[str | None, str], list[Event]] = defaultdict(list)
    for ev in new:
        blocks[(ev.location.country if ev.location else None, clusterer.settings.type_group(ev.acled_event_type))].append(ev)
    seeds: dict[str, Event] = {}
    for (country, group), evs in blocks.items():
        if country is None:
            continue
        starts = [e.date.start for e in evs if e.date and e.date.start]
        ends = [e.date.end or e.date.start for e in evs if e.date and e.date.start]
        filters: dict[str, Any] = {"country": country, "event_type": group.split("|"), "factuality": "asserted"}
        if starts:
            filters["since"] = _shift(min(starts), -w)
            filters["until"] = _shift(max(ends), w)
        for old in store.iter_events(**filters):
            if old.id not in new_ids:
                seeds[old.id] = old
    if seeds:
        olds = list(seeds.values())
        clusters = store.event_clusters([e.id for e in olds])
        clusterer.seed(olds, [clusters.get(e.id, e.id) for e in olds])
    assigned = dict(clusterer.add(new))
    changed = {eid: cid for eid, cid in assigned.items() if cid != eid}
    if changed:
        store.assign_clusters(changed)
    return changed


def canonical_events(store: Any, *, limit: int = 100, outlier_factor: float = 3.0, **filters: Any) -> list[Event]:
    """Up to ``limit`` canonical events matching ``filters`` (store filters), newest first,
    each merged from all its reports (``sources``, ``source_count``)."""
    order: list[str] = []
    seen: set[str] = set()
    page: list[Event] = []
    for ev in store.iter_events(**filters):
        page.append(ev)
        if len(page) >= 500:
            if _collect(store, page, seen, order, limit):
                break
            page = []
    else:
        _collect(store, page, seen, order, limit)
    out = []
    for cid in order:
        members = list(store.iter_events(cluster_id=cid, factuality=None))
        if members:
            out.append(canonical_event(cid, members, outlier_factor=outlier_factor))
    return out


def _collect(store: Any, page: list[Event], seen: set[str], order: list[str], limit: int) -> bool:
    """Add the page's new cluster ids to ``order``; True once ``limit`` is reached."""
    clusters = store.event_clusters([e.id for e in page])
    for ev in page:
        cid = clusters.get(ev.id, ev.id)
        if cid not in seen:
            seen.add(cid)
            order.append(cid)
            if len(order) >= limit:
                return True
    return False
