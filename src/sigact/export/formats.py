"""Writers and readers for every export format, shared by the CLI and the API.

Formats: ``jsonl`` (the native event schema), ``plover-jsonl``, ``acled-csv``,
``csv`` (flat view), ``geojson`` (FeatureCollection of points) and ``parquet``.
All but ``acled-csv`` read back losslessly with :func:`read_events`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from sigact.errors import InputError
from sigact.export.acled import ACLED_COLUMNS, acled_row
from sigact.export.flat import FLAT_COLUMNS, flat_types, flatten_event, unflatten_event
from sigact.export.plover import event_from_plover, plover_record
from sigact.model import Event

__all__ = ["ExportFormat", "FORMATS", "iter_export", "write_events", "read_events", "detect_format"]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    suffix: str
    importable: bool


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("jsonl", "application/x-ndjson", ".jsonl", True),
    ExportFormat("plover-jsonl", "application/x-ndjson", ".plover.jsonl", True),
    ExportFormat("acled-csv", "text/csv; charset=utf-8", ".acled.csv", False),
    ExportFormat("csv", "text/csv; charset=utf-8", ".csv", True),
    ExportFormat("geojson", "application/geo+json", ".geojson", True),
    ExportFormat("parquet", "application/vnd.apache.parquet", ".parquet", True),
)}

_CHUNK = 500  # events per yielded chunk


def _check(fmt: str) -> ExportFormat:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise InputError(f"unknown export format {fmt!r}; one of: {', '.join(FORMATS)}", code="SIG-E110") from None


def _csv_chunks(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        n += 1
        if n % _CHUNK == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _jsonl_chunks(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    lines: list[str] = []
    for rec in records:
        lines.append(json.dumps(rec, ensure_ascii=False))
        if len(lines) >= _CHUNK:
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")


def _feature(event: Event) -> dict[str, Any]:
    p = event.location
    geom = None
    if p is not None and p.lat is not None and p.lon is not None:
        geom = {"type": "Point", "coordinates": [p.lon, p.lat]}
    return {"type": "Feature", "id": event.id, "geometry": geom, "properties": event.to_dict()}


def _geojson_chunks(events: Iterable[Event]) -> Iterator[bytes]:
    yield b'{"type":"FeatureCollection","features":['
    first = True
    parts: list[str] = []
    for e in events:
        parts.append(("" if first else ",") + json.dumps(_feature(e), ensure_ascii=False))
        first = False
        if len(parts) >= _CHUNK:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append("]}\n")
    yield "".join(parts).encode("utf-8")


def _arrow_schema() -> Any:
    import pyarrow as pa

    kinds = {str: pa.string(), int: pa.int64(), float: pa.float64()}
    return pa.schema([(col, kinds[t]) for col, t in flat_types().items()])


def _parquet_bytes(events: Iterable[Event]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for e in events:
            batch.append(flatten_event(e))
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return sink.getvalue()


def iter_export(events: Iterable[Event], fmt: str, *, timestamp: int | None = None) -> Iterator[bytes]:
    """Encode events in format ``fmt``, yielding byte chunks (streamable).

    Raises :class:`InputError` (SIG-E110) for an unknown format.
    """
    _check(fmt)
    if fmt == "jsonl":
        return _jsonl_chunks(e.to_dict() for e in events)
    if fmt == "plover-jsonl":
        return _jsonl_chunks(plover_record(e) for e in events)
    if fmt == "acled-csv":
        return _csv_chunks((acled_row(e, timestamp=timestamp) for e in events), ACLED_COLUMNS)
    if fmt == "csv":
        return _csv_chunks((flatten_event(e) for e in events), FLAT_COLUMNS)
    if fmt == "geojson":
        return _geojson_chunks(events)
    return iter([_parquet_bytes(events)])


def write_events(events: Iterable[Event], fmt: str, out: IO[bytes], *, timestamp: int | None = None) -> int:
    """Write events to a binary stream in format ``fmt``; returns the number of events written."""
    count = 0

    def counted() -> Iterator[Event]:
        nonlocal count
        for e in events:
            count += 1
            yield e

    for chunk in iter_export(counted(), fmt, timestamp=timestamp):
        out.write(chunk)
    return count


def detect_format(path: Path) -> str:
    """The import format of a file from its name, and for ``.jsonl`` from its first record.

    Raises :class:`InputError` (SIG-E111) when it cannot be told.
    """
    name = path.name.lower()
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".geojson", ".geo.json")):
        return "geojson"
    if name.endswith(".csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), [])
        if "event_id_cnty" in header:
            raise InputError("ACLED CSV is an export-only format (it drops fields); import the csv, jsonl, "
                             "plover-jsonl, geojson or parquet export instead", code="SIG-E111", input=str(path))
        return "csv"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise InputError(f"not JSON Lines: {exc}", code="SIG-E111", input=str(path)) from exc
                    if isinstance(rec, dict) and rec.get("type") == "FeatureCollection":
                        return "geojson"
                    if isinstance(rec, dict) and ("sigact" in rec or "recipient" in rec or "event_loc" in rec):
                        return "plover-jsonl"
                    return "jsonl"
        return "jsonl"
    raise InputError("cannot tell the format from the file name; pass --format", code="SIG-E111", input=str(path))


def _read_jsonl(path: Path, plover: bool) -> Iterator[Event]:
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                yield event_from_plover(rec) if plover else Event.from_dict(rec)
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise InputError(f"line {lineno}: not an event record ({exc!r})", code="SIG-E112",
                                 input=str(path)) from exc


def read_events(path: str | Path, fmt: str | None = None) -> Iterator[Event]:
    """Read events back from an export file (``fmt`` guessed from the file when ``None``).

    Raises :class:`InputError` for an unknown, export-only or malformed file.
    """
    path = Path(path)
    fmt = fmt or detect_format(path)
    spec = _check(fmt)
    if not spec.importable:
        raise InputError(f"{fmt} is an export-only format", code="SIG-E111", input=str(path))
    if fmt in ("jsonl", "plover-jsonl"):
        yield from _read_jsonl(path, fmt == "plover-jsonl")
    elif fmt == "csv":
        with path.open(encoding="utf-8", newline="") as fh:
            for lineno, row in enumerate(csv.DictReader(fh), 2):
                try:
                    yield unflatten_event(row)
                except (KeyError, ValueError, json.JSONDecodeError) as exc:
                    raise InputError(f"row {lineno}: {exc!r}", code="SIG-E112", input=str(path)) from exc
    elif fmt == "geojson":
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            features = doc["features"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"not a GeoJSON FeatureCollection ({exc!r})", code="SIG-E112", input=str(path)) from exc
        for feat in features:
            yield Event.from_dict(feat["properties"])
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        for batch in table.to_batches(max_chunksize=5000):
            for row in batch.to_pylist():
                yield unflatten_event(row)
