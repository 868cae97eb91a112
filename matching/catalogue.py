"""The in-memory index of one kind of listing: lexical fields, vectors and what explanations need."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import numpy as np

from matching.analysis import Terms
from matching.bm25 import BM25
from matching.compact import Rescore
from matching.frozen_bm25 import LayeredBM25
from matching.fusion import CHANNELS
from matching.language import Language
from matching.snapshot import FrozenCatalogue, FrozenRow

if TYPE_CHECKING:
    from matching.compact import CompactVectors

# The lexical fields, one BM25 index each: the fields of Terms.
FIELDS = tuple(field.name for field in fields(Terms))
# Reads the facts of listings (by id) for the structured fit: a shortlist's, fresh from their source.
FactsLoader = Callable[[list[int]], dict[int, Any]]
# The facts of a listing its loader no longer finds (deleted or hidden since the index saw it).
GONE = object()


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
    # Set when `dense` is a large base's first, approximate step (matching.compact): rescores rows.
    rescore: Rescore | None = None


class Catalogue:
    """A frozen base (rows 0…len(base)−1, from a snapshot, may be None) and an in-memory delta (the rows
    after it). Rows are appended to the delta; replacing an entry kills its old row, in either part.
    Base rows hold no Python objects: their titles and terms are read from the snapshot when asked for,
    and their facts from `facts` (the caller's loader). Readers and writers share one lock."""

    def __init__(self, dimension: int | None = None, base: FrozenCatalogue | None = None) -> None:
        self.base = base
        size = len(base) if base is not None else 0
        self._base_size = size
        self._base_live = np.ones(size, dtype=bool)
        self._base_count = size
        self._lexical: dict[str, BM25 | LayeredBM25] = {
            name: BM25() if base is None else LayeredBM25(base.fields[name], self._base_live) for name in FIELDS
        }
        self._entries: list[Entry | None] = []
        self._rows: dict[int, int] = {}  # delta listings: id → row
        if base is not None and base.vectors.shape[1]:
            dimension = base.vectors.shape[1]
        self._vectors = np.zeros((0, dimension or 0), dtype=np.float32)
        self._has_vector = np.zeros(0, dtype=bool)
        self._live = np.zeros(0, dtype=bool)
        self._korean = np.zeros(0, dtype=bool)  # a row's language: Korean or not (English)
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return self._base_count + len(self._rows)

    def __contains__(self, listing_id: int) -> bool:
        return self._find(listing_id) is not None

    def _find(self, listing_id: int) -> int | None:
        row = self._rows.get(listing_id)
        if row is not None:
            return row
        if self.base is not None:
            base_row = self.base.row(listing_id)
            if base_row is not None and self._base_live[base_row]:
                return base_row
        return None

    def _frozen(self) -> FrozenCatalogue:
        """The base, asked for only for rows below its size (so it exists)."""
        if self.base is None:
            raise LookupError("this catalogue has no frozen base")
        return self.base

    def row(self, listing_id: int) -> int:
        row = self._find(listing_id)
        if row is None:
            raise KeyError(listing_id)
        return row

    def listing_id(self, row: int) -> int:
        if row < self._base_size:
            return int(self._frozen().ids[row])
        return self.entry(row).id

    def titles(self, rows: Sequence[int]) -> list[str]:
        return [self._frozen().title(row) if row < self._base_size else self.entry(row).title for row in rows]

    def facts(self, rows: Sequence[int], loader: FactsLoader | None) -> list[Any]:
        """Each row's facts: from `loader` (listing ids → facts, read fresh for a shortlist) when given,
        else those the delta's entries carry (base rows keep none)."""
        if loader is not None:
            ids = [self.listing_id(row) for row in rows]
            found = loader(ids)
            return [found.get(listing_id, GONE) for listing_id in ids]
        return [None if row < self._base_size else self.entry(row).facts for row in rows]

    def entry(self, row: int) -> Entry:
        if row < self._base_size:
            base = self._frozen()
            if not self._base_live[row]:
                raise KeyError(f"row {row} was removed")
            return Entry(int(base.ids[row]), base.title(row), "", "ko" if base.korean[row] else "en", base.terms(row))
        entry = self._entries[row - self._base_size]
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
                _delta(index).add_many([getattr(entry.terms, name) for entry in entries])
            rows = range(first, first + len(entries))
            self._grow(rows.stop)
            self._live[rows.start : rows.stop] = True
            self._korean[rows.start : rows.stop] = [entry.language == "ko" for entry in entries]
            for row, entry, vector in zip(rows, entries, _or_nones(vectors, len(entries)), strict=True):
                self.remove(entry.id)  # its older row, in the catalogue or earlier in this batch
                self._entries.append(entry)
                self._rows[entry.id] = row + self._base_size
                if vector is not None:
                    self._store_vector(row, vector)
            return range(first + self._base_size, rows.stop + self._base_size)

    def set_vector(self, listing_id: int, vector: np.ndarray) -> None:
        with self._lock:
            row = self._find(listing_id)
            if row is None:
                return
            if row < self._base_size:  # the base is read-only: the listing moves to the delta
                self.put(self.entry(row), vector)
            else:
                self._store_vector(row - self._base_size, vector)

    def remove(self, listing_id: int) -> None:
        with self._lock:
            row = self._find(listing_id)
            if row is None:
                return
            if row < self._base_size:
                self._base_live[row] = False
                self._base_count -= 1
                for index in self._lexical.values():
                    index.kill(row)  # type: ignore[union-attr]
                return
            del self._rows[listing_id]
            local = row - self._base_size
            for index in self._lexical.values():
                _delta(index).remove(local)
            self._entries[local] = None
            self._live[local] = False
            self._has_vector[local] = False
            self._vectors[local] = 0.0  # a row without a vector scores 0: queries need no mask

    def terms(self, listing_id: int) -> Terms | None:
        with self._lock:
            row = self._find(listing_id)
            return self.entry(row).terms if row is not None else None

    def vector(self, listing_id: int) -> np.ndarray | None:
        with self._lock:
            row = self._find(listing_id)
            if row is None:
                return None
            if row < self._base_size:
                base = self._frozen()
                return np.array(base.vectors[row], dtype=np.float32) if base.has_vector[row] else None
            local = row - self._base_size
            return self._vectors[local].copy() if self._has_vector[local] else None

    def frozen_rows(self) -> list[FrozenRow]:
        """Every live row as a snapshot holds it, in row order (to write this catalogue as a base)."""
        with self._lock:
            rows = [row for row in range(self._base_size) if self._base_live[row]]
            rows += [local + self._base_size for local in np.flatnonzero(self._live[: len(self._entries)]).tolist()]
            frozen = []
            for row in rows:
                entry = self.entry(row)
                korean = entry.language == "ko"
                frozen.append(FrozenRow(entry.id, entry.title, korean, entry.terms, self.vector(entry.id)))
            return frozen

    def missing_vectors(self) -> list[Entry]:
        """Live delta entries without a vector (the model was not ready when they arrived)."""
        with self._lock:
            rows = np.flatnonzero(self._live & ~self._has_vector)
            return [self.entry(int(row) + self._base_size) for row in rows]

    def scores(self, terms: Terms, vector: np.ndarray | None, channels: Collection[str] = CHANNELS) -> Scores:
        """Raw scores of the named channels (lexical fields, and "dense" when a vector is given)."""
        with self._lock:
            size = len(self._entries)
            base = self.base
            live = np.concatenate((self._base_live, self._live[:size]))
            korean = self._korean[:size] if base is None else np.concatenate((base.korean, self._korean[:size]))
            fields = {
                name: index.scores(getattr(terms, name)) for name, index in self._lexical.items() if name in channels
            }
            dense, rescore = None, None
            has_base_vector = base is not None and base.any_vector
            if "dense" in channels and vector is not None and (has_base_vector or self._has_vector[:size].any()):
                # Rows without a vector are zeros: they score 0. float32, as the fusion reads it.
                query = vector.astype(np.float32, copy=False)
                dense = self._vectors[:size] @ query
                if base is not None and base.compact is not None:
                    dense = np.concatenate((base.compact.approximate(query), dense))
                    rescore = _rescorer(base.compact, query)
                elif base is not None:
                    dense = np.concatenate((_dense(base.vectors, query, self._base_size), dense))
            return Scores(live, korean, dense, fields, rescore)

    def _store_vector(self, row: int, vector: np.ndarray) -> None:
        """Store a delta row's vector (`row` counts from the delta's first row)."""
        if self._vectors.shape[1] != vector.shape[0]:
            if self._has_vector.any() or (self.base is not None and self.base.any_vector):
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


def _delta(index: BM25 | LayeredBM25) -> BM25:
    return index.delta if isinstance(index, LayeredBM25) else index


def _dense(vectors: np.ndarray, query: np.ndarray, size: int) -> np.ndarray:
    """Base rows' cosines (zeros when the base holds no vectors)."""
    if not vectors.shape[1]:
        return np.zeros(size, dtype=np.float32)
    return vectors @ query


def _rescorer(compact: CompactVectors, query: np.ndarray) -> Rescore:
    """Rescores base rows from their int16 vectors (delta rows were scored exactly already)."""

    def rescore(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rows = rows[rows < len(compact.fine)]
        return rows, compact.rescored(rows, query)

    return rescore


def _resized(array: np.ndarray, rows: int) -> np.ndarray:
    grown = np.zeros((rows, *array.shape[1:]), dtype=array.dtype)
    grown[: array.shape[0]] = array
    return grown


def _or_nones(
    vectors: Sequence[np.ndarray | None] | np.ndarray | None, count: int
) -> Sequence[np.ndarray | None] | np.ndarray:
    return [None] * count if vectors is None else vectors
