"""Okapi BM25 over an inverted index that grows row by row (listings are added and replaced live).

Postings are compact arrays per term; a query turns each of its terms' postings into numpy arrays
of term weights (cached until the term changes) and adds them up, so the cost follows the query's
postings, not the catalogue's size.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
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
        self._row_terms: list[array] = []  # each row's term ids, to invalidate on removal
        self._lengths = array("f")
        self._alive = bytearray()
        self._alive_count = 0
        self._alive_length = 0.0

    def __len__(self) -> int:
        """Rows ever added (dead rows included): the length of a score vector."""
        return len(self._lengths)

    def add(self, terms: Sequence[str]) -> int:
        """Index one document; returns its row."""
        row = len(self._lengths)
        counts = Counter(terms)
        ids = array("i")
        for term, tf in counts.items():
            term_id = self._term_ids.setdefault(term, len(self._term_ids))
            if term_id == len(self._post_rows):
                self._post_rows.append(array("i"))
                self._post_tfs.append(array("f"))
            self._post_rows[term_id].append(row)
            self._post_tfs[term_id].append(tf)
            self._cached.pop(term_id, None)
            ids.append(term_id)
        self._row_terms.append(ids)
        self._lengths.append(len(terms))
        self._alive.append(1)
        self._alive_count += 1
        self._alive_length += len(terms)
        return row

    def remove(self, row: int) -> None:
        """Drop a row from every later query (its postings stay, masked, until the index is rebuilt)."""
        if not self._alive[row]:
            return
        self._alive[row] = 0
        self._alive_count -= 1
        self._alive_length -= self._lengths[row]
        for term_id in self._row_terms[row]:
            self._cached.pop(term_id, None)

    def scores(self, terms: Iterable[str]) -> np.ndarray:
        """The BM25 score of every row for the distinct `terms` (0 for dead rows)."""
        scores = np.zeros(len(self._lengths), dtype=np.float32)
        if not self._alive_count:
            return scores
        average = max(self._alive_length / self._alive_count, 1.0)  # a field may be empty everywhere
        for term in set(terms):
            term_id = self._term_ids.get(term)
            if term_id is None:
                continue
            rows, weights = self._postings(term_id, average)
            if len(rows) > COMMON_SHARE * self._alive_count and self._alive_count >= MIN_FOR_COMMON:
                continue
            if len(rows):
                idf = math.log(1 + (self._alive_count - len(rows) + 0.5) / (len(rows) + 0.5))
                scores[rows] += idf * weights  # a term lists each row once
        return scores

    def _postings(self, term_id: int, average: float) -> tuple[np.ndarray, np.ndarray]:
        """The live rows holding a term and their BM25 term weights (without the idf), kept until the
        term's postings change or the average length drifts by more than DRIFT."""
        cached = self._cached.get(term_id)
        if cached is None or abs(cached[2] - average) > DRIFT * average:
            rows = np.frombuffer(self._post_rows[term_id], dtype=np.int32)
            tfs = np.frombuffer(self._post_tfs[term_id], dtype=np.float32)
            live = np.frombuffer(bytes(self._alive), dtype=np.uint8)[rows].astype(bool)
            rows, tfs = rows[live].copy(), tfs[live]
            lengths = np.frombuffer(self._lengths, dtype=np.float32)[rows]
            weights = tfs * (self.k1 + 1) / (tfs + self.k1 * (1 - self.b + self.b * lengths / average))
            cached = self._cached[term_id] = (rows, weights.astype(np.float32), average)
        return cached[0], cached[1]
