"""A catalogue snapshot: every kind's listings as flat numpy arrays in one directory, shared by processes.

The worker writes a new generation beside the old ones and publishes it by replacing the small file
`CURRENT` (written whole, then renamed: a reader sees the old generation or the new one, never half);
readers map the arrays read-only (`np.load(mmap_mode="r")`), so every web process on a host shares
one copy in the page cache and a process's memory holds only the pages its queries touch.

    <root>/CURRENT                  the published generation's name
    <root>/<generation>/manifest.json
    <root>/<generation>/<kind>/{ids,order,korean,vectors,has_vector,titles,title_offsets,terms,
                                terms_offsets,version.<name>,<field>.<array>}.npy
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from matching.analysis import Terms
from matching.compact import COMPACT_FROM, CompactVectors, FileRows, compact_arrays
from matching.frozen_bm25 import ARRAYS, FrozenBM25
from matching.kinds import Kind

FIELDS = tuple(Terms.__dataclass_fields__)
CURRENT = "CURRENT"
SEARCH = "search"
# Generations kept on disk: a process may still be mapping the one before the newest.
KEEP = 3
# Arrays a query reads a few rows of: read with pread, never mapped (matching.compact says why).
READ_BY_ROW = ("titles", "terms", "title_blob", "text_blob")


@dataclass(frozen=True)
class FrozenRow:
    """What a snapshot holds of one listing (its facts stay in the database)."""

    id: int
    title: str
    korean: bool
    terms: Terms
    vector: np.ndarray | None = None
    versions: Mapping[str, int] = field(default_factory=dict)  # e.g. updated_at in µs, per source


class FrozenCatalogue:
    """One kind's rows, read-only: ids, language, vectors, titles, stored terms and the lexical fields."""

    def __init__(self, arrays: Mapping[str, np.ndarray], averages: Mapping[str, float]) -> None:
        self.arrays = arrays
        self.ids, self.order = arrays["ids"], arrays["order"]
        self.korean, self.vectors, self.has_vector = arrays["korean"], arrays["vectors"], arrays["has_vector"]
        self.fields = {
            name: FrozenBM25({suffix: arrays[f"{name}.{suffix}"] for suffix in ARRAYS}, averages[name])
            for name in FIELDS
        }
        self.versions = {key[8:]: array for key, array in arrays.items() if key.startswith("version.")}
        self.any_vector = bool(len(self.has_vector) and self.has_vector.any())
        # A large catalogue's vectors in two steps (matching.compact); None: the exact float32 scan.
        self.compact = CompactVectors(arrays, np.asarray(self.has_vector)) if "coarse" in arrays else None

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, listing_id: int) -> int | None:
        return find_row(self.ids, self.order, listing_id)

    def title(self, row: int) -> str:
        return text_at(self.arrays["titles"], self.arrays["title_offsets"], row)

    def terms(self, row: int) -> Terms:
        return Terms.decoded(text_at(self.arrays["terms"], self.arrays["terms_offsets"], row))

    @classmethod
    def build(cls, rows: Sequence[FrozenRow], dimension: int = 0, compact_from: int = COMPACT_FROM) -> FrozenCatalogue:
        """The arrays of `rows` in memory (what `write_snapshot` saves); with their compact vectors
        when there are `compact_from` rows or more."""
        dimension = next((len(r.vector) for r in rows if r.vector is not None), dimension)
        vectors = np.zeros((len(rows), dimension), dtype=np.float32)
        for number, row in enumerate(rows):
            if row.vector is not None:
                vectors[number] = row.vector
        ids = np.fromiter((row.id for row in rows), np.int64, len(rows))
        arrays: dict[str, np.ndarray] = {
            "ids": ids,
            "order": np.argsort(ids, kind="stable"),
            "korean": np.array([row.korean for row in rows], dtype=bool),
            "vectors": vectors,
            "has_vector": np.array([row.vector is not None for row in rows], dtype=bool),
        }
        if len(rows) >= compact_from and arrays["has_vector"].any():
            arrays.update(compact_arrays(vectors, arrays["has_vector"]))
        arrays["titles"], arrays["title_offsets"] = blob([row.title for row in rows])
        arrays["terms"], arrays["terms_offsets"] = blob([row.terms.encoded() for row in rows])
        for key in sorted({key for row in rows for key in row.versions}):
            arrays[f"version.{key}"] = np.fromiter((row.versions.get(key, 0) for row in rows), np.int64, len(rows))
        averages = {}
        for name in FIELDS:
            index = FrozenBM25.build([getattr(row.terms, name) for row in rows])
            averages[name] = index.average
            arrays.update({f"{name}.{suffix}": array for suffix, array in index.arrays().items()})
        return cls(arrays, averages)

    def averages(self) -> dict[str, float]:
        return {name: index.average for name, index in self.fields.items()}


