"""BM25 over a frozen base (arrays, memory-mapped from a snapshot) plus a small mutable delta.

The base is one field's inverted index as flat arrays: the vocabulary as sorted 64-bit term hashes
(no Python dict of every term: a term is found with `np.searchsorted`), CSR postings (per term its
rows, term frequencies and BM25 term weights at the base's average length) and document lengths.
`LayeredBM25` scores base and delta rows as one collection: document frequencies, the live count and
the average length are taken over both, with superseded base rows masked, so a query scores exactly
as the same rows would in one `BM25` (term weights within `DRIFT` of the average, as `BM25` keeps them).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np

from matching.bm25 import BM25, COMMON_SHARE, DRIFT, K1, MIN_FOR_COMMON, B

EMPTY_ROWS, EMPTY_WEIGHTS = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
# The arrays of one field, by file name suffix.
ARRAYS = ("vocabulary", "offsets", "rows", "tfs", "weights", "lengths")


def term_hash(term: str) -> int:
    """A term's 64-bit hash, the same in every process (Python's own `hash` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


# Query terms recur (a need's page asks for the same ones each time): their hashes are kept.
_query_hash = lru_cache(maxsize=1 << 16)(term_hash)


def term_weights(tfs: np.ndarray, norms: np.ndarray, k1: float = K1) -> np.ndarray:
    """BM25's tf part, tf·(k1 + 1) / (tf + norm), in float32 exactly as `BM25` computes it."""
    return tfs * np.float32(k1 + 1) / (tfs + norms)


def length_norms(lengths: np.ndarray, average: float, k1: float = K1, b: float = B) -> np.ndarray:
    """k1·(1 − b + b·length/average) of every row, as `BM25._norms`."""
    return (k1 * (1 - b + b * lengths / average)).astype(np.float32)


class FrozenBM25:
    """One field of a frozen catalogue: read-only arrays (possibly memory-mapped)."""

    def __init__(self, arrays: Mapping[str, np.ndarray], average: float) -> None:
        # Plain ndarray views of memory maps (no copy): np.memmap's slicing costs several µs a call.
        self.vocabulary = np.asarray(arrays["vocabulary"])  # uint64, sorted
        self.offsets = np.asarray(arrays["offsets"])  # int64, len(vocabulary) + 1
        self.rows = np.asarray(arrays["rows"])  # int32, postings grouped by term, rows ascending
        self.tfs = np.asarray(arrays["tfs"])  # float32
        self.weights = np.asarray(arrays["weights"])  # float32: term_weights at `average`
        self.lengths = np.asarray(arrays["lengths"])  # float32, one per row
        self.average = average
        self._norms: tuple[float, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.lengths)

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]]) -> FrozenBM25:
        """The frozen index of documents (row i is documents[i]), every row live."""
        ids: dict[str, int] = {}
        lengths = np.fromiter((len(terms) for terms in documents), np.float32, len(documents))
        flat = np.fromiter((ids.setdefault(t, len(ids)) for terms in documents for t in terms), np.int64)
        rows = np.repeat(np.arange(len(documents), dtype=np.int64), lengths.astype(np.int64))
        count = max(len(documents), 1)
        pairs, tfs = np.unique(flat * count + rows, return_counts=True)  # sorted by term id, then row
        term_ids, rows = np.divmod(pairs, count)
        hashes = np.fromiter((term_hash(term) for term in ids), np.uint64, len(ids))
        # Renumber terms by hash order, keeping each term's rows ascending.
        rank = np.empty(len(ids), dtype=np.int64)
        rank[np.argsort(hashes, kind="stable")] = np.arange(len(ids))
        order = np.lexsort((rows, rank[term_ids]))
        offsets = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rank[term_ids], minlength=len(ids)), out=offsets[1:])
        total = float(lengths.sum(dtype=np.float64))
        average = max(total / len(documents), 1.0) if len(documents) else 1.0
        rows32, tfs32 = rows[order].astype(np.int32), tfs[order].astype(np.float32)
        arrays = {
            "vocabulary": np.sort(hashes),
            "offsets": offsets,
            "rows": rows32,
            "tfs": tfs32,
            "weights": term_weights(tfs32, length_norms(lengths, average)[rows32]),
            "lengths": lengths,
        }
        return cls(arrays, average)

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in ARRAYS}

    def postings(self, term: str) -> slice | None:
        """Where a term's postings lie in `rows`, `tfs` and `weights`, or None for an unknown term."""
        return self.spans([term])[0]

    def spans(self, terms: Sequence[str]) -> list[slice | None]:
        """`postings` of many terms, looked up in one binary search."""
        keys = np.fromiter((_query_hash(term) for term in terms), np.uint64, len(terms))
        at = np.searchsorted(self.vocabulary, keys)
        found = at < len(self.vocabulary)
        found[found] = self.vocabulary[at[found]] == keys[found]
        starts, ends = (
            self.offsets[np.minimum(at, len(self.offsets) - 2)],
            self.offsets[np.minimum(at + 1, len(self.offsets) - 1)],
        )
        return [
            slice(int(s), int(e)) if ok else None
            for ok, s, e in zip(found.tolist(), starts.tolist(), ends.tolist(), strict=True)
        ]

    def norms(self, average: float) -> np.ndarray:
        if self._norms is None or self._norms[0] != average:
            self._norms = (average, length_norms(np.asarray(self.lengths), average))
        return self._norms[1]


