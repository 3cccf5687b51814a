"""Shared helpers for the geo tests that resolve places in sentences written for them."""

from __future__ import annotations

from typing import Any


def analyze(nlp: Any, geo: Any, text: str) -> Any:
    """The document-level geo analysis (``DocGeo``) of ``text``."""
    return geo.analyze(nlp(text))


def event_place(nlp: Any, geo: Any, text: str) -> Any:
    """The place of an event told by the whole of ``text`` (fails the test when there is none)."""
    res = analyze(nlp, geo, text).place_for(0, len(text))
    assert res is not None, text
    return res[0]
