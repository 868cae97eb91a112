"""The app's matching engine, kept in step with the database.

Built lazily on the first query from every matchable listing, then brought up to date on each
query from the rows whose `updated_at` moved (so writes by any process show up). Vectors come from
the store when the text hash still matches; missing ones are encoded once the model is ready.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.matches.sources import SOURCES, Source
from marketplace.matches.store import save_vectors, stored_vectors
from matching.catalogue import Entry
from matching.encoder import Encoder, text_hash
from matching.engine import Engine, Listing
from matching.kinds import Kind

EXTENSION_KEY = "sangsaeng.matching"
# Rows are re-read from a little before the last change seen: a transaction that began earlier
# may commit an older updated_at after a newer one was read.
OVERLAP = timedelta(minutes=5)
# Up to this many missing vectors are encoded inside a request; more wait for the background.
INLINE_ENCODE = 16
# Before any listing: the watermark of a kind with no rows yet.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

_encoders: dict[str, Encoder] = {}
_encoders_lock = threading.Lock()


def encoder_for(model: str) -> Encoder:
    """One encoder per model per process, shared by every app (tests build many apps)."""
    with _encoders_lock:
        if model not in _encoders:
            _encoders[model] = Encoder(model)
        return _encoders[model]


def match_index(app: Flask | None = None) -> MatchIndex:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if EXTENSION_KEY not in app.extensions:
        app.extensions[EXTENSION_KEY] = MatchIndex(encoder_for(app.config["MATCHING_MODEL"]))
    return app.extensions[EXTENSION_KEY]


class MatchIndex:
    def __init__(self, encoder: Encoder) -> None:
        self.engine = Engine(encoder=encoder)
        self.encoder = encoder
        self._versions: dict[Kind, dict[int, datetime]] = {kind: {} for kind in SOURCES}
        self._watermarks: dict[Kind, datetime | None] = dict.fromkeys(SOURCES)
        self._lock = threading.Lock()

    @property
    def model(self) -> str:
        return self.encoder.name

    def sync(self, session: Session, store: Callable[[], Session] | None = None) -> None:
        """Apply every change since the last sync; encode a few missing vectors if the model is ready."""
        with self._lock:
            for source in SOURCES.values():
                self._sync_kind(session, source)
        if self.encoder.ready and store is not None:
            self.fill_vectors(store, limit=INLINE_ENCODE)

    def _sync_kind(self, session: Session, source: Source) -> None:
        model, watermark = source.model, self._watermarks[source.kind]
        query = select(model).options(*source.eager)
        if watermark is None:
            query = query.where(source.matchable())
        else:
            query = query.where(model.updated_at > watermark - OVERLAP)
        versions = self._versions[source.kind]
        changed = [row for row in session.scalars(query) if versions.get(row.id) != row.updated_at]
        self._apply(session, source, changed)
        for row in changed:
            versions[row.id] = row.updated_at
            if watermark is None or row.updated_at > watermark:
                watermark = row.updated_at
        self._watermarks[source.kind] = watermark or EPOCH

    def _apply(self, session: Session, source: Source, rows: list[Any]) -> None:
        listings = [source.listing(row) for row in rows if source.accepts(row)]
        for row in rows:
            if not source.accepts(row):
                self.engine.remove(source.kind, row.id)
        hashes = {listing.id: text_hash(self.engine.embedding_text(listing)) for listing in listings}
        vectors = stored_vectors(session, source.kind, self.model, hashes) if listings else {}
        self.engine.put_many(source.kind, listings, [vectors.get(listing.id) for listing in listings])

    def fill_vectors(
        self, store: Callable[[], Session], limit: int | None = None, progress: Callable[[int], None] | None = None
    ) -> int:
        """Encode and store the vectors the engine lacks (at most `limit`); returns how many."""
        done = 0
        for kind in SOURCES:
            missing = self.engine.catalogues[kind].missing_vectors()
            if limit is not None:
                missing = missing[: max(limit - done, 0)]
            done += self._encode(store, kind, missing, progress)
        return done

    def missing_count(self) -> int:
        return sum(len(self.engine.catalogues[kind].missing_vectors()) for kind in SOURCES)

    def _encode(
        self, store: Callable[[], Session], kind: Kind, entries: Iterable[Entry], progress: Callable[[int], None] | None
    ) -> int:
        entries = list(entries)
        if not entries:
            return 0
        listings = [Listing(e.id, e.title, e.text) for e in entries]
        texts = [self.engine.embedding_text(listing) for listing in listings]
        vectors = self.engine.encode(kind, listings, progress=progress)
        session = store()
        try:
            save_vectors(
                session,
                kind,
                self.model,
                {e.id: (text_hash(t), v) for e, t, v in zip(entries, texts, vectors, strict=True)},
            )
            session.commit()
        finally:
            session.close()
        for entry, vector in zip(entries, vectors, strict=True):
            self.engine.catalogues[kind].set_vector(entry.id, vector)
        return len(entries)
