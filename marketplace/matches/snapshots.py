"""The worker's side of the shared index: analyse and store listings' terms, write the snapshot.

A snapshot (matching.snapshot) holds every matchable listing whose terms are stored, with its vector
for the app's model, and the versions it was taken at: each listing's, terms' and vector's updated_at
(µs) and, per table, the newest updated_at read before the rows (its watermark). A web process maps it
and reads from the database only what changed after those watermarks.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from flask import Flask
from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from marketplace.db import db, micros, utcnow
from marketplace.matches.models import MatchTerms, MatchVector
from marketplace.matches.sources import SOURCES, Source
from marketplace.matches.store import chunks, save_terms
from marketplace.needs.models import Need
from marketplace.programmes.models import SponsorProgramme
from marketplace.search import compact
from marketplace.solutions.models import Solution
from marketplace.unit_of_work import transaction
from matching import snapshot
from matching.analysis import Analyzer, Terms, analyser_version
from matching.encoder import text_hash
from matching.engine import Listing, embedding_text
from matching.glossary import default_glossary
from matching.kinds import Kind
from matching.language import detect_language
from matching.textsearch import FrozenTexts

# The tables listing search reads (marketplace.search_index), written into the snapshot beside matching.
SEARCHED = (Need, Solution, SponsorProgramme)
# Listings analysed in one kiwipiepy batch.
BATCH = 500
# Listings saved this recently are checked again whatever their terms' updated_at says.
RECHECK = timedelta(minutes=5)


@dataclass(frozen=True)
class Stream:
    """A table whose rows the index follows by their updated_at."""

    name: str
    model: Any
    kind: Kind | None = None  # the listings' kind (None: stored terms or vectors of every kind)

    def condition(self, model_name: str) -> list[ColumnElement[bool]]:
        return [MatchVector.model == model_name] if self.model is MatchVector else []


STREAMS = (
    *(Stream(kind.value, source.model, kind) for kind, source in SOURCES.items()),
    Stream("terms", MatchTerms),
    Stream("vectors", MatchVector),
)


def snapshot_dir(app: Flask) -> Path | None:
    folder = app.config.get("MATCHING_SNAPSHOT_DIR")
    return Path(folder) if folder else None


def matchable_listings(session: Session, source: Source) -> list[tuple[Any, Listing]]:
    rows = session.scalars(select(source.model).options(*source.eager).where(source.matchable()))
    return [(row, source.listing(row)) for row in rows if source.accepts(row)]


@dataclass
class AnalysedTerms:
    """Terms analysed from a read, to be stored by `save` in a short writing transaction: on SQLite a
    writing transaction holds the database's one write lock, and loading kiwipiepy and analysing a
    fresh catalogue take seconds during which every web request that writes (a log-in) would wait.
    A listing saved meanwhile keeps a stale text hash, so its terms are analysed again (`RECHECK`)."""

    terms: dict[Kind, dict[int, tuple[str, Terms]]]
    checked: dict[Kind, list[int]]  # current terms older than their listing's save: marked as checked

    def save(self, session: Session) -> int:
        """Store the terms and mark the checked ones (the caller commits); returns how many were analysed."""
        for kind, found in self.terms.items():
            save_terms(session, kind, found)
        for kind, ids in self.checked.items():
            _touch(session, kind, ids)
        return sum(len(found) for found in self.terms.values())


def analyse_terms(
    session: Session, kind: Kind, listings: Iterable[Listing], analyzer: Analyzer, saved: dict[int, Any] | None = None
) -> tuple[dict[int, tuple[str, Terms]], list[int]]:
    """Analyse the listings whose stored terms are missing or stale (another text or analyser
    version): their (text hash, terms) by id; and the listings whose current terms are older than
    their save (`saved`: id → updated_at), to be marked as checked. Reads only."""
    listings = list(listings)
    current = _stored_terms(session, kind, [listing.id for listing in listings])
    version = analyser_version()
    stale = [item for item in listings if current.get(item.id, (None, None))[:2] != (text_hash(item.text), version)]
    found: dict[int, tuple[str, Terms]] = {}
    for start in range(0, len(stale), BATCH):
        batch = stale[start : start + BATCH]
        analysed = analyzer.terms_many([item.text for item in batch])
        found.update({item.id: (text_hash(item.text), terms) for item, terms in zip(batch, analysed, strict=True)})
    older = [
        listing_id
        for listing_id, moment in (saved or {}).items()
        if listing_id not in found and listing_id in current and micros(current[listing_id][2]) < micros(moment)
    ]
    return found, older


def analyse_stale_terms(session: Session, analyzer: Analyzer | None = None) -> AnalysedTerms:
    """Analyse the missing or stale terms of the matchable listings, reading only (no write lock):
    the worker's step before the snapshot, stored by `AnalysedTerms.save`. Only listings that may have
    changed since their terms were stored are read (`term_candidates`): a run with nothing to do reads
    no listing and loads no Korean model."""
    analyzer = analyzer or Analyzer()
    result = AnalysedTerms({}, {})
    for kind, source in SOURCES.items():
        candidates = term_candidates(session, source)
        saved = {listing.id: row.updated_at for row, listing in candidates}
        result.terms[kind], result.checked[kind] = analyse_terms(
            session, kind, [listing for _, listing in candidates], analyzer, saved
        )
    return result


def store_stale_terms(analyzer: Analyzer | None = None) -> int:
    """The worker's and the commands' way: analyse the stale terms while only reading, end that read, then
    store them in a short writing transaction of their own; returns how many listings were analysed."""
    terms = analyse_stale_terms(db.session, analyzer)
    db.session.rollback()  # the read ends before the write lock is taken
    with transaction() as session:
        return terms.save(session)


def refresh_terms(session: Session, analyzer: Analyzer | None = None) -> int:
    """Analyse and store the missing or stale terms of the matchable listings in `session`'s
    transaction (the caller commits); returns how many listings were analysed. The worker analyses
    before it takes the write lock instead (`store_stale_terms`)."""
    return analyse_stale_terms(session, analyzer).save(session)


def term_candidates(session: Session, source: Source) -> list[tuple[Any, Listing]]:
    """Matchable listings whose stored terms may be stale: none stored, another analyser, saved after
    their terms, or saved within `RECHECK` (a transaction that began before the terms were stored may
    commit an older updated_at after them). Their texts' hashes decide (`analyse_terms`)."""
    model, kind = source.model, source.kind
    stored = and_(MatchTerms.kind == kind, MatchTerms.listing_id == model.id)
    recent = datetime.now(UTC) - RECHECK
    query = (
        select(model)
        .options(*source.eager)
        .outerjoin(MatchTerms, stored)
        .where(
            source.matchable(),
            or_(
                MatchTerms.id.is_(None),
                MatchTerms.analyser != analyser_version(),
                MatchTerms.updated_at < model.updated_at,
                model.updated_at > recent,
            ),
        )
    )
    return [(row, source.listing(row)) for row in session.scalars(query) if source.accepts(row)]


