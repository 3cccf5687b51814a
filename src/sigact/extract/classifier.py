"""A small text classifier for ACLED sub-event types (TF-IDF + logistic regression).

Trained offline by ``tools/train_event_classifier.py`` on the TRAIN split only and
stored as plain JSON (``data/event_classifier.json``: vocabulary, idf weights, sparse
coefficients), so loading needs no pickle and gives the same numbers on every
machine.  Event-type probabilities are sums of their sub-event probabilities.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from sigact.errors import ConfigError

__all__ = ["EventClassifier", "prepare_text", "ARTIFACT"]

ARTIFACT = "event_classifier.json"
#: text -> UCDP type of violence ("1" state-based, "2" non-state, "3" one-sided), trained on GED headlines
UCDP_ARTIFACT = "ucdp_classifier.json"

_LEAD_DATE = re.compile(
    r"^\s*(?:on|around|as reported on|between|during the week of|in|from)?\s*(?:the\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s*\d{4}\s*(?:\([^)]*\))?\s*[,:]?", re.IGNORECASE)
_BRACKETS = re.compile(r"\[[^\]]*\]")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def prepare_text(text: str) -> str:
    """Returns the classifier's view of a text: lead date and [coder notes] removed, digits as 0, lower case."""
    text = _BRACKETS.sub(" ", text)
    text = _LEAD_DATE.sub(" ", text, count=1)
    text = _DIGITS.sub("0", text)
    return _SPACES.sub(" ", text).strip().lower()


@dataclass
class EventClassifier:
    """Linear TF-IDF classifier over ACLED sub-event types."""

    labels: list[str]
    vectorizer: Any
    coef: np.ndarray  # (n_labels, n_features)
    intercept: np.ndarray
    meta: dict[str, Any]
    _cache: dict[str, dict[str, float]] = field(default_factory=dict, repr=False, compare=False)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Returns an (n_texts, n_labels) array of probabilities (rows sum to 1)."""
        x = self.vectorizer.transform([prepare_text(t) for t in texts])
        z = np.asarray(x @ self.coef.T) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def proba(self, text: str) -> dict[str, float]:
        """Returns ``{label: probability}`` for one text (recent texts are cached: a sentence is
        often scored for several events)."""
        hit = self._cache.get(text)
        if hit is not None:
            return dict(hit)
        row = self.predict_proba([text])[0]
        out = {lab: float(p) for lab, p in zip(self.labels, row)}
        if len(self._cache) >= 512:
            self._cache.clear()
        self._cache[text] = out
        return dict(out)

    # -------------------------------------------------------------- persistence
    def to_json(self) -> dict[str, Any]:
        """Returns the JSON form: vocabulary, idf and coefficients as sparse rows."""
        v = self.vectorizer
        rows = []
        for r in self.coef:
            nz = np.nonzero(np.abs(r) >= 1e-3)[0]
            rows.append({"i": nz.tolist(), "w": [round(float(r[i]), 4) for i in nz]})
        vocab = sorted(v.vocabulary_.items(), key=lambda kv: kv[1])
        return {
            "format": "sigact-tfidf-logreg-1",
            "labels": self.labels,
            "vocabulary": [k for k, _ in vocab],
            "idf": [round(float(x), 5) for x in v.idf_],
            "ngram_range": list(v.ngram_range),
            "sublinear_tf": bool(v.sublinear_tf),
            "coef": rows,
            "intercept": [round(float(x), 5) for x in self.intercept],
            "meta": self.meta,
        }

    def save(self, path: Path) -> None:
        """Writes the JSON artifact (deterministic bytes: sorted keys, rounded numbers)."""
        data = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        Path(path).write_text(data + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "EventClassifier":
        """Returns a classifier rebuilt from :meth:`to_json` output."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        if d.get("format") != "sigact-tfidf-logreg-1":
            raise ConfigError(f"unknown classifier format {d.get('format')!r}")
        vocab = {w: i for i, w in enumerate(d["vocabulary"])}
        vec = TfidfVectorizer(vocabulary=vocab, ngram_range=tuple(d["ngram_range"]), sublinear_tf=d["sublinear_tf"])
        vec.idf_ = np.asarray(d["idf"], dtype=np.float64)
        coef = np.zeros((len(d["labels"]), len(vocab)), dtype=np.float64)
        for k, row in enumerate(d["coef"]):
            coef[k, row["i"]] = row["w"]
        return cls(list(d["labels"]), vec, coef, np.asarray(d["intercept"], dtype=np.float64), dict(d.get("meta") or {}))

    @classmethod
    def load(cls, path: Path | None = None, *, name: str = ARTIFACT) -> "EventClassifier":
        """Returns the classifier from ``path`` or the packaged artifact ``name``."""
        try:
            if path is None:
                raw = resources.files("sigact.extract").joinpath("data", name).read_bytes()
            else:
                raw = Path(path).read_bytes()
        except FileNotFoundError as exc:
            raise ConfigError(f"event classifier artifact not found ({path or ARTIFACT}); "
                              "run tools/train_event_classifier.py") from exc
        return cls.from_json(json.loads(raw.decode("utf-8")))

    @classmethod
    def default(cls, name: str = ARTIFACT) -> "EventClassifier | None":
        """Returns the packaged classifier ``name``, loaded once per process (None when it is not packaged)."""
        with _lock:
            if name not in _cache:
                try:
                    _cache[name] = cls.load(name=name)
                except ConfigError:
                    _cache[name] = None
            return _cache[name]


_lock = threading.Lock()
_cache: dict[str, EventClassifier | None] = {}
