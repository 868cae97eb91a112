"""A large frozen catalogue's vectors in a compact form, and arrays read by pread instead of mapped.

The dense channel of a large catalogue is scored in two steps instead of one product with every
float32 vector (153 MB read by each query at 100,000 listings, and mapped by every web process):

1. every row, approximately: each vector less the catalogue's mean (e5's vectors share a large common
   part) projected on its `DIMENSIONS` principal directions, float32 (26 MB at 100,000): one small
   matrix-vector product, BLAS-fast. The mean's own part, mean·query, is exact.
2. the rows that can reach a page (the engine picks them: the best by this first score, and the best
   by the fused text score), again from the whole vector less the mean in int16 with one scale per row
   (77 MB at 100,000, of which a query reads a few hundred rows; the error is ~1e-6 of a cosine: int8's,
   ~2e-4, swapped near-tied offers in the tenth place of 1 in 30 rankings on the domain set).

Measured on real listings against the exact float32 scan: benchmarks/compact_recall.py (docs/matching.md).
Catalogues under `COMPACT_FROM` rows keep the exact float32 scan: it is cheap there.

Arrays a query reads a row or two of (titles, stored terms, the float32 vector of the listing that is
the query) are read with `os.pread` (`FileRows`) rather than mapped: a mapped page stays in the
process's resident memory once touched (with this kernel's large folios, up to 2 MB around it), so a
few rows a query would, over a day, map the whole 160 MB of terms into every web worker.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

from matching.fusion import LanguageWeights, best_live, text_scores, top_rows

# Rescores rows of a ranking (row numbers of the whole catalogue): (the rows it scored, their cosines).
Rescore = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]

COMPACT_FROM = 50_000
DIMENSIONS = 64
# Rows rescored from the int16 vectors per query: this share of the catalogue (at least RESCORE_MIN)
# by the approximate dense score, and as many by the fused text score. On KorSTS's 1,327 offers
# (benchmarks/compact_recall.py), recall@10 against the exact scan: 0.4 % 0.82, 1.5 % 0.92, 3 % 0.97,
# 5 % 0.985 (recall@1 and MRR against the labels unchanged), all 1.0.
RESCORE_SHARE = 0.05
RESCORE_MIN = 400
# The fine step's integer range: int16.
FINE_STEPS = 32767
# The arrays of a compact catalogue, by file name.
ARRAYS = ("centre", "projection", "coarse", "fine", "fine_scale")


def compact_arrays(vectors: np.ndarray, has_vector: np.ndarray) -> dict[str, np.ndarray]:
    """The compact form of a catalogue's vectors (rows without a vector are zeros in both steps)."""
    dimension = vectors.shape[1]
    present = vectors[has_vector].astype(np.float64)
    centre = present.mean(axis=0) if len(present) else np.zeros(dimension)
    centred = (vectors - centre.astype(np.float32)) * has_vector[:, None]
    # Principal directions of the centred vectors: eigenvectors of their 384×384 scatter matrix.
    scatter = (present - centre).T @ (present - centre)
    _, eigenvectors = np.linalg.eigh(scatter)
    projection = np.ascontiguousarray(eigenvectors[:, ::-1][:, : min(DIMENSIONS, dimension)], dtype=np.float32)
    scale = np.abs(centred).max(axis=1) / FINE_STEPS
    scale[scale == 0] = 1.0
    return {
        "centre": centre.astype(np.float32),
        "projection": projection,
        "coarse": np.ascontiguousarray(centred @ projection, dtype=np.float32),
        "fine": np.round(centred / scale[:, None]).astype(np.int16),
        "fine_scale": scale.astype(np.float32),
    }


class CompactVectors:
    """The two steps over a catalogue's compact arrays (mapped read-only)."""

    def __init__(self, arrays: Mapping[str, np.ndarray], has_vector: np.ndarray) -> None:
        self.centre, self.projection = np.asarray(arrays["centre"]), np.asarray(arrays["projection"])
        self.coarse, self.fine = np.asarray(arrays["coarse"]), np.asarray(arrays["fine"])
        self.fine_scale, self.has_vector = np.asarray(arrays["fine_scale"]), has_vector
        self._every_vector = bool(has_vector.all())

    def approximate(self, query: np.ndarray) -> np.ndarray:
        """Every row's cosine with `query`, approximately (0 for rows without a vector)."""
        scores = self.coarse @ (query @ self.projection)
        scores += np.float32(self.centre @ query)
        if not self._every_vector:
            scores[~self.has_vector] = 0.0
        return scores

    def rescored(self, rows: np.ndarray, query: np.ndarray) -> np.ndarray:
        """The cosines of `rows` from their int16 vectors."""
        products = self.fine[rows].astype(np.float32) @ query
        scores = products * self.fine_scale[rows] + np.float32(self.centre @ query)
        return np.where(self.has_vector[rows], scores, np.float32(0)).astype(np.float32)