def _stored_terms(session: Session, kind: Kind, ids: list[int]) -> dict[int, tuple[str, str, Any]]:
    found = {}
    for chunk in chunks(ids):
        query = select(MatchTerms.listing_id, MatchTerms.text_hash, MatchTerms.analyser, MatchTerms.updated_at)
        for listing_id, text, version, updated in session.execute(
            query.where(MatchTerms.kind == kind, MatchTerms.listing_id.in_(chunk))
        ):
            found[listing_id] = (text, version, updated)
    return found


def _touch(session: Session, kind: Kind, ids: list[int]) -> None:
    """Current terms of listings saved after them (another field changed): marked as checked now, so
    the next run does not read those listings again (web processes re-read these few listings once)."""
    for chunk in chunks(ids):
        session.execute(
            update(MatchTerms)
            .where(MatchTerms.kind == kind, MatchTerms.listing_id.in_(chunk))
            .values(updated_at=utcnow())
        )


def watermarks(session: Session, model_name: str) -> dict[str, int]:
    """Each stream's newest updated_at (µs), in one query."""
    columns = [
        select(func.max(stream.model.updated_at)).where(*stream.condition(model_name)).scalar_subquery()
        for stream in STREAMS
    ]
    values = session.execute(select(*columns)).one()
    return {stream.name: micros(value) for stream, value in zip(STREAMS, values, strict=True)}


