"""The app's matching engine, kept in step with the database.

Built lazily on the first query from every matchable listing, then brought up to date on each
query from the rows whose `updated_at` moved (so writes by any process show up). Vectors come from
the store when the text hash still matches; the job worker encodes the missing ones
(marketplace/matches/refresh.py) and the next sync picks them up. No web process loads the model.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.matches.sources import SOURCES, Source
from marketplace.matches.store import stored_vectors, vectors_changed_since
from matching.encoder import text_hash
from matching.engine import Engine, Listing
from matching.kinds import Kind

EXTENSION_KEY = "sangsaeng.matching"
# Rows are re-read from a little before the last change seen: a transaction that began earlier
# may commit an older updated_at after a newer one was read.
OVERLAP = timedelta(minutes=5)
# Before any listing: the watermark of a kind with no rows yet.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def match_index(app: Flask | None = None) -> MatchIndex:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if EXTENSION_KEY not in app.extensions:
        app.extensions[EXTENSION_KEY] = MatchIndex(app.config["MATCHING_MODEL"])
    return app.extensions[EXTENSION_KEY]


class MatchIndex:
    def __init__(self, model: str) -> None:
        self.engine = Engine(encoder=None)  # queries use stored vectors only
        self.model = model  # the stored vectors' key
        self._versions: dict[Kind, dict[int, datetime]] = {kind: {} for kind in SOURCES}
        self._watermarks: dict[Kind, datetime | None] = dict.fromkeys(SOURCES)
        self._vectors_seen: dict[tuple[Kind, int], datetime] = {}
        self._vectors_watermark: datetime | None = None
        self._lock = threading.Lock()

    def sync(self, session: Session) -> None:
        """Apply every change since the last sync: listings, then the vectors the worker stored since."""
        with self._lock:
            since = self._vectors_watermark
            if since is None:  # the first sync: vectors stored until now come with the listings
                self._vectors_watermark = datetime.now(UTC)
            for source in SOURCES.values():
                self._sync_kind(session, source)
            if since is not None:
                self._sync_vectors(session, since)

    def waiting_for_vector(self, kind: Kind, listing_id: int) -> bool:
        """The listing takes part in matching but the worker has not stored its vector yet."""
        catalogue = self.engine.catalogues[kind]
        return listing_id in catalogue and catalogue.vector(listing_id) is None

    def _sync_vectors(self, session: Session, since: datetime) -> None:
        """Set the vectors stored since the last sync, where they still fit the listing's current text."""
        newest = since
        for kind, listing_id, stored_hash, vector, updated_at in vectors_changed_since(
            session, self.model, since - OVERLAP, self._vectors_seen
        ):
            self._vectors_seen[(kind, listing_id)] = updated_at
            newest = max(newest, updated_at)
            if self.current_hash(kind, listing_id) == stored_hash:
                self.engine.catalogues[kind].set_vector(listing_id, vector)
        self._vectors_watermark = newest

    def current_hash(self, kind: Kind, listing_id: int) -> str | None:
        """The text hash a listing's vector must have now (None: the listing is not in the index)."""
        catalogue = self.engine.catalogues[kind]
        if listing_id not in catalogue:
            return None
        entry = catalogue.entry(catalogue.row(listing_id))
        return text_hash(self.engine.embedding_text(Listing(entry.id, entry.title, entry.text)))

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
