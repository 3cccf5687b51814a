"""``sigact.extract``: one callable object (the extraction subpackage), whatever was imported first."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import sigact
from sigact.model import Event


def test_the_name_is_the_same_object_before_and_after_the_subpackage_loads() -> None:
    """In a fresh interpreter: bound at ``import sigact``, unchanged by importing the stage, nothing heavy loaded."""
    code = (
        "import sys, sigact\n"
        "first = sigact.extract\n"
        "assert 'spacy' not in sys.modules and 'sigact.pipeline' not in sys.modules, 'import sigact stays cheap'\n"
        "import sigact.extract.extractor\n"
        "from sigact import extract\n"
        "assert extract is first is sigact.extract is sys.modules['sigact.extract']\n"
        "assert sigact.extract.EventExtractor is sigact.extract.extractor.EventExtractor\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_signature_is_the_documented_one() -> None:
    params = inspect.signature(sigact.extract).parameters
    assert list(params) == ["text", "published", "article_id", "url"]
    assert params["article_id"].kind is inspect.Parameter.KEYWORD_ONLY and params["published"].default is None


def test_calling_it_runs_the_default_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    import sigact.pipeline

    calls = []

    class Pipe:
        def extract(self, text, published=None, *, article_id=None, url=None):
            calls.append((text, published, article_id, url))
            return [Event(id="e1", article_id=article_id)]

    monkeypatch.setattr(sigact.pipeline, "get_pipeline", Pipe)
    from sigact import extract

    evs = extract("Gunmen killed four farmers near Tanda on Monday.", "2024-03-05", article_id="a1")
    assert [e.id for e in evs] == ["e1"]
    assert calls == [("Gunmen killed four farmers near Tanda on Monday.", "2024-03-05", "a1", None)]
