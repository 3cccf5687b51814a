"""Incremental clustering of event reports into real-world events.

Blocking: an event is only compared with clusters of the same country and compatible event
type (``DedupSettings.type_group``) whose dates lie within ``date_window_days``; blocks are
indexed by day, so the cost per new event is the number of nearby clusters, and the total
grows near-linearly with the number of events.

Two reports of one article never merge (an article that reports two incidents means two).
Non-asserted events (threats, aggregates, ...) are never clustered: each stays its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as _date
from typing import Callable, Iterable, Sequence

import numpy as np

from sigact.dedup.merge import canonical_event
from sigact.dedup.settings import DedupSettings
from sigact.geo.countries import haversine_km
from sigact.model import PRECISION_RANK, Event

__all__ = ["Cluster", "EventClusterer", "event_text"]

def event_text(ev: Event) -> str:
    """The text that stands for an event when comparing reports: its evidence sentence."""
    for e in ev.evidence:
        if e.field == "event":
            return e.text
    parts = [ev.acled_sub_event_type or ev.acled_event_type or "",
             ev.actor1.name if ev.actor1 and ev.actor1.name else "",
             ev.trigger or "",
             ev.actor2.name if ev.actor2 and ev.actor2.name else "",
             ev.location.name if ev.location and ev.location.name else ""]
    return " ".join(p for p in parts if p)


def _day(s: str | None) -> int | None:
    if not s:
        return None
    try:
        return _date.fromisoformat(s[:10]).toordinal()
    except ValueError:
        return None


def _days(ev: Event) -> tuple[int, int] | None:
    if ev.date is None:
        return None
    a, b = _day(ev.date.start), _day(ev.date.end or ev.date.start)
    if a is None:
        return None
    return a, b if b is not None and b >= a else a


@dataclass
class Cluster:
    """A real-world event: the reports that describe it."""

    id: str
    members: list[Event] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)

    def canonical(self, outlier_factor: float = 3.0) -> Event:
        return canonical_event(self.id, self.members, outlier_factor=outlier_factor)

    @property
    def article_ids(self) -> set[str]:
        return {m.article_id for m in self.members if m.article_id}


class EventClusterer:
    """Assigns events to clusters incrementally.

    ``encode`` maps texts to unit vectors (default: MiniLM, loaded on first use); tests and
    benchmarks may inject another.  ``add()`` is idempotent: an event id already seen keeps
    its cluster.
    """

    def __init__(self, settings: DedupSettings | None = None,
                 encode: Callable[[Sequence[str]], np.ndarray] | None = None):
        self.settings = settings or DedupSettings.load()
        self._encode = encode
        self.clusters: dict[str, Cluster] = {}
        self.assignment: dict[str, str] = {}
        self._index: dict[tuple[str, str], dict[int, list[str]]] = {}

    # -- embeddings -------------------------------------------------------------
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._encode is None:
            from sigact.dedup.embed import get_embedder

            self._encode = get_embedder().encode
        return self._encode(texts)

    # -- scoring ----------------------------------------------------------------
    def _place_score(self, a: Event, b: Event) -> float | None:
        """1 at the same spot .. 0 at the limit; None = incompatible places."""
        pa, pb = a.location, b.location
        if pa is None or pb is None:
            return 0.5
        if pa.country and pb.country and pa.country != pb.country:
            return None
        coarse = max(PRECISION_RANK.get(pa.precision or "country", 4),
                     PRECISION_RANK.get(pb.precision or "country", 4))
        coarse_name = next(k for k, v in PRECISION_RANK.items() if v == coarse)
        limit = self.settings.max_km.get(coarse_name)
        if limit is not None and None not in (pa.lat, pa.lon, pb.lat, pb.lon):
            d = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)  # type: ignore[arg-type]
            if d > limit:
                return None
            return 1.0 - d / limit
        if coarse_name == "country":
            return 0.4
        if pa.admin1 and pb.admin1:
            return 0.6 if pa.admin1.casefold() == pb.admin1.casefold() else None
        return 0.4

    @staticmethod
    def _contradicts(a: Event, b: Event) -> bool:
        """True when the targets are of different known types (civilians in one report, police in
        the other): two incidents.  Attackers are not compared — reports name them too loosely —
        and a simple swap of roles between the reports is still one incident."""
        vague = {None, "other", "unidentified armed group"}
        x, y = a.actor2, b.actor2
        if x is None or y is None or x.type in vague or y.type in vague or x.type == y.type:
            return False
        swapped = (a.actor1 is not None and b.actor1 is not None and a.actor1.type == y.type
                   and b.actor1.type == x.type)
        return not swapped

    @staticmethod
    def _actor_score(a: Event, b: Event) -> float:
        def same(x, y) -> float | None:
            if x is None or y is None:
                return None
            if x.acled_name and y.acled_name:
                return 1.0 if x.acled_name == y.acled_name else (0.5 if x.type == y.type else 0.0)
            if x.type and y.type:
                return 1.0 if x.type == y.type else 0.0
            return None

        scores = [s for s in (same(a.actor1, b.actor1), same(a.actor2, b.actor2)) if s is not None]
        if not scores:
            # reversed roles still describe one event
            rev = [s for s in (same(a.actor1, b.actor2), same(a.actor2, b.actor1)) if s is not None]
            return 0.6 * (sum(rev) / len(rev)) if rev else 0.5
        return sum(scores) / len(scores)

    def _date_score(self, a: Event, b: Event) -> float | None:
        da, db = _days(a), _days(b)
        if da is None or db is None:
            return 0.5
        gap = max(0, max(da[0], db[0]) - min(da[1], db[1]))
        w = self.settings.date_window_days
        if a.date and b.date and a.date.precision == "day" and b.date.precision == "day":
            w = min(w, self.settings.day_window_days)
        if gap > w:
            return None
        return 1.0 - gap / (w + 1)

    def score(self, a: Event, b: Event, va: np.ndarray, vb: np.ndarray) -> float | None:
        """Merge score of two reports in 0..1, or None when a hard rule forbids the merge."""
        if a.article_id and a.article_id == b.article_id:
            return None
        st = self.settings
        if st.type_group(a.acled_event_type) != st.type_group(b.acled_event_type):
            return None
        if self._contradicts(a, b):
            return None
        text = float(np.dot(va, vb))
        if text < st.min_text_similarity:
            return None
        date = self._date_score(a, b)
        place = self._place_score(a, b)
        if date is None or place is None:
            return None
        w = st.weights
        subtype = 1.0 if a.acled_sub_event_type and a.acled_sub_event_type == b.acled_sub_event_type else 0.0
        return (w.get("text", 0) * text + w.get("date", 0) * date + w.get("place", 0) * place
                + w.get("actors", 0) * self._actor_score(a, b) + w.get("subtype", 0) * subtype)

    # -- assignment -------------------------------------------------------------
    def _block(self, ev: Event) -> tuple[str, str]:
        country = ev.location.country if ev.location and ev.location.country else "?"
        return country, self.settings.type_group(ev.acled_event_type)

    def _candidates(self, ev: Event) -> list[Cluster]:
        days = _days(ev)
        block = self._index.get(self._block(ev))
        if not block:
            return []
        if days is None:
            ids = {cid for lst in block.values() for cid in lst}
        else:
            w = self.settings.date_window_days
            ids = set()
            for d in range(days[0] - w, days[1] + w + 1):
                ids.update(block.get(d, ()))
        return [self.clusters[c] for c in sorted(ids)]

    def _register(self, cluster: Cluster, ev: Event) -> None:
        days = _days(ev)
        key = -1 if days is None else days[0]
        lst = self._index.setdefault(self._block(ev), {}).setdefault(key, [])
        if cluster.id not in lst:
            lst.append(cluster.id)

    def seed(self, events: Sequence[Event], cluster_ids: Sequence[str], vectors: np.ndarray | None = None) -> None:
        """Load already-clustered events (e.g. from the store) without re-clustering them."""
        todo = [(e, c) for e, c in zip(events, cluster_ids) if e.id not in self.assignment]
        if not todo:
            return
        vecs = self.encode([event_text(e) for e, _ in todo]) if vectors is None else vectors
        for (ev, cid), vec in zip(todo, vecs):
            cl = self.clusters.setdefault(cid, Cluster(id=cid))
            cl.members.append(ev)
            cl.vectors.append(vec)
            self.assignment[ev.id] = cid
            if ev.is_incident:
                self._register(cl, ev)

    def add(self, events: Iterable[Event], vectors: np.ndarray | None = None) -> list[tuple[str, str]]:
        """Cluster new events; returns ``(event_id, cluster_id)`` for each event given."""
        evs = list(events)
        todo = [i for i, e in enumerate(evs) if e.id not in self.assignment]
        if todo:
            if vectors is None:
                vecs = self.encode([event_text(evs[i]) for i in todo])
            else:
                vecs = vectors[todo]
            for i, v in zip(todo, vecs):
                self._assign(evs[i], v)
        return [(e.id, self.assignment[e.id]) for e in evs]

    def _assign(self, ev: Event, vec: np.ndarray) -> str:
        best: tuple[float, Cluster] | None = None
        if ev.is_incident:
            for cl in self._candidates(ev):
                if ev.article_id and ev.article_id in cl.article_ids:
                    continue
                s = max((sc for m, mv in zip(cl.members[-8:], cl.vectors[-8:])
                         if (sc := self.score(ev, m, vec, mv)) is not None), default=None)
                if s is not None and s >= self.settings.merge_threshold and (best is None or s > best[0]):
                    best = (s, cl)
        if best is None:
            cl = Cluster(id=ev.id)
            self.clusters[cl.id] = cl
        else:
            cl = best[1]
        cl.members.append(ev)
        cl.vectors.append(vec)
        self.assignment[ev.id] = cl.id
        if ev.is_incident:
            self._register(cl, ev)
        return cl.id

    def canonical_events(self) -> list[Event]:
        """One canonical event per cluster."""
        f = self.settings.outlier_factor
        return [cl.canonical(f) for cl in self.clusters.values()]
