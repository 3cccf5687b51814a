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
    """A pipeline stage failed on one article (the rest of a batch goes on): SIG-E2xx."""

    code = "SIG-E200"


class StoreError(SigactError):
    """The database cannot be opened, migrated or written: SIG-E3xx."""

    code = "SIG-E300"


class ConfigError(SigactError):
    """Bad settings, or a bundled data file or model missing or malformed: SIG-E4xx."""

    code = "SIG-E400"
