"""``sigact extract``: events of one text file, stdin, or a JSONL batch of records.

    sigact extract article.txt --published 2024-01-24
    cat article.txt | sigact extract - --format table
    sigact extract records.jsonl --format jsonl --rejects rejects.jsonl

A ``.jsonl`` input (or ``--jsonl``) holds one record per line, ``{"id", "text", "published"?}``;
each event's ``article_id`` is the record's id.  A bad record, or one whose extraction fails
(``SIG-E200``), goes to the rejects log (``--rejects``, JSONL ``{input, position, reason, code}``,
see docs/errors.md) and the batch continues.  A bad single
input (empty, binary, not UTF-8, larger than 50 MB) stops with a one-line error and exit 2.
By default only incidents (``factuality == "asserted"``) are printed; ``--all`` adds
threats, denials, hypotheticals, aggregates and historical mentions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator

import click

MAX_BYTES = 50 * 1024 * 1024

__all__ = ["extract_cmd", "read_text_input", "iter_jsonl_records"]


def _input_error(msg: str, name: str) -> Exception:
    from sigact.errors import InputError

    return InputError(msg, code="SIG-E101", input=name)


def _decode(raw: bytes, name: str) -> str:
    """Returns the UTF-8 text of raw bytes; raises InputError for empty, binary, non-UTF-8 or oversized input."""
    if len(raw) > MAX_BYTES:
        raise _input_error(f"input is larger than {MAX_BYTES // (1024 * 1024)} MB", name)
    if not raw.strip():
        raise _input_error("input is empty", name)
    if b"\x00" in raw[:8192]:
        raise _input_error("input looks binary (NUL bytes), expected UTF-8 text", name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _input_error(f"input is not valid UTF-8 (byte {exc.start})", name) from None
    return text


def read_text_input(path: str) -> tuple[str, str]:
    """Returns ``(name, text)`` for a file path or ``-`` (stdin); raises InputError on bad input."""
    if path == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        return "<stdin>", _decode(raw, "<stdin>")
    p = Path(path)
    if not p.exists():
        raise _input_error("no such file", path)
    if p.is_dir():
        raise _input_error("is a directory, expected a text or JSONL file", path)
    if p.stat().st_size > MAX_BYTES:
        raise _input_error(f"input is larger than {MAX_BYTES // (1024 * 1024)} MB", path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise _input_error(f"cannot read: {exc.strerror}", path) from None
    return path, _decode(raw, path)


def iter_jsonl_records(text: str, name: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yields ``(line_number, record, None)`` for good lines and ``(line_number, None, reason)`` for bad ones."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, None, f"json: not JSON: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(rec, dict):
            yield n, None, "json: not a JSON object"
            continue
        txt = rec.get("text")
        if not isinstance(txt, str) or not txt.strip():
            yield n, None, "empty: missing or empty 'text'"
            continue
        if rec.get("published") is not None and not isinstance(rec.get("published"), str):
            yield n, None, "json: 'published' must be a string (YYYY-MM-DD)"
            continue
        if rec.get("id") is not None and not isinstance(rec.get("id"), (str, int)):
            yield n, None, "json: 'id' must be a string"
            continue
        yield n, rec, None


def _looks_jsonl(name: str, text: str) -> bool:
    if name.endswith((".jsonl", ".ndjson")):
        return True
    first = text.lstrip()[:1]
    if first != "{":
        return False
    line = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict) and "text" in json.loads(line)
    except json.JSONDecodeError:
        return False


def _render_table(rows: list[tuple[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("article", "factuality", "ACLED type / sub-type", "actor1", "actor2", "place", "date",
                "killed", "injured", "conf"):
        table.add_column(col, overflow="fold")
    for art_id, e in rows:
        table.add_row(
            str(art_id)[:16], e.factuality,
            f"{e.acled_event_type or e.plover_type or '-'} / {e.acled_sub_event_type or '-'}",
            (e.actor1.acled_name or e.actor1.name or e.actor1.text) if e.actor1 else "-",
            (e.actor2.acled_name or e.actor2.name or e.actor2.text) if e.actor2 else "-",
            (e.location.name or e.location.text or "-") + (f" ({e.location.country})" if e.location and e.location.country else "")
            if e.location else "-",
            (e.date.start if e.date and e.date.start == e.date.end else
             f"{e.date.start}..{e.date.end}") if e.date and e.date.start else "-",
            "-" if e.fatalities is None else str(e.fatalities),
            "-" if e.injuries is None else str(e.injuries),
            f"{e.confidence:.2f}",
        )
    # a pipe or a file gets a wide table instead of one folded to 80 columns
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@click.command("extract")
@click.argument("source", default="-", required=False)
@click.option("--published", help="Publication date YYYY-MM-DD (anchors relative dates).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True,
              help="json: one array of events; jsonl: one event per line; table: a readable summary.")
@click.option("--all", "show_all", is_flag=True, help="Also print non-incidents (threats, aggregates, ...).")
@click.option("--jsonl", "force_jsonl", is_flag=True, help="Treat the input as JSONL records even without .jsonl.")
@click.option("--rejects", type=click.Path(dir_okay=False), help="Write bad JSONL records here (JSONL).")
@click.option("--id", "article_id", help="Article id for a single text (default: a hash of the text).")
def extract_cmd(source: str, published: str | None, fmt: str, show_all: bool, force_jsonl: bool,
                rejects: str | None, article_id: str | None) -> None:
    """Extract conflict events from SOURCE (a text file, a JSONL file of records, or - for stdin).

    Example: sigact extract examples/us-strikes-iraq.txt --published 2024-01-24 --format table
    """
    from sigact.errors import ConfigError, ExtractionError, SigactError

    if published is not None:
        import datetime as dt

        try:
            dt.date.fromisoformat(published[:10])
        except ValueError:
            raise click.BadParameter(f"{published!r} is not a date YYYY-MM-DD", param_hint="--published") from None
    try:
        name, text = read_text_input(source)
    except SigactError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    try:
        from sigact.model import Article
        from sigact.pipeline import get_pipeline

        pipe = get_pipeline()
    except (SigactError, ImportError) as exc:
        click.echo(f"error: cannot build the extraction pipeline: {exc}", err=True)
        sys.exit(3)
    rows: list[tuple[str, Any]] = []
    n_rejected = 0
    if force_jsonl or _looks_jsonl(name, text):
        from sigact.store.ingest import reject_code

        rej_fh = open(rejects, "w", encoding="utf-8") if rejects else None

        def reject(entry: dict[str, Any]) -> None:
            entry.setdefault("code", reject_code(entry["reason"]))
            if rej_fh:
                rej_fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            else:
                click.echo(f"rejected {name}:{entry['position'][5:]}: {entry['code']} {entry['reason']}", err=True)

        try:
            for line_no, rec, reason in iter_jsonl_records(text, name):
                if rec is None:
                    n_rejected += 1
                    reject({"input": name, "position": f"line {line_no}", "reason": reason})
                    continue
                art = Article.create(rec["text"], id=str(rec["id"]) if rec.get("id") is not None else None,
                                     published=rec.get("published") or published, input=name,
                                     position=f"line {line_no}")
                try:
                    events = pipe.process(art)
                except ConfigError as exc:
                    click.echo(f"error: {exc}", err=True)
                    sys.exit(3)
                except ExtractionError as exc:
                    n_rejected += 1
                    reject(exc.to_reject(input=name, position=f"line {line_no}"))
                    continue
                rows.extend((art.id, e) for e in events)
        finally:
            if rej_fh:
                rej_fh.close()
    else:
        art = Article.create(text, id=article_id, published=published, input=name)
        try:
            events = pipe.process(art)
        except SigactError as exc:  # ExtractionError: exit 2, like a bad input; ConfigError: 3
            click.echo(f"error: {exc}", err=True)
            sys.exit(3 if isinstance(exc, ConfigError) else 2)
        rows.extend((art.id, e) for e in events)
    if not show_all:
        rows = [(a, e) for a, e in rows if e.is_incident]
    if fmt == "table":
        _render_table(rows)
    elif fmt == "jsonl":
        for _, e in rows:
            click.echo(json.dumps(e.to_dict(), ensure_ascii=False))
    else:
        click.echo(json.dumps([e.to_dict() for _, e in rows], ensure_ascii=False, indent=2))
    if n_rejected:
        click.echo(f"{n_rejected} record(s) rejected" + (f" (see {rejects})" if rejects else ""), err=True)