def write_snapshot(session: Session, directory: Path, model_name: str) -> str:
    """Write and publish a snapshot of every matchable listing whose terms are stored; returns its
    generation. Watermarks are read first: a change after them reaches web processes as their delta."""
    meta = {
        "watermarks": watermarks(session, model_name),
        "search_watermarks": search_watermarks(session),
        "model": model_name,
        "analyser": analyser_version(),
    }
    kinds = {kind: _frozen_rows(session, kind, source, model_name) for kind, source in SOURCES.items()}
    texts = {model.__tablename__: _frozen_texts(session, model) for model in SEARCHED}
    return snapshot.write_snapshot(directory, kinds, meta, texts)


def publish_due(app: Flask, session: Session) -> str | None:
    """The worker's last step: publish a snapshot if `MATCHING_SNAPSHOT_EVERY` seconds have passed
    since the last one (and a folder is set); returns the new generation, or None."""
    directory = snapshot_dir(app)
    if directory is None:
        return None
    every = float(app.config["MATCHING_SNAPSHOT_EVERY"])
    return publish_snapshot(session, directory, app.config["MATCHING_MODEL"], every)


def publish_snapshot(session: Session, directory: Path, model_name: str, every: float) -> str | None:
    """Write a snapshot unless the published one is younger than `every` seconds (web processes read
    the changes since as their small delta meanwhile); returns the new generation, or None."""
    published = snapshot.current_generation(directory)
    if published is not None and time.time_ns() - int(published) < every * 1e9:
        return None
    return write_snapshot(session, directory, model_name)


def search_watermarks(session: Session) -> dict[str, int]:
    """Each searched table's newest updated_at (µs): the search index reads later rows itself."""
    columns = [select(func.max(model.updated_at)).scalar_subquery() for model in SEARCHED]
    values = session.execute(select(*columns)).one()
    return {model.__tablename__: micros(value) for model, value in zip(SEARCHED, values, strict=True)}


def _frozen_texts(session: Session, model: Any) -> FrozenTexts:
    """Every row of a searched table (any status: the filters are applied in the database)."""
    query = select(model.id, model.title, model.search_text, model.updated_at)
    rows = session.execute(query)
    return FrozenTexts.build([(i, compact(title), text or "", micros(updated)) for i, title, text, updated in rows])


def _frozen_rows(session: Session, kind: Kind, source: Source, model_name: str) -> list[snapshot.FrozenRow]:
    version = analyser_version()
    terms = {
        row.listing_id: row
        for row in session.execute(
            select(MatchTerms.listing_id, MatchTerms.text_hash, MatchTerms.terms, MatchTerms.updated_at).where(
                MatchTerms.kind == kind, MatchTerms.analyser == version
            )
        )
    }
    vectors = {
        row.listing_id: row
        for row in session.execute(
            select(MatchVector.listing_id, MatchVector.text_hash, MatchVector.vector, MatchVector.updated_at).where(
                MatchVector.kind == kind, MatchVector.model == model_name
            )
        )
    }
    frozen = []
    glossary = default_glossary()
    for row, listing in matchable_listings(session, source):
        stored = terms.get(listing.id)
        if stored is None or stored.text_hash != text_hash(listing.text):
            continue  # not analysed yet: it reaches web processes as a delta once it is
        vector = vectors.get(listing.id)
        if vector is not None and vector.text_hash != text_hash(embedding_text(listing.text, glossary)):
            vector = None
        versions = {
            "listing": micros(row.updated_at),
            "terms": micros(stored.updated_at),
            "vectors": micros(vector.updated_at) if vector is not None else 0,
        }
        array = None if vector is None else np.frombuffer(vector.vector, dtype="<f4").astype(np.float32)
        korean = detect_language(listing.text) == "ko"
        frozen.append(
            snapshot.FrozenRow(listing.id, listing.title, korean, Terms.decoded(stored.terms), array, versions)
        )
    return frozen
