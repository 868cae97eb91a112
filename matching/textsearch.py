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

import itertools
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from matching.compact import FileRows
from matching.frozen_bm25 import ARRAYS, FrozenBM25
from matching.snapshot import blob, find_row, mapped, text_at

# The character indexes of a table: titles' characters (counted), titles' and texts' bigrams.
INDEXES = ("title", "title_grams", "text")
# Per row: (id, compacted title, compacted searchable text, version: e.g. updated_at in µs).
Row = tuple[int, str, str, int]
# Bytes read at once when many rows' titles or texts are read (rows close together share a read).
SPAN = 1 << 20
# ...unless they lie further apart than this: then a new read costs less than copying the rows between.
GAP = 1 << 14


class FrozenTexts:
    """One searchable table's rows as arrays: ids, titles and texts as UTF-8 blobs, character postings."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.arrays = arrays
        self.ids, self.order = arrays["ids"], arrays["order"]
        field = {name: {suffix: arrays[f"{name}.{suffix}"] for suffix in ARRAYS} for name in INDEXES}
        self.texts = FrozenBM25(field["text"], 1.0)  # characters and bigrams of each text
        self.title_grams = FrozenBM25(field["title_grams"], 1.0)  # characters and bigrams of each title
        self.titles = FrozenBM25(field["title"], 1.0)  # characters of each title

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(cls, rows: Sequence[Row]) -> FrozenTexts:
        ids = np.fromiter((row[0] for row in rows), np.int64, len(rows))
        arrays = {"ids": ids, "order": np.argsort(ids, kind="stable")}
        arrays["versions"] = np.fromiter((row[3] for row in rows), np.int64, len(rows))
        arrays["title_blob"], arrays["title_offsets"] = blob([row[1] for row in rows])
        arrays["text_blob"], arrays["text_offsets"] = blob([row[2] for row in rows])
        titles, texts = [row[1] for row in rows], [row[2] for row in rows]
        indexes = {
            "title": [tuple(title) for title in titles],  # characters, with counts: the fuzzy bound
            "title_grams": [tuple(grams(title)) for title in titles],
            "text": [tuple(grams(text)) for text in texts],
        }
        for name, documents in indexes.items():
            index = FrozenBM25.build(documents)
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

    def many(self, name: str, rows: np.ndarray) -> list[bytes]:
        """The UTF-8 titles or texts (`name`: "title" or "text") of ascending `rows`, read a span of
        neighbouring rows at a time (one pread per SPAN bytes at most, not one per row)."""
        offsets, blob = self.arrays[f"{name}_offsets"], self.arrays[f"{name}_blob"]
        starts, ends = np.asarray(offsets[rows]), np.asarray(offsets[rows + 1])
        starts_list, ends_list = starts.tolist(), ends.tolist()
        found: list[bytes] = []
        for first, last in _spans(starts, ends):
            origin = starts_list[first]
            data = _read(blob, origin, ends_list[last - 1])
            spans = zip(starts_list[first:last], ends_list[first:last], strict=True)
            found.extend(data[start - origin : end - origin] for start, end in spans)
        return found

    def holding(self, name: str, rows: np.ndarray, needles: Sequence[bytes]) -> np.ndarray:
        """Which of ascending `rows` hold every UTF-8 needle in their title or text (`name`), as a mask.
        The rows are joined by a newline (compacted texts hold no whitespace) and searched whole with
        `bytes.find`, in C, once per needle and matching row, rather than tested row by row in Python:
        an English word's bigrams are common, so most candidate rows do not hold it."""
        pieces = self.many(name, rows)
        joined = b"\n".join(pieces)
        starts = np.zeros(len(pieces) + 1, dtype=np.int64)
        np.cumsum(np.fromiter((len(piece) + 1 for piece in pieces), np.int64, len(pieces)), out=starts[1:])
        bounds = starts.tolist()
        held = np.ones(len(pieces), dtype=bool)
        for needle in needles:
            found = np.zeros(len(pieces), dtype=bool)
            at = joined.find(needle)
            while at != -1:
                row = bisect_right(bounds, at) - 1
                found[row] = True
                at = joined.find(needle, bounds[row + 1])  # the row holds it: on to the next row
            held &= found
        return held


def _spans(starts: np.ndarray, ends: np.ndarray) -> Iterator[tuple[int, int]]:
    """Runs first…last of rows (by their ascending byte `starts` and `ends`) read together: a new run
    past a gap of GAP bytes or where a run would pass SPAN bytes. The gaps are found at once (numpy),
    a long run's ends by binary search, rather than stepping through every row in Python."""
    breaks = [0, *(np.flatnonzero(starts[1:] - ends[:-1] > GAP) + 1).tolist(), len(starts)]
    starts_list, ends_list = starts.tolist(), ends.tolist()
    for run_start, run_end in itertools.pairwise(breaks):
        first = run_start
        while first < run_end:
            if ends_list[run_end - 1] - starts_list[first] <= SPAN:
                yield first, run_end
                break
            last = bisect_right(ends_list, starts_list[first] + SPAN, first + 1, run_end)
            yield first, last
            first = last


def _read(blob: np.ndarray | FileRows, start: int, stop: int) -> bytes:
    """Bytes start…stop of a blob: read once from a file (`FileRows`), or copied from an array."""
    return blob.read(start, stop) if isinstance(blob, FileRows) else bytes(blob[start:stop])


