"""Listing search over compacted texts: a character index finds the few rows that can match, so
neither substring search nor typo-tolerant title search reads every row.

- `exact(terms)`: rows whose text contains every term. A row can only contain a term if it holds each
  of the term's characters at least as often, which the character postings (with counts) answer; the
  candidates are then checked for the substrings themselves.
- `fuzzy(query, cutoff)`: rows whose title scores at least c = cutoff/100 on rapidfuzz's `partial_ratio`,
  2·LCS/(L + w) for the best window of w ≤ L characters of the longer string, L = min(|query|, |title|).
  With LCS ≤ w, a score of c needs w ≥ c·L/(2 − c) and so LCS ≥ c·L/(2 − c) (0.6·L at 75): a title
  shares at least that many characters (counted with repeats) with the query, and only those are scored.

A frozen base (arrays, memory-mapped from the worker's snapshot) and a small delta of rows changed
since, as in matching.catalogue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from matching.frozen_bm25 import ARRAYS, FrozenBM25
from matching.snapshot import blob, find_row, mapped, text_at

# Per row: (id, compacted title, compacted searchable text, version: e.g. updated_at in µs).
Row = tuple[int, str, str, int]


class FrozenTexts:
    """One searchable table's rows as arrays: ids, titles and texts as UTF-8 blobs, character postings."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.arrays = arrays
        self.ids, self.order = arrays["ids"], arrays["order"]
        self.texts = FrozenBM25({suffix: arrays[f"text.{suffix}"] for suffix in ARRAYS}, 1.0)
        self.titles = FrozenBM25({suffix: arrays[f"title.{suffix}"] for suffix in ARRAYS}, 1.0)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(cls, rows: Sequence[Row]) -> FrozenTexts:
        ids = np.fromiter((row[0] for row in rows), np.int64, len(rows))
        arrays = {"ids": ids, "order": np.argsort(ids, kind="stable")}
        arrays["versions"] = np.fromiter((row[3] for row in rows), np.int64, len(rows))
        arrays["title_blob"], arrays["title_offsets"] = blob([row[1] for row in rows])
        arrays["text_blob"], arrays["text_offsets"] = blob([row[2] for row in rows])
        for name, texts in (("title", [row[1] for row in rows]), ("text", [row[2] for row in rows])):
            index = FrozenBM25.build([tuple(text) for text in texts])
            arrays.update({f"{name}.{suffix}": array for suffix, array in index.arrays().items()})
        return cls(arrays)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        for name, array in self.arrays.items():
            np.save(folder / f"{name}.npy", np.ascontiguousarray(array))

    @classmethod
    def load(cls, folder: Path) -> FrozenTexts:
        return cls(mapped(folder))

    def row(self, listing_id: int) -> int | None:
        return find_row(self.ids, self.order, listing_id)

    def title(self, row: int) -> str:
        return text_at(self.arrays["title_blob"], self.arrays["title_offsets"], row)

    def text_bytes(self, row: int) -> bytes:
        offsets = self.arrays["text_offsets"]
        return bytes(self.arrays["text_blob"][int(offsets[row]) : int(offsets[row + 1])])


class TextIndex:
    """Search over a frozen base and the rows changed since (the delta, a dict: few rows)."""

    def __init__(self, base: FrozenTexts | None = None) -> None:
        self.base = base
        self._base_live = np.ones(len(base) if base is not None else 0, dtype=bool)
        self._delta: dict[int, tuple[str, str]] = {}

    def put(self, listing_id: int, title: str, text: str, version: int | None = None) -> None:
        """Add or replace a row; a row the base holds at this `version` is left as it is."""
        if version is not None and self.base is not None:
            row = self.base.row(listing_id)
            if row is not None and self._base_live[row] and int(self.base.arrays["versions"][row]) == version:
                return
        self._mask(listing_id)
        self._delta[listing_id] = (title, text)

    def remove(self, listing_id: int) -> None:
        self._mask(listing_id)
        self._delta.pop(listing_id, None)

    def _mask(self, listing_id: int) -> None:
        row = self.base.row(listing_id) if self.base is not None else None
        if row is not None:
            self._base_live[row] = False

    def exact(self, terms: Sequence[str]) -> list[tuple[int, bool]]:
        """(id, whether every term is in the title) of the rows whose text holds every term."""
        found = [(listing_id, all(t in title for t in terms)) for listing_id, (title, text) in self._delta.items()
                 if all(t in text for t in terms)]  # fmt: skip
        base = self.base
        if base is None or not terms:
            return found
        needed: Counter[str] = Counter()
        for term in terms:
            needed |= Counter(term)  # each character as often as the term that repeats it most
        candidates = _holding(base.texts, needed, self._base_live)
        encoded = [term.encode("utf-8") for term in terms]
        for row in candidates.tolist():
            if all(term in base.text_bytes(row) for term in encoded):
                title = base.title(row)
                found.append((int(base.ids[row]), all(term in title for term in terms)))
        return found

    def fuzzy(self, query: str, cutoff: float, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        """(id, score) of the titles scoring at least `cutoff` on partial_ratio, among `allowed` ids."""
        titles = {listing_id: title for listing_id, (title, _) in self._delta.items()}
        base = self.base
        if base is not None and query:
            for row in self._fuzzy_candidates(base, query, cutoff).tolist():
                titles[int(base.ids[row])] = base.title(row)
        if allowed is not None:
            titles = {listing_id: title for listing_id, title in titles.items() if listing_id in allowed}
        hits = process.extract(query, titles, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None)
        return [(key, score) for _, score, key in hits]

    def _fuzzy_candidates(self, base: FrozenTexts, query: str, cutoff: float) -> np.ndarray:
        shared = np.zeros(len(base), dtype=np.float32)
        for char, count in Counter(query).items():
            span = base.titles.postings(char)
            if span is not None:
                rows = np.asarray(base.titles.rows[span])
                shared += np.bincount(rows, np.minimum(np.asarray(base.titles.tfs[span]), count), minlength=len(base))
        shortest = np.minimum(np.asarray(base.titles.lengths), len(query))
        least = np.maximum(np.ceil(least_shared(cutoff) * shortest - 1e-6), 1)
        return np.flatnonzero((shared >= least) & self._base_live)


def _holding(index: FrozenBM25, needed: Counter[str], live: np.ndarray) -> np.ndarray:
    """Rows holding every needed character at least as often as needed."""
    present = np.zeros(len(index), dtype=np.int32)
    for char, count in needed.items():
        span = index.postings(char)
        if span is None:
            return np.zeros(0, dtype=np.int64)
        rows = np.asarray(index.rows[span])
        present[rows[np.asarray(index.tfs[span]) >= count]] += 1  # a row appears once per character
    return np.flatnonzero((present == len(needed)) & live)


def least_shared(cutoff: float) -> float:
    """The share of L = min(|query|, |title|) a title must share with the query to reach `cutoff`."""
    share = cutoff / 100
    return share / (2 - share)
