"""A small text classifier for ACLED sub-event types (TF-IDF + logistic regression).

Trained offline by ``tools/train_event_classifier.py`` on the TRAIN split only and
stored as plain JSON (``data/event_classifier.json``: vocabulary, idf weights, sparse
coefficients), so loading needs no pickle and gives the same numbers on every
machine.  Event-type probabilities are sums of their sub-event probabilities.

Features are word n-grams and, optionally (format ``sigact-tfidf-logreg-2``), character
n-grams inside word boundaries (``char_wb``) as a second TF-IDF block, each block
L2-normalised on its own; the coefficient columns run over the word block, then the
character block.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from sigact.errors import ConfigError
from sigact.extract.lexicon import alternation, english_months, load_yaml

__all__ = ["EventClassifier", "FeatureBlocks", "prepare_text", "is_dated_note", "cached_proba", "ARTIFACT", "TOKEN_PATTERN"]

#: word tokens of the word block (hyphenated names and "n't" stay one token); artifacts without
#: a ``token_pattern`` key were trained with it
TOKEN_PATTERN = r"(?u)\b\w[\w'-]*\b"
_FORMATS = ("sigact-tfidf-logreg-1", "sigact-tfidf-logreg-2")

ARTIFACT = "event_classifier.json"
#: text -> UCDP type of violence ("1" state-based, "2" non-state, "3" one-sided), trained on GED headlines
UCDP_ARTIFACT = "ucdp_classifier.json"

#: a dated event note's opening: an optional category label ("Looting: ") and a lead date with its year
_NOTE_LEAD = re.compile(r"^\s*(?:[A-Z][A-Za-z /-]{0,40}:\s*)?(?=\S)")
_BRACKETS = re.compile(r"\[[^\]]*\]")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _lead_date() -> re.Pattern[str]:
    """Returns the lead date of a dated event note ("On 3 May 2020,", "Around 1 May 2020 (as reported),"),
    built once per process: the lead words of ``classifier.yaml: dated_note`` and the English month names
    of the time lexicon (:func:`sigact.extract.lexicon.english_months`)."""
    cfg = load_yaml("classifier.yaml").get("dated_note") or {}
    lead = alternation(cfg.get("lead_words"))
    months = "|".join(english_months()[0])
    return re.compile(
        r"^\s*(?:" + lead + r")?\s*(?:the\s+)?"
        r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + months + r")"
        r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s*\d{4}\s*(?:\([^)]*\))?\s*[,:]?", re.IGNORECASE)


def is_dated_note(text: str) -> bool:
    """True when the text opens like a dated event note ("On 3 May 2020, ...", "Around 1 May 2020 (as
    reported), ...", "Looting: On 12 February 2022, ..."): a report of one dated event, not a news story."""
    m = _NOTE_LEAD.match(text)
    return bool(_lead_date().match(text[m.end():] if m else text))


def prepare_text(text: str) -> str:
    """Returns the classifier's view of a text: lead date and [coder notes] removed, digits as 0, lower case."""
    text = _BRACKETS.sub(" ", text)
    text = _lead_date().sub(" ", text, count=1)
    text = _DIGITS.sub("0", text)
    return _SPACES.sub(" ", text).strip().lower()


@dataclass
class FeatureBlocks:
    """Word TF-IDF features, optionally followed by character n-gram TF-IDF features."""

    word: Any
    char: Any = None

    def transform(self, texts: Sequence[str]) -> Any:
        """Returns the sparse feature matrix (word columns, then character columns)."""
        x = self.word.transform(texts)
        if self.char is None:
            return x
        from scipy.sparse import hstack

        return hstack([x, self.char.transform(texts)]).tocsr()

    def fit_transform(self, texts: Sequence[str]) -> Any:
        """Fits both vectorizers and returns the feature matrix of ``texts``."""
        x = self.word.fit_transform(texts)
        if self.char is None:
            return x
        from scipy.sparse import hstack

        return hstack([x, self.char.fit_transform(texts)]).tocsr()


