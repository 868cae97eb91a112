"""Okapi BM25 over an inverted index that grows row by row (listings are added and replaced live).

Postings are compact arrays per term, appended to in bulk: `add_many` counts a whole batch's terms
with numpy and extends each term's arrays once. A query turns each of its terms' postings into numpy
arrays of term weights (cached until the term changes) and sums them per row with one `bincount`,
so the cost follows the query's postings, not the catalogue's size.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence

import numpy as np

K1 = 1.2
B = 0.75
# Cached term weights are recomputed once the average document length moves by more than this share.
DRIFT = 0.02
# Query terms held by more than this share of the documents are skipped: they add little (a low idf)
# but their long postings dominate the query's cost (common Hangul syllables, 하다, 있다).
COMMON_SHARE = 0.3
# …but only in catalogues large enough for "common" to mean something.
MIN_FOR_COMMON = 1000


class BM25:
    def __init__(self, k1: float = K1, b: float = B) -> None:
        self.k1 = k1
        self.b = b
        self._term_ids: dict[str, int] = {}
        self._post_rows: list[array] = []
        self._post_tfs: list[array] = []
        self._cached: dict[int, tuple[np.ndarray, np.ndarray, float]] = {}
        self._idf_cached: dict[int, tuple[np.ndarray, int, np.ndarray]] = {}
        self._row_terms: list[np.ndarray] = []  # each row's term ids, to invalidate on removal
        self._lengths = array("f")
        self._alive = bytearray()
        self._alive_count = 0
        self._alive_length = 0.0
        self._norm_cache: tuple[float, np.ndarray] | None = None

    def __len__(self) -> int:
        """Rows ever added (dead rows included): the length of a score vector."""
        return len(self._lengths)

    def add(self, terms: Sequence[str]) -> int:
        """Index one document; returns its row."""
        return self.add_many([terms]).start

    def add_many(self, documents: Sequence[Sequence[str]]) -> range:
        """Index documents as consecutive rows; returns their rows."""
        first = len(self._lengths)
        count = len(documents)
        lengths = [len(terms) for terms in documents]
        ids = self._term_ids
        # setdefault's default is evaluated before the insertion: a new term gets the next id.
        flat = np.fromiter((ids.setdefault(t, len(ids)) for terms in documents for t in terms), np.int64, sum(lengths))
        rows = np.repeat(np.arange(count, dtype=np.int64), lengths)
        # (term, row) pairs, sorted by term then row; their counts are the term frequencies.
        pairs, tfs = np.unique(flat * max(count, 1) + rows, return_counts=True)
        terms, rows = np.divmod(pairs, max(count, 1))
        self._extend_postings(terms, (rows + first).astype(np.int32), tfs.astype(np.float32))
        by_row = np.argsort(rows, kind="stable")
        bounds = np.searchsorted(rows[by_row], np.arange(count + 1))
        row_terms = terms[by_row].astype(np.int32)
        self._row_terms.extend(row_terms[bounds[i] : bounds[i + 1]] for i in range(count))
        self._lengths.extend(lengths)
        self._alive.extend(b"\x01" * count)
        self._alive_count += count
        self._alive_length += sum(lengths)
        return range(first, first + count)

    def _extend_postings(self, terms: np.ndarray, rows: np.ndarray, tfs: np.ndarray) -> None:
        """Append (row, tf) pairs grouped by term (`terms` sorted) to each term's postings."""
        while len(self._post_rows) < len(self._term_ids):
            self._post_rows.append(array("i"))
            self._post_tfs.append(array("f"))
        starts = np.flatnonzero(np.diff(terms, prepend=-1))
        ends = np.append(starts[1:], len(terms))[: len(starts)]
        for term_id, start, end in zip(terms[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
            self._post_rows[term_id].frombytes(rows[start:end].tobytes())
            self._post_tfs[term_id].frombytes(tfs[start:end].tobytes())
            self._cached.pop(term_id, None)
            self._idf_cached.pop(term_id, None)

    @property
    def live_count(self) -> int:
        return self._alive_count

    @property
    def live_length(self) -> float:
        return self._alive_length

    def weighted_postings(self, term: str, average: float) -> tuple[np.ndarray, np.ndarray]:
        """The live rows holding `term` and their term weights (without the idf) at an average length
        given by the caller (a layered index averages over its base and this delta)."""
        term_id = self._term_ids.get(term)
        if term_id is None:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        return self._postings(term_id, average)

    def remove(self, row: int) -> None:
        """Drop a row from every later query (its postings stay, masked, until the index is rebuilt)."""
        if not self._alive[row]:
            return
        self._alive[row] = 0
        self._alive_count -= 1
        self._alive_length -= self._lengths[row]
        for term_id in self._row_terms[row].tolist():
            self._cached.pop(term_id, None)
            self._idf_cached.pop(term_id, None)

    def scores(self, terms: Iterable[str]) -> np.ndarray:
        """The BM25 score of every row for the distinct `terms` (0 for dead rows)."""
        size = len(self._lengths)
        if not self._alive_count:
            return np.zeros(size, dtype=np.float32)
        average = max(self._alive_length / self._alive_count, 1.0)  # a field may be empty everywhere
        all_rows, all_weights = [], []
        for term in set(terms):
            term_id = self._term_ids.get(term)
            if term_id is None:
                continue
            rows, weights = self._postings(term_id, average)
            if len(rows) > COMMON_SHARE * self._alive_count and self._alive_count >= MIN_FOR_COMMON:
                continue
            if len(rows):
                all_rows.append(rows)
                all_weights.append(self._with_idf(term_id, weights))
        if not all_rows:
            return np.zeros(size, dtype=np.float32)
        # A term lists each row once; bincount sums the terms of each row in one pass.
        summed = np.bincount(np.concatenate(all_rows), np.concatenate(all_weights), minlength=size)
        return summed.astype(np.float32)

    def _with_idf(self, term_id: int, weights: np.ndarray) -> np.ndarray:
        """A term's weights times its idf, kept until its weights or the number of live rows change
        (most queries meet an unchanged catalogue: the product is then not taken again)."""
        cached = self._idf_cached.get(term_id)
        if cached is None or cached[0] is not weights or cached[1] != self._alive_count:
            idf = math.log(1 + (self._alive_count - len(weights) + 0.5) / (len(weights) + 0.5))
            cached = self._idf_cached[term_id] = (weights, self._alive_count, idf * weights)
        return cached[2]

    def _postings(self, term_id: int, average: float) -> tuple[np.ndarray, np.ndarray]:
        """The live rows holding a term and their BM25 term weights (without the idf), kept until the
        term's postings change or the average length drifts by more than DRIFT."""
        cached = self._cached.get(term_id)
        if cached is None or abs(cached[2] - average) > DRIFT * average:
            rows = np.frombuffer(self._post_rows[term_id], dtype=np.int32)
            tfs = np.frombuffer(self._post_tfs[term_id], dtype=np.float32)
            if self._alive_count < len(self._lengths):  # some rows were removed: mask them out
                live = np.frombuffer(self._alive, dtype=np.bool_)[rows]
                rows, tfs = rows[live], tfs[live]
            weights = tfs * np.float32(self.k1 + 1) / (tfs + self._norms(average)[rows])
            cached = self._cached[term_id] = (rows.copy(), weights, average)
        return cached[0], cached[1]

    def _norms(self, average: float) -> np.ndarray:
        """k1·(1 − b + b·length/average) of every row: the length part of a term weight's denominator,
        computed once per average length instead of once per term."""
        if self._norm_cache is None or self._norm_cache[0] != average or len(self._norm_cache[1]) != len(self):
            lengths = np.frombuffer(self._lengths, dtype=np.float32)
            norms = (self.k1 * (1 - self.b + self.b * lengths / average)).astype(np.float32)
            self._norm_cache = (average, norms)
        return self._norm_cache[1]
