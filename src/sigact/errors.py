"""Exception tree.  Every user-facing error has a code (``SIG-Exxx``, see docs/errors.md).

    SigactError
     ├── InputError          SIG-E1xx  an input cannot be read (bad file, encoding, JSON, too large)
     │    └── RejectInput              (sigact.ingest.base) one input rejected; becomes a rejects-log line
     ├── ExtractionError     SIG-E2xx  a stage failed on one article
     ├── StoreError          SIG-E3xx  database problems
     └── ConfigError         SIG-E4xx  bad settings, missing model or data file

Raise with a specific code in the family's hundred, e.g.
``InputError("gold file not found", code="SIG-E101", input=path)``; ``str(exc)`` is then
``"SIG-E101 <input>: gold file not found"``.  A new code must be added to docs/errors.md
(tests/test_docs.py checks both directions and that the code fits its class's family).
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

T = TypeVar("T")


class SigactError(Exception):
    """Base of every sigact error: a one-line message, a ``code`` and optionally the ``input`` it concerns."""

    code = "SIG-E000"

    def __init__(self, message: str, *, code: str | None = None, input: str | None = None):
        super().__init__(message)
        if code:
            self.code = code
        self.input = input

    def __str__(self) -> str:  # one line, naming the input when known
        msg = super().__str__()
        where = f"{self.input}: " if self.input else ""
        return f"{self.code} {where}{msg}"


class InputError(SigactError):
    """An input (file, record, argument or query parameter) cannot be read or used: SIG-E1xx."""

    code = "SIG-E100"


class ExtractionError(SigactError):
    """A pipeline stage failed on one article (the rest of a batch goes on): SIG-E2xx.

    ``article_id`` and ``stage`` (``relevance``, ``nlp``, ``geo``, ``dates``, ``extract``, ``links``
    or ``pipeline`` when unknown) say where; ``__cause__`` is the original exception.
    """

    code = "SIG-E200"

    def __init__(self, message: str, *, code: str | None = None, input: str | None = None,
                 article_id: str | None = None, stage: str | None = None):
        super().__init__(message, code=code, input=input)
        self.article_id = article_id
        self.stage = stage

    @classmethod
    def wrap(cls, exc: BaseException, *, stage: str, article: Any = None) -> "ExtractionError":
        """Returns ``exc`` as an ExtractionError naming ``stage`` and the article (``exc`` itself,
        completed, when it already is one)."""
        art_id = getattr(article, "id", None)
        where = getattr(article, "input", None) or getattr(article, "url", None) or art_id
        if isinstance(exc, ExtractionError):
            exc.article_id = exc.article_id or art_id
            exc.stage = exc.stage or stage
            exc.input = exc.input or where
            return exc
        detail = " ".join(str(exc).split())[:300]
        where_in = "" if stage == "pipeline" else f"{stage} stage: "  # "pipeline": the stage is not known
        msg = f"{where_in}{exc.__class__.__name__}" + (f": {detail}" if detail else "") + f" (article {art_id})"
        return cls(msg, input=where, article_id=art_id, stage=stage)

    def to_reject(self, *, input: str | None = None, position: str | None = None) -> dict[str, Any]:
        """Returns the rejects-log record of this failure:
        ``{"input", "position", "reason", "code", "article_id", "stage"}``."""
        return {"input": input or self.input or self.article_id, "position": position,
                "reason": f"extraction failed: {Exception.__str__(self)}", "code": self.code,
                "article_id": self.article_id, "stage": self.stage}


def run_stage(stage: str, article: Any, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Returns ``fn(*args, **kwargs)``; any exception but a :class:`ConfigError` (a broken install,
    not one bad article) becomes an :class:`ExtractionError` naming ``stage`` and ``article``."""
    try:
        return fn(*args, **kwargs)
    except ConfigError:
        raise
    except Exception as exc:  # noqa: BLE001 - a stage bug or an input it cannot handle: one article fails
        raise ExtractionError.wrap(exc, stage=stage, article=article) from exc


class StoreError(SigactError):
    """The database cannot be opened, migrated or written: SIG-E3xx."""

    code = "SIG-E300"


class ConfigError(SigactError):
    """Bad settings, or a bundled data file or model missing or malformed: SIG-E4xx."""

    code = "SIG-E400"
