"""Each process's search index of one table (needs, solutions, programmes): the worker's snapshot of
every row's compacted title and text, mapped read-only, plus the rows changed since, read from the
database. A search first asks one cheap question (the newest updated_at and how many rows changed since
the snapshot's watermark, answered by the updated_at index); only when an answer moved does it read rows.
Without a snapshot (a fresh machine before the worker's first run, tests) every row is read once.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace.db import EPOCH, micros
from marketplace.search_text import compact
from marketplace.snapshot_follower import SnapshotFollower
from matching.snapshot import manifest, search_folder
from matching.textsearch import FrozenTexts, TextIndex

EXTENSION_KEY = "sangsaeng.search"
# Rows are re-read from a little before the last change seen (a transaction that began earlier may
# commit an older updated_at after a newer one was read).
OVERLAP = timedelta(minutes=5)


class SearchIndex(SnapshotFollower):
    def __init__(self, model: Any, directory: Path | None) -> None:
        super().__init__(directory)
        self.model = model
        self.name = model.__tablename__
        self.text = TextIndex()
        self._watermark: Any = None  # the newest updated_at applied (None: nothing read yet)

    def sync(self, session: Session) -> TextIndex:  # type: ignore[override]
        """Bring the index up to date and return it."""
        super().sync(session)
        return self.text

    def _map(self, generation: str) -> bool:
        directory = self.directory or Path()  # set: a generation was found in it
        folder = search_folder(directory, generation, self.name)
        watermark = manifest(directory, generation)["meta"].get("search_watermarks", {}).get(self.name)
        if folder is None or watermark is None:
            return False
        self.text = TextIndex(FrozenTexts.load(folder))
        self._watermark = EPOCH + timedelta(microseconds=watermark)
        return True

    def _window(self) -> list[Any]:
        return [] if self._watermark is None else [self.model.updated_at > self._watermark - OVERLAP]

    def _probe(self, session: Session) -> tuple:
        model, window = self.model, self._window()
        return tuple(session.execute(select(func.max(model.updated_at), func.count()).where(*window)).one())

    def _apply(self, session: Session, probe: tuple) -> None:
        model = self.model
        query = select(model.id, model.title, model.search_text, model.updated_at).where(*self._window())
        for listing_id, title, text, updated_at in session.execute(query):
            self.text.put(listing_id, compact(title), text or "", micros(updated_at))
        if probe[0] is not None:
            self._watermark = probe[0]


def search_index(model: Any) -> SearchIndex:
    """The app's index of `model`'s table (a fresh one, without a snapshot, outside an app)."""
    if not has_app_context():
        return SearchIndex(model, None)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    indexes = app.extensions.setdefault(EXTENSION_KEY, {})
    if model.__tablename__ not in indexes:
        folder = app.config.get("MATCHING_SNAPSHOT_DIR")
        indexes[model.__tablename__] = SearchIndex(model, Path(folder) if folder else None)
    return indexes[model.__tablename__]
