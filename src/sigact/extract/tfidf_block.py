"""One TF-IDF block of the event classifier, applied without scikit-learn.

:class:`TfidfBlock` is rebuilt from the classifier artifact's JSON keys (vocabulary, idf, n-gram
range, sublinear tf, token pattern) and computes the same matrix as scikit-learn's fitted
``TfidfVectorizer.transform`` (lower case, word or ``char_wb`` n-grams, counts, ``1 + log(tf)``,
times idf, rows L2-normalised, every step in the same order of floating-point operations), so the
classifier's probabilities are bit-identical.  Importing scikit-learn (and through it scipy.stats)
costs most of a second at start-up; this needs numpy and scipy.sparse only.  With the fast paths
off (:mod:`sigact.scale.fastpath`) it hands the work to the real ``TfidfVectorizer``.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

import numpy as np

from sigact.scale import fastpath

__all__ = ["TfidfBlock"]

_WHITE_SPACES = re.compile(r"\s\s+")  # scikit-learn's char_wb normalisation


class TfidfBlock:
    """A fitted TF-IDF vectorizer (word or ``char_wb`` analyzer) with the attributes the artifact
    writer reads (``vocabulary_``, ``idf_``, ``ngram_range``, ``sublinear_tf``, ``analyzer``,
    ``token_pattern``)."""

    def __init__(self, d: dict[str, Any], analyzer: str, token_pattern: str | None = None):
        if analyzer not in ("word", "char_wb") or (analyzer == "word" and not token_pattern):
            raise ValueError(f"unsupported analyzer {analyzer!r} (a word block needs its token pattern)")
        self.analyzer = analyzer
        self.vocabulary_ = {w: i for i, w in enumerate(d["vocabulary"])}
        self.idf_ = np.asarray(d["idf"], dtype=np.float64)
        self.ngram_range = tuple(int(n) for n in d["ngram_range"])
        self.sublinear_tf = bool(d["sublinear_tf"])
        self.token_pattern = token_pattern if analyzer == "word" else None
        self._findall = re.compile(token_pattern).findall if token_pattern else None
        self._sklearn: Any = None

    # ---- the analyzers, as scikit-learn's _word_ngrams / _char_wb_ngrams ------------------
    def features(self, text: str) -> list[str]:
        """Returns the n-grams of ``text`` in scikit-learn's order."""
        min_n, max_n = self.ngram_range
        doc = text.lower()
        if self.analyzer == "char_wb":
            out: list[str] = []
            for w in _WHITE_SPACES.sub(" ", doc).split():
                w = " " + w + " "
                w_len = len(w)
                for n in range(min_n, max_n + 1):
                    offset = 0
                    out.append(w[offset:offset + n])
                    while offset + n < w_len:
                        offset += 1
                        out.append(w[offset:offset + n])
                    if offset == 0:
                        break
            return out
        tokens: list[str] = self._findall(doc)  # type: ignore[misc]
        if max_n == 1:
            return tokens
        original = tokens
        if min_n == 1:
            tokens = list(original)
            min_n += 1
        else:
            tokens = []
        for n in range(min_n, min(max_n + 1, len(original) + 1)):
            for i in range(len(original) - n + 1):
                tokens.append(" ".join(original[i:i + n]))
        return tokens

    def transform(self, texts: Sequence[str]) -> Any:
        """Returns the (n_texts, n_features) CSR matrix of TF-IDF weights."""
        if not fastpath.enabled():
            return self._sklearn_vectorizer().transform(texts)
        from scipy.sparse import csr_matrix

        vocab = self.vocabulary_
        indptr, indices, counts = [0], [], []
        for text in texts:
            seen: dict[int, int] = {}
            for f in self.features(text):
                j = vocab.get(f)
                if j is not None:
                    seen[j] = seen.get(j, 0) + 1
            cols = sorted(seen)
            indices.extend(cols)
            counts.extend(seen[j] for j in cols)
            indptr.append(len(indices))
        data = np.asarray(counts, dtype=np.float64)
        idx = np.asarray(indices, dtype=np.int32)
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        data *= self.idf_[idx]
        for a, b in zip(indptr, indptr[1:]):
            if b > a:
                row = data[a:b]
                total = np.cumsum(row * row)[-1]  # left-to-right sum, as scikit-learn's row norm
                if total != 0.0:
                    row /= np.sqrt(total)
        return csr_matrix((data, idx, np.asarray(indptr, dtype=np.int32)), shape=(len(texts), len(vocab)))

    def _sklearn_vectorizer(self) -> Any:
        """The equivalent fitted scikit-learn ``TfidfVectorizer`` (built on first use)."""
        if self._sklearn is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            kw = {"token_pattern": self.token_pattern} if self.analyzer == "word" else {}
            vec = TfidfVectorizer(vocabulary=dict(self.vocabulary_), ngram_range=self.ngram_range,
                                  sublinear_tf=self.sublinear_tf, analyzer=self.analyzer, **kw)
            vec.idf_ = self.idf_
            self._sklearn = vec
        return self._sklearn