@dataclass(frozen=True)
class Snapshot:
    generation: str
    meta: dict[str, Any]
    kinds: dict[Kind, FrozenCatalogue]


def write_snapshot(
    root: Path,
    kinds: Mapping[Kind, Sequence[FrozenRow]],
    meta: Mapping[str, Any],
    texts: Mapping[str, Any] = {},
    compact_from: int = COMPACT_FROM,
) -> str:
    """Write a new generation and publish it; returns its name. `meta` (JSON) travels with it, and
    `texts` (name → matching.textsearch.FrozenTexts) are saved in its `search/<name>` folders."""
    root.mkdir(parents=True, exist_ok=True)
    generation = f"{time.time_ns():020d}"
    staging = root / f".{generation}.tmp"
    staging.mkdir()
    contents: dict[str, Any] = {"meta": dict(meta), "kinds": {}}
    for kind, rows in kinds.items():
        catalogue = FrozenCatalogue.build(rows, compact_from=compact_from)
        folder = staging / kind.value
        folder.mkdir()
        for name, array in catalogue.arrays.items():
            np.save(folder / f"{name}.npy", np.ascontiguousarray(array))
        contents["kinds"][kind.value] = {"count": len(catalogue), "averages": catalogue.averages()}
    for name, frozen in texts.items():
        frozen.save(staging / SEARCH / name)
    (staging / "manifest.json").write_text(json.dumps(contents), encoding="utf-8")
    os.rename(staging, root / generation)
    pointer = root / f".{CURRENT}.{generation}.tmp"
    pointer.write_text(generation, encoding="utf-8")
    os.replace(pointer, root / CURRENT)
    _prune(root, generation)
    return generation


def current_generation(root: Path) -> str | None:
    try:
        return (root / CURRENT).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def manifest(root: Path, generation: str) -> dict[str, Any]:
    return json.loads((root / generation / "manifest.json").read_text(encoding="utf-8"))


def read_snapshot(root: Path, generation: str | None = None) -> Snapshot | None:
    """The published generation (or the one named), memory-mapped; None when none was written."""
    generation = generation or current_generation(root)
    if generation is None:
        return None
    folder = root / generation
    about_all = manifest(root, generation)
    kinds = {}
    for value, about in about_all["kinds"].items():
        arrays = mapped(folder / value)
        kinds[Kind(value)] = FrozenCatalogue(arrays, about["averages"])
    return Snapshot(generation, about_all["meta"], kinds)


def mapped(folder: Path) -> dict[str, Any]:
    """The arrays of a folder, memory-mapped read-only, as plain ndarray views (np.memmap's own
    indexing costs several µs a call); those read a few rows at a time (titles, terms, and the
    float32 vectors where compact ones are scanned) are `FileRows`, read by pread."""
    by_row = {*READ_BY_ROW, *(("vectors",) if (folder / "coarse.npy").exists() else ())}
    return {
        path.stem: FileRows(path) if path.stem in by_row else np.asarray(np.load(path, mmap_mode="r"))
        for path in folder.glob("*.npy")
    }


def find_row(ids: np.ndarray, order: np.ndarray, listing_id: int) -> int | None:
    """The row of a listing, or None: ids are found by binary search (`order` sorts them), so no
    process holds a dict of every id."""
    at = int(np.searchsorted(ids, listing_id, sorter=order))
    if at < len(order) and ids[order[at]] == listing_id:
        return int(order[at])
    return None


def search_folder(root: Path, generation: str, name: str) -> Path | None:
    """Where a generation keeps the search texts called `name` (None if it has none)."""
    folder = root / generation / SEARCH / name
    return folder if folder.is_dir() else None


def blob(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Texts as one UTF-8 byte array and the offsets of each (text i is blob[offsets[i]:offsets[i+1]])."""
    encoded = [text.encode("utf-8") for text in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(part) for part in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(), offsets


def text_at(blob: Any, offsets: np.ndarray, row: int) -> str:
    return bytes(blob[int(offsets[row]) : int(offsets[row + 1])]).decode("utf-8")


def _prune(root: Path, newest: str) -> None:
    """Remove all but the KEEP newest generations (a process mapping a removed one keeps its pages:
    on POSIX a file's data lives until its last mapping closes)."""
    generations = sorted(path.name for path in root.iterdir() if path.is_dir() and path.name.isdigit())
    for name in generations[:-KEEP]:
        if name != newest:
            shutil.rmtree(root / name, ignore_errors=True)