class FileRows:
    """A saved array (.npy) read a few rows at a time with `os.pread`: nothing stays mapped."""

    def __init__(self, path: Path) -> None:
        header = np.load(path, mmap_mode="r")  # reads the header only; its mapping is never touched
        self.shape, self.dtype, self._offset = header.shape, header.dtype, header.offset
        self._row_bytes = int(np.prod(self.shape[1:], dtype=np.int64)) * self.dtype.itemsize
        del header
        self._fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)

    def __len__(self) -> int:
        return self.shape[0]

    def read(self, start: int, stop: int) -> bytes:
        """The raw bytes of rows start…stop (for a blob of uint8: bytes start…stop), in one pread."""
        return os.pread(self._fd, (stop - start) * self._row_bytes, self._offset + start * self._row_bytes)

    def __getitem__(self, index: int | slice) -> np.ndarray:
        if isinstance(index, slice):
            start, stop, _ = index.indices(self.shape[0])
            count = max(stop - start, 0)
        else:
            start, count = int(index), 1
        data = os.pread(self._fd, count * self._row_bytes, self._offset + start * self._row_bytes)
        rows = np.frombuffer(data, dtype=self.dtype).reshape(count, *self.shape[1:])
        return rows if isinstance(index, slice) else rows[0]


def rescored_text(
    rescore: Rescore,
    approximate: np.ndarray,
    raw: dict[str, np.ndarray],
    scales: dict[str, float],
    weights: LanguageWeights,
    korean: np.ndarray,
    live: np.ndarray,
    mask: np.ndarray | None,
) -> np.ndarray:
    """`fusion.text_scores` of a ranking whose dense channel is the first, approximate step
    (`approximate`: the cosines, `raw["dense"]`: the same, centred): the rows that may reach a page
    (the best `RESCORE_SHARE` by the approximate cosine, and by the approximate text score) get their
    second-step cosine from `rescore`, keeping the centring; then the channel's scale and every row's
    text score follow. `raw` and `scales` are updated in place. The dense channel is summed after the
    lexical fields, as `text_scores` sums it (fields first), so a row's score is the same arithmetic."""
    dense = raw.pop("dense")
    lexical = text_scores(raw, scales, weights, korean, live)
    # Each row's dense weight (by its language), and one float32 and one float64 buffer for the dense
    # term, used for both steps: no new array of every row per step.
    row_weight = np.where(korean, weights["ko"].get("dense", 0.0), weights["en"].get("dense", 0.0))
    clipped, text = np.empty(len(dense), np.float32), np.empty(len(dense))
    _dense_term(dense, best_live(dense, mask), row_weight, clipped, text)
    text += lexical
    count = max(RESCORE_MIN, int(RESCORE_SHARE * len(dense)))
    chosen = np.zeros(len(dense), dtype=bool)  # the union of both, as sorted rows (np.union1d's)
    chosen[top_rows(dense, count)] = True
    chosen[top_rows(text, count)] = True
    rows, cosines = rescore(np.flatnonzero(chosen))
    dense = dense.copy()
    dense[rows] = cosines - (approximate[rows] - dense[rows])  # the same mean taken off
    raw["dense"], scales["dense"] = dense, best_live(dense, mask)
    _dense_term(dense, scales["dense"], row_weight, clipped, text)
    text += lexical
    text[~live] = -1.0
    return text


def _dense_term(
    dense: np.ndarray, scale: float, row_weight: np.ndarray, clipped: np.ndarray, out: np.ndarray
) -> np.ndarray:
    """w_dense(language of the row) · normalise(dense) into `out`, as `text_scores` adds it (float32
    normalised, float64 product)."""
    np.maximum(dense, 0, out=clipped)
    clipped /= np.float32(scale)
    return np.multiply(clipped, row_weight, out=out)
