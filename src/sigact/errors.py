"""Exception tree.  Every user-facing error has a code (``SIG-Exxx``, see docs/errors.md).

    SigactError
     ├── InputError          SIG-E1xx  an input cannot be read (bad file, encoding, JSON, too large)
     ├── ExtractionError     SIG-E2xx  a stage failed on one article
     ├── StoreError          SIG-E3xx  database problems
     └── ConfigError         SIG-E4xx  bad settings, missing model or data file
"""

from __future__ import annotations


class SigactError(Exception):
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
    code = "SIG-E100"


class ExtractionError(SigactError):
    code = "SIG-E200"


class StoreError(SigactError):
    code = "SIG-E300"


class ConfigError(SigactError):
    code = "SIG-E400"
