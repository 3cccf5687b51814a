"""TF-IDF classifier blended with logistic regression on MiniLM sentence embeddings.

The embedding model (``data/event_embed_classifier.json``: 384-d coefficients per ACLED
sub-event type, intercepts, labels; trained by ``tools/embed_classifier_cv.py --write`` on
the TRAIN split only) reads a note's meaning rather than its words, so it transfers
better to the writing styles of countries absent from training (4-fold country
cross-validation on train, see docs/benchmarks.md).  :class:`EmbedEnsemble` averages its
probabilities with those of the TF-IDF :class:`~sigact.extract.classifier.EventClassifier`
at weight ``w`` and exposes the same interface the coder uses (``labels``, ``meta``,
``proba``, ``predict_proba``).  The embedder (``sigact.dedup.embed``) loads on first use.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from sigact.errors import ConfigError
from sigact.extract.classifier import EventClassifier, cached_proba, prepare_text

__all__ = ["EmbedLogReg", "EmbedEnsemble", "EMBED_ARTIFACT"]

EMBED_ARTIFACT = "event_embed_classifier.json"
_FORMAT = "sigact-embed-logreg-1"
_log = logging.getLogger(__name__)


@dataclass
class EmbedLogReg:
    """Multinomial logistic regression over sentence embeddings (no scikit-learn needed)."""

    labels: list[str]
    coef: np.ndarray  # (n_labels, 384)
    intercept: np.ndarray  # (n_labels,)
    meta: dict[str, Any]
    embedder: Any = None  # anything with .encode(texts) -> (n, 384); default: sigact.dedup.embed.get_embedder()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Returns the (n, 384) embeddings of the prepared texts (loads the embedder on first use)."""
        if self.embedder is None:
            from sigact.dedup.embed import get_embedder

            self.embedder = get_embedder()
        return np.asarray(self.embedder.encode([prepare_text(t) for t in texts]), dtype=np.float64)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Returns an (n_texts, n_labels) array of probabilities (rows sum to 1)."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        z = self.embed(texts) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def to_json(self, digits: int = 5) -> dict[str, Any]:
        """Returns the JSON form (coefficients rounded to ``digits`` decimals)."""
        return {"format": _FORMAT, "labels": self.labels,
                "coef": [[round(float(v), digits) for v in row] for row in self.coef],
                "intercept": [round(float(v), digits) for v in self.intercept], "meta": self.meta}

    def save(self, path: Path) -> None:
        """Writes the JSON artifact (deterministic bytes)."""
        Path(path).write_text(json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")) + "\n",
                              encoding="utf-8")

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "EmbedLogReg":
        """Returns the model rebuilt from :meth:`to_json` output."""
        if d.get("format") != _FORMAT:
            raise ConfigError(f"unknown embedding classifier format {d.get('format')!r}")
        coef = np.asarray(d["coef"], dtype=np.float64)
        if coef.shape[0] != len(d["labels"]):
            raise ConfigError("embedding classifier: one coefficient row per label expected")
        return cls(list(d["labels"]), coef, np.asarray(d["intercept"], dtype=np.float64), dict(d.get("meta") or {}))

    @classmethod
    def load(cls, path: Path | None = None) -> "EmbedLogReg":
        """Returns the model from ``path`` or the packaged artifact (ConfigError when missing)."""
        try:
            raw = (resources.files("sigact.extract").joinpath("data", EMBED_ARTIFACT).read_bytes()
                   if path is None else Path(path).read_bytes())
        except FileNotFoundError as exc:
            raise ConfigError(f"embedding classifier artifact not found ({path or EMBED_ARTIFACT}); "
                              "run tools/embed_classifier_cv.py --write") from exc
        return cls.from_json(json.loads(raw.decode("utf-8")))


@dataclass
class EmbedEnsemble:
    """``(1 - w) x`` TF-IDF probabilities ``+ w x`` embedding-LR probabilities, with the
    :class:`EventClassifier` interface (``labels`` and ``meta`` are the TF-IDF model's)."""

    tfidf: EventClassifier
    embed: EmbedLogReg
    weight: float = 0.5
    _cache: dict[str, dict[str, float]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 0.0 <= self.weight <= 1.0:
            raise ConfigError(f"ensemble weight must lie in [0, 1], got {self.weight}")
        missing = [lab for lab in self.embed.labels if lab not in self.tfidf.labels]
        if missing:
            raise ConfigError(f"embedding classifier labels unknown to the TF-IDF classifier: {missing}")
        self._cols = [self.tfidf.labels.index(lab) for lab in self.embed.labels]

    @property
    def labels(self) -> list[str]:
        """The sub-event types, in the TF-IDF classifier's order."""
        return self.tfidf.labels

    @property
    def meta(self) -> dict[str, Any]:
        """The TF-IDF classifier's metadata (``label_counts`` etc.) plus ``embed_weight``."""
        return {**self.tfidf.meta, "embed_weight": self.weight}

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Returns an (n_texts, n_labels) array of blended probabilities (rows sum to 1)."""
        p = self.tfidf.predict_proba(texts)
        if self.weight <= 0.0 or not len(texts):
            return p
        try:
            e = self.embed.predict_proba(texts)
        except ConfigError as exc:  # embedder packages missing: keep working on TF-IDF alone
            _log.warning("sentence embeddings unavailable, TF-IDF classifier alone: %s", exc)
            self.weight = 0.0
            return p
        q = np.zeros_like(p)
        q[:, self._cols] = e
        return (1.0 - self.weight) * p + self.weight * q

    def proba(self, text: str) -> dict[str, float]:
        """Returns ``{label: probability}`` for one text (recent texts cached)."""
        return cached_proba(self, text)

    @classmethod
    def default(cls) -> "EmbedEnsemble | None":
        """Returns the packaged ensemble, built once per process (None when either artifact is missing)."""
        global _default, _built
        with _lock:
            if not _built:
                _built = True
                tfidf = EventClassifier.default()
                try:
                    emb = EmbedLogReg.load()
                except ConfigError:
                    emb = None
                if tfidf is not None and emb is not None:
                    _default = cls(tfidf, emb, float(emb.meta.get("blend_weight", 0.5)))
            return _default


_lock = threading.Lock()
_default: EmbedEnsemble | None = None
_built = False