class TextIndex:
    """Search over a frozen base and the rows changed since (the delta, a dict: few rows)."""

    def __init__(self, base: FrozenTexts | None = None) -> None:
        self.base = base
        self._base_live = np.ones(len(base) if base is not None else 0, dtype=bool)
        self._delta: dict[int, tuple[str, str]] = {}

    def __len__(self) -> int:
        """How many rows the index holds (live base rows and the delta)."""
        return int(np.count_nonzero(self._base_live)) + len(self._delta)

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
        ids, titled = self.exact_hits(terms)
        return list(zip(ids.tolist(), titled.tolist(), strict=True))

    def exact_hits(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """`exact` as arrays (ids, whether in the title): no Python tuple for each of 10,000 hits."""
        found = [(listing_id, all(t in title for t in terms)) for listing_id, (title, text) in self._delta.items()
                 if all(t in text for t in terms)]  # fmt: skip
        ids = np.fromiter((listing_id for listing_id, _ in found), np.int64, len(found))
        in_title = np.fromiter((titled for _, titled in found), bool, len(found))
        base = self.base
        if base is None or not terms:
            return ids, in_title
        live = self._base_live
        rows = _containing(base.texts, terms, live, lambda rows, needles: base.holding("text", rows, needles))
        titled = _containing(base.title_grams, terms, live, lambda rows, needles: base.holding("title", rows, needles))
        base_ids = np.asarray(base.ids[rows], dtype=np.int64)
        return np.concatenate([ids, base_ids]), np.concatenate([in_title, np.isin(rows, titled, assume_unique=True)])

    def fuzzy(self, query: str, cutoff: float, exclude: Collection[int] | np.ndarray = ()) -> list[tuple[int, float]]:
        """(id, score) of the titles scoring at least `cutoff` on partial_ratio, but for `exclude`d ids
        (those already found exactly: they are left out before any title is read)."""
        ids, scores = self.fuzzy_hits(query, cutoff, exclude)
        return list(zip(ids.tolist(), scores.tolist(), strict=True))

    def fuzzy_hits(
        self, query: str, cutoff: float, exclude: Collection[int] | np.ndarray = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """`fuzzy` as arrays (ids, scores): every title scored in one call (rapidfuzz's cdist), no
        Python tuple for each of thousands of hits (a typo of a common word matches 8,000 of 100,000)."""
        left_out = np.fromiter(exclude, np.int64, len(exclude)) if not isinstance(exclude, np.ndarray) else exclude
        delta_out = set(left_out.tolist()) if self._delta and len(left_out) else set()
        delta = [(i, title) for i, (title, _) in self._delta.items() if i not in delta_out]
        ids = [np.fromiter((i for i, _ in delta), np.int64, len(delta))]
        titles = [title for _, title in delta]
        base = self.base
        if base is not None and query:
            rows = self._fuzzy_candidates(base, query, cutoff)
            if len(left_out):
                rows = rows[~np.isin(base.ids[rows], left_out)]
            ids.append(np.asarray(base.ids[rows], dtype=np.int64))
            # Decoded as one string (a compacted title holds no newline): no call per title.
            titles.extend(b"\n".join(base.many("title", rows)).decode("utf-8").split("\n") if len(rows) else [])
        every = np.concatenate(ids)
        if not titles:
            return every, np.zeros(0, dtype=np.float64)
        scores = process.cdist([query], titles, scorer=fuzz.partial_ratio, score_cutoff=cutoff, dtype=np.float64)[0]
        hit = scores >= cutoff  # below the cutoff cdist gives 0
        return every[hit], scores[hit]

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


def grams(text: str) -> list[str]:
    """A text's characters and bigrams: a term of one or two characters occurs in a text exactly when it
    is one of these, and a longer one only where all its bigrams are."""
    return [*text, *(text[i : i + 2] for i in range(len(text) - 1))]


def _containing(
    index: FrozenBM25,
    terms: Sequence[str],
    live: np.ndarray,
    holding: Callable[[np.ndarray, Sequence[bytes]], np.ndarray],
) -> np.ndarray:
    """Live rows (ascending) whose text contains every term: intersected postings of the terms' grams,
    then, for terms longer than two characters, the texts themselves of those rows (`holding(rows,
    needles)`: which rows hold every UTF-8 needle)."""
    wanted = {gram for term in terms for gram in ([term] if len(term) <= 2 else grams(term)[len(term) :])}
    found: np.ndarray | None = None
    for span in sorted(index.spans(list(wanted)), key=lambda span: span.stop - span.start if span else -1):
        if span is None:
            return np.zeros(0, dtype=np.int64)
        rows = index.rows[span]  # each term's rows are ascending
        found = rows if found is None else _among(found, rows)
    if found is None:
        return np.zeros(0, dtype=np.int64)
    found = found[live[found]].astype(np.int64)
    longer = [term.encode("utf-8") for term in terms if len(term) > 2]
    if longer and len(found):
        found = found[holding(found, longer)]
    return found


def _among(found: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The `found` rows that are also in `rows` (both ascending, `found` the shorter): each looked up by
    binary search, so a long posting list costs log(len) a row, not a sort of both (np.intersect1d)."""
    at = np.minimum(np.searchsorted(rows, found), len(rows) - 1)
    return found[rows[at] == found]


def least_shared(cutoff: float) -> float:
    """The share of L = min(|query|, |title|) a title must share with the query to reach `cutoff`."""
    share = cutoff / 100
    return share / (2 - share)
