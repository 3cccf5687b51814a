"""Events, not reports: cluster reports of one incident, merge them, link causes.

* :class:`EventClusterer` — incremental, blocked clustering (``cluster.py``);
* :func:`canonical_event` — one event from many reports, toll revision rule (``merge.py``);
* :func:`link_events` — "in response to" / "after" links (``links.py``);
* :class:`Embedder` — MiniLM sentence vectors on onnxruntime (``embed.py``), loaded lazily.
Thresholds live in ``data/dedup.yaml`` (:class:`DedupSettings`).
"""

from sigact.dedup.cluster import Cluster, EventClusterer, event_text
from sigact.dedup.links import LinkRules, link_events
from sigact.dedup.merge import canonical_event, credible_value, toll_history
from sigact.dedup.settings import DedupSettings

__all__ = [
    "Cluster",
    "DedupSettings",
    "EventClusterer",
    "LinkRules",
    "canonical_event",
    "credible_value",
    "event_text",
    "link_events",
    "toll_history",
]
