"""The in-memory index of one kind of listing: lexical fields, vectors and what explanations need."""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from matching.analysis import Terms
from matching.bm25 import BM25
from matching.fusion import CHANNELS
from matching.language import Language

# The lexical fields, one BM25 index each: the fields of Terms.
FIELDS = tuple(field.name for field in fields(Terms))


@dataclass
class Entry:
    """One listing as the engine knows it; `facts` is whatever the structured fit reads."""

    id: int
    title: str
    text: str
    language: Language
    terms: Terms
    facts: Any = None


@dataclass
class Scores:
    """Raw channel scores of every row, and which rows may be ranked."""

    live: np.ndarray
    korean: np.ndarray
    dense: np.ndarray | None
    fields: dict[str, np.ndarray] = field(default_factory=dict)


class Catalogue:
    """Rows are appended; replacing an entry kills its old row. Readers and writers share one lock."""

    def __init__(self, dimension: int | None = None) -> None:
        self._lexical = {name: BM25() for name in FIELDS}
        self._entries: list[Entry | None] = []
        self._rows: dict[int, int] = {}
        self._vectors = np.zeros((0, dimension or 0), dtype=np.float32)
        self._has_vector = np.zeros(0, dtype=bool)
        self._live = np.zeros(0, dtype=bool)
        self._korean = np.zeros(0, dtype=bool)  # a row's language: Korean or not (English)
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, listing_id: int) -> bool:
        return listing_id in self._rows

    def row(self, listing_id: int) -> int:
        return self._rows[listing_id]

    def entry(self, row: int) -> Entry:
        entry = self._entries[row]
        if entry is None:
            raise KeyError(f"row {row} was removed")
        return entry

    def put(self, entry: Entry, vector: np.ndarray | None = None) -> int:
        """Add or replace a listing; its vector (normalised float32) may come later with `set_vector`."""
        return self.put_many([entry], None if vector is None else [vector])[0]

    def put_many(
        self, entries: Sequence[Entry], vectors: Sequence[np.ndarray | None] | np.ndarray | None = None
    ) -> range:
        """Add or replace listings as consecutive rows (each lexical index grows in one batch); a
        listing given twice keeps its last row."""
        with self._lock:
            first = len(self._entries)
            for name, index in self._lexical.items():
                index.add_many([getattr(entry.terms, name) for entry in entries])
            rows = range(first, first + len(entries))
            self._grow(rows.stop)
            self._live[rows.start : rows.stop] = True
            self._korean[rows.start : rows.stop] = [entry.language == "ko" for entry in entries]
            for row, entry, vector in zip(rows, entries, _or_nones(vectors, len(entries)), strict=True):
                self.remove(entry.id)  # its older row, in the catalogue or earlier in this batch
                self._entries.append(entry)
                self._rows[entry.id] = row
                if vector is not None:
                    self._store_vector(row, vector)
            return rows

    def set_vector(self, listing_id: int, vector: np.ndarray) -> None:
        with self._lock:
            row = self._rows.get(listing_id)
            if row is not None:
                self._store_vector(row, vector)

    def remove(self, listing_id: int) -> None:
        with self._lock:
            row = self._rows.pop(listing_id, None)
            if row is None:
                return
            for index in self._lexical.values():
                index.remove(row)
            self._entries[row] = None
            self._live[row] = False
            self._has_vector[row] = False
            self._vectors[row] = 0.0  # a row without a vector scores 0: queries need no mask

    def terms(self, listing_id: int) -> Terms | None:
        with self._lock:
            row = self._rows.get(listing_id)
            return self.entry(row).terms if row is not None else None

    def vector(self, listing_id: int) -> np.ndarray | None:
        with self._lock:
            row = self._rows.get(listing_id)
            return self._vectors[row].copy() if row is not None and self._has_vector[row] else None

    def missing_vectors(self) -> list[Entry]:
        """Live entries without a vector (the model was not ready when they arrived)."""
        with self._lock:
            rows = np.flatnonzero(self._live & ~self._has_vector)
            return [self.entry(int(row)) for row in rows]

    def scores(self, terms: Terms, vector: np.ndarray | None, channels: Collection[str] = CHANNELS) -> Scores:
        """Raw scores of the named channels (lexical fields, and "dense" when a vector is given)."""
        with self._lock:
            size = len(self._entries)
            live = self._live[:size].copy()
            fields = {
                name: index.scores(getattr(terms, name)) for name, index in self._lexical.items() if name in channels
            }
            dense = None
            if "dense" in channels and vector is not None and self._has_vector[:size].any():
                # Rows without a vector are zeros: they score 0. float32, as the fusion reads it.
                dense = self._vectors[:size] @ vector.astype(np.float32, copy=False)
            return Scores(live, self._korean[:size].copy(), dense, fields)

    def _store_vector(self, row: int, vector: np.ndarray) -> None:
        if self._vectors.shape[1] != vector.shape[0]:
            if self._has_vector.any():
                raise ValueError(f"vector of {vector.shape[0]} dimensions in an index of {self._vectors.shape[1]}")
            self._vectors = np.zeros((self._vectors.shape[0], vector.shape[0]), dtype=np.float32)
        self._vectors[row] = vector
        self._has_vector[row] = True

    def _grow(self, size: int) -> None:
        # Capacity doubles, so appending n rows copies O(n) in all.
        capacity = self._live.shape[0]
        if size <= capacity:
            return
        capacity = max(size, 2 * capacity, 64)
        self._vectors = _resized(self._vectors, capacity)
        self._has_vector = _resized(self._has_vector, capacity)
        self._live = _resized(self._live, capacity)
        self._korean = _resized(self._korean, capacity)


def _resized(array: np.ndarray, rows: int) -> np.ndarray:
    grown = np.zeros((rows, *array.shape[1:]), dtype=array.dtype)
    grown[: array.shape[0]] = array
    return grown


def _or_nones(
    vectors: Sequence[np.ndarray | None] | np.ndarray | None, count: int
) -> Sequence[np.ndarray | None] | np.ndarray:
    return [None] * count if vectors is None else vectors