def cached_proba(model: Any, text: str, size: int = 512) -> dict[str, float]:
    """Returns ``{label: probability}`` of ``model.predict_proba([text])`` over ``model.labels``, through
    ``model._cache`` (cleared when it holds ``size`` texts); a fresh dict every call."""
    hit = model._cache.get(text)
    if hit is None:
        row = model.predict_proba([text])[0]
        hit = {lab: float(p) for lab, p in zip(model.labels, row)}
        if len(model._cache) >= size:
            model._cache.clear()
        model._cache[text] = hit
    return dict(hit)


@dataclass
class EventClassifier:
    """Linear TF-IDF classifier over ACLED sub-event types."""

    labels: list[str]
    vectorizer: Any  # a fitted TfidfVectorizer or FeatureBlocks
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
        return cached_proba(self, text)

    # -------------------------------------------------------------- persistence
    def to_json(self, *, min_weight: float = 1e-3, digits: int = 4) -> dict[str, Any]:
        """Returns the JSON form: vocabulary, idf and coefficients as sparse rows (weights below
        ``min_weight`` in absolute value dropped, the rest rounded to ``digits`` decimals)."""
        blocks = self.vectorizer if isinstance(self.vectorizer, FeatureBlocks) else FeatureBlocks(self.vectorizer)
        v = blocks.word
        rows = []
        for r in self.coef:
            nz = np.nonzero(np.abs(r) >= min_weight)[0]
            rows.append({"i": nz.tolist(), "w": [round(float(r[i]), digits) for i in nz]})
        out = {
            "format": _FORMATS[0] if blocks.char is None else _FORMATS[1],
            "labels": self.labels,
            **_block_json(v),
            "coef": rows,
            "intercept": [round(float(x), 5) for x in self.intercept],
            "meta": self.meta,
        }
        if blocks.char is not None:
            out["char"] = _block_json(blocks.char)
        return out

    def save(self, path: Path) -> None:
        """Writes the JSON artifact (deterministic bytes: sorted keys, rounded numbers)."""
        data = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        Path(path).write_text(data + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "EventClassifier":
        """Returns a classifier rebuilt from :meth:`to_json` output."""
        if d.get("format") not in _FORMATS:
            raise ConfigError(f"unknown classifier format {d.get('format')!r}")
        word = _block_vectorizer(d, "word")
        char = _block_vectorizer(d["char"], "char_wb") if d.get("char") else None
        n_features = len(d["vocabulary"]) + (len(d["char"]["vocabulary"]) if char is not None else 0)
        coef = np.zeros((len(d["labels"]), n_features), dtype=np.float64)
        for k, row in enumerate(d["coef"]):
            coef[k, row["i"]] = row["w"]
        vec: Any = word if char is None else FeatureBlocks(word, char)
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


def _block_json(v: Any) -> dict[str, Any]:
    """Returns one fitted TfidfVectorizer's JSON keys: vocabulary (in column order), idf, n-gram range."""
    vocab = sorted(v.vocabulary_.items(), key=lambda kv: kv[1])
    out = {"vocabulary": [k for k, _ in vocab], "idf": [round(float(x), 5) for x in v.idf_],
           "ngram_range": list(v.ngram_range), "sublinear_tf": bool(v.sublinear_tf)}
    if v.analyzer == "word":
        out["token_pattern"] = v.token_pattern
    return out


def _block_vectorizer(d: dict[str, Any], analyzer: str) -> Any:
    """Returns a fitted vectorizer rebuilt from :func:`_block_json` keys (``analyzer``: word or char_wb):
    a scikit-learn-free :class:`~sigact.extract.tfidf_block.TfidfBlock` (same numbers as scikit-learn's
    ``TfidfVectorizer``, no sklearn import at start-up)."""
    from sigact.extract.tfidf_block import TfidfBlock

    return TfidfBlock(d, analyzer, d.get("token_pattern", TOKEN_PATTERN) if analyzer == "word" else None)


_lock = threading.Lock()
_cache: dict[str, EventClassifier | None] = {}