class LayeredBM25:
    """A frozen base (rows 0…len(base)−1) and a mutable delta (the rows after), scored as one index.
    `base_live` is the catalogue's mask of base rows not superseded; call `mask` after changing it."""

    def __init__(self, base: FrozenBM25, base_live: np.ndarray, delta: BM25 | None = None) -> None:
        self.base = base
        self.delta = delta if delta is not None else BM25()
        self.base_live = base_live
        self._all_live = bool(base_live.all())
        self._base_count = int(np.count_nonzero(base_live))
        self._base_length = float(np.asarray(base.lengths, dtype=np.float64)[base_live].sum())

    def kill(self, row: int) -> None:
        """The catalogue has just masked base row `row` (it was live)."""
        self._all_live = False
        self._base_count -= 1
        self._base_length -= float(self.base.lengths[row])

    def scores(self, terms: Iterable[str]) -> np.ndarray:
        base_size, delta = len(self.base), self.delta
        size = base_size + len(delta)
        count = self._base_count + delta.live_count
        if not count:
            return np.zeros(size, dtype=np.float32)
        average = max((self._base_length + delta.live_length) / count, 1.0)
        distinct = list(set(terms))
        spans = self.base.spans(distinct)
        all_rows, all_weights = [], []
        for term, span in zip(distinct, spans, strict=True):
            rows, weights = self._base_postings(span, average) if span is not None else (EMPTY_ROWS, EMPTY_WEIGHTS)
            delta_rows, delta_weights = (
                delta.weighted_postings(term, average) if len(delta) else (EMPTY_ROWS, EMPTY_WEIGHTS)
            )
            df = len(rows) + len(delta_rows)
            if not df or (df > COMMON_SHARE * count and count >= MIN_FOR_COMMON):
                continue
            idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
            if len(rows):
                all_rows.append(rows)
                all_weights.append(idf * weights)
            if len(delta_rows):
                all_rows.append(delta_rows + base_size)
                all_weights.append(idf * delta_weights)
        if not all_rows:
            return np.zeros(size, dtype=np.float32)
        summed = np.bincount(np.concatenate(all_rows), np.concatenate(all_weights), minlength=size)
        return summed.astype(np.float32)

    def _base_postings(self, span: slice, average: float) -> tuple[np.ndarray, np.ndarray]:
        """Live base rows of a term's postings and their term weights at `average` (the stored
        weights while the average is within DRIFT of the base's own)."""
        rows = self.base.rows[span]
        if abs(self.base.average - average) <= DRIFT * average:
            weights = self.base.weights[span]
        else:
            tfs = self.base.tfs[span]
            weights = term_weights(tfs, self.base.norms(average)[rows])
        if not self._all_live:
            live = self.base_live[rows]
            rows, weights = rows[live], weights[live]
        return rows, weights
