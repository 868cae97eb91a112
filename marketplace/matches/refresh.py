"""The job worker's side of matching: encode and store the vectors of listings whose stored vector is
missing or stale (new text, or another model). Runs as the `refresh_matching` task after a listing is
saved and every minute as a sweep; `flask matching reindex` runs it by hand with a progress bar.

Before encoding it analyses and stores the listings' missing or stale terms, and after it publishes the
shared snapshot when one is due (marketplace/matches/snapshots.py). Only the worker imports torch and
sentence-transformers (inside `Encoder.load`) or kiwipiepy; web processes read the stored terms and
vectors (marketplace/matches/index.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy.orm import Session

from marketplace import clock
from marketplace.db import db
from marketplace.matches.alerts import alert_matching_offers
from marketplace.matches.index import MatchIndex
from marketplace.matches.snapshots import publish_due, store_stale_terms
from marketplace.matches.sources import SOURCES
from marketplace.matches.store import save_vectors
from marketplace.unit_of_work import transaction
from matching.catalogue import Entry
from matching.encoder import Encoder, text_hash
from matching.engine import Listing
from matching.kinds import ROLES, Kind

log = logging.getLogger(__name__)

Progress = Callable[[int], None]

WORKER_KEY = "sangsaeng.matching.worker"

_encoders: dict[str, Encoder] = {}
_encoders_lock = threading.Lock()


def encoder_for(model: str) -> Encoder:
    """One encoder per model per process, shared by every app (tests build many apps)."""
    with _encoders_lock:
        if model not in _encoders:
            _encoders[model] = Encoder(model)
        return _encoders[model]


def worker_index(app: Flask) -> MatchIndex:
    """The worker's own index, built from the database without the snapshot: its delta entries keep
    their text, which is what the worker encodes (a snapshot's rows keep none)."""
    if WORKER_KEY not in app.extensions:
        app.extensions[WORKER_KEY] = MatchIndex(app.config["MATCHING_MODEL"])
    return app.extensions[WORKER_KEY]


def refresh_matching(progress: Progress | None = None) -> int:
    """Bring the stored terms and vectors up to date with the listings, then publish the shared index
    if one is due; returns how many vectors were encoded."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    # First, as the index below takes listings with stored terms; analysed while only reading (loading
    # kiwipiepy and analysing a fresh catalogue take seconds), then stored under a short write lock.
    analysed = store_stale_terms()
    index = worker_index(app)  # a sync reads only what changed
    index.sync(db.session)
    db.session.rollback()
    new_needs = [entry.id for entry in index.engine.catalogues[Kind.NEED].missing_vectors()]
    encoded = fill_vectors(index, encoder_for(index.model), db.state().sessionmaker, progress)
    if new_needs:  # a need read for the first time, or read again: tell the owners of offers it fits well
        with transaction() as session:
            alerted = alert_matching_offers(session, index, new_needs, clock.today())
        if alerted:
            log.info("match alerts: %d", alerted)
    generation = publish_due(app, db.session)
    db.session.rollback()
    if analysed or encoded or generation:
        log.info("matching refreshed: %d analysed, %d encoded, snapshot %s", analysed, encoded, generation or "-")
    return encoded


def missing_count(index: MatchIndex) -> int:
    return sum(len(index.engine.catalogues[kind].missing_vectors()) for kind in SOURCES)


def fill_vectors(
    index: MatchIndex, encoder: Encoder, store: Callable[[], Session], progress: Progress | None = None
) -> int:
    """Encode and store the vectors the index lacks; returns how many."""
    return sum(
        _encode(index, encoder, store, kind, index.engine.catalogues[kind].missing_vectors(), progress)
        for kind in SOURCES
    )


def _encode(
    index: MatchIndex, encoder: Encoder, store: Callable[[], Session], kind: Kind, entries: list[Entry],
    progress: Progress | None,
) -> int:  # fmt: skip
    if not entries:
        return 0
    texts = [index.engine.embedding_text(Listing(e.id, e.title, e.text)) for e in entries]
    # Each kind is stored in its model role (e5's query/passage: matching/kinds.py ROLES).
    vectors = encoder.encode(texts, progress=progress, role=ROLES[kind])
    encoded = {e.id: (text_hash(t), v) for e, t, v in zip(entries, texts, vectors, strict=True)}
    with store() as session, transaction(session):
        save_vectors(session, kind, index.model, encoded)
    for entry, vector in zip(entries, vectors, strict=True):
        index.engine.catalogues[kind].set_vector(entry.id, vector)
    return len(entries)
