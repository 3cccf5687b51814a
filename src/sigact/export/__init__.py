"""Exports of coded events: ACLED CSV, PLOVER JSONL, Parquet, GeoJSON, flat CSV, native JSONL.

``iter_export(events, fmt)`` streams bytes (used by the API), ``write_events``
writes a file (used by the CLI), ``read_events(path)`` reads an export back.
"""

from sigact.export.acled import ACLED_COLUMNS, acled_row
from sigact.export.flat import FLAT_COLUMNS, flatten_event, unflatten_event
from sigact.export.formats import FORMATS, detect_format, iter_export, read_events, write_events
from sigact.export.plover import event_from_plover, plover_record

__all__ = [
    "ACLED_COLUMNS", "FLAT_COLUMNS", "FORMATS", "acled_row", "detect_format", "event_from_plover",
    "flatten_event", "iter_export", "plover_record", "read_events", "unflatten_event", "write_events",
]
