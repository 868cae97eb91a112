"""The app's matching engine, kept in step with the database without analysing a listing.

Each process maps the newest snapshot the worker published (matching.snapshot: arrays shared by every
process on the host) and keeps, as a small in-memory delta, only the listings changed after the
snapshot's watermarks, built from their stored terms and vectors. A sync first asks one cheap
question (per followed table: the newest updated_at and how many rows changed since the watermark,
both answered by the updated_at indexes); only when an answer moved does it read rows. A listing whose
terms are not stored yet is ranked meanwhile by a quick analysis that needs no Korean model.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace.db import EPOCH, micros
from marketplace.matches.models import MatchTerms, MatchVector
from marketplace.matches.snapshots import STREAMS, Stream, snapshot_dir
from marketplace.matches.sources import SOURCES, Source
from marketplace.matches.store import chunks, stored_terms, stored_vectors
from marketplace.snapshot_follower import SnapshotFollower
from matching.analysis import analyser_version
from matching.encoder import text_hash
from matching.engine import Engine, Listing
from matching.kinds import Kind
from matching.snapshot import read_snapshot

EXTENSION_KEY = "sangsaeng.matching"
# Rows are re-read from a little before the last change seen: a transaction that began earlier
# may commit an older updated_at after a newer one was read.
OVERLAP = timedelta(minutes=5)
# Rankings a process remembers (a need's offers of every kind are one): a need page asked again
# while nothing it was ranked from changed reuses its ranking.
REMEMBERED = 512
# A listing's version: its row's, its stored terms' and its stored vector's updated_at (µs; 0: none).
Version = tuple[int, int, int]


def match_index(app: Flask | None = None) -> MatchIndex:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if EXTENSION_KEY not in app.extensions:
        app.extensions[EXTENSION_KEY] = MatchIndex(app.config["MATCHING_MODEL"], snapshot_dir(app))
    return app.extensions[EXTENSION_KEY]


class MatchIndex(SnapshotFollower):
    def __init__(self, model: str, directory: Path | None = None) -> None:
        super().__init__(directory)
        self.engine = Engine(encoder=None)  # queries use stored vectors only: no process here loads a model
        self.model = model  # the stored vectors' key
        self._watermarks: dict[str, int | None] = dict.fromkeys(stream.name for stream in STREAMS)
        self._versions: dict[Kind, dict[int, Version]] = {kind: {} for kind in SOURCES}
        self._probing: tuple[tuple, Any] | None = None  # (the watermarks, the probe built for them)
        # Rankings already computed, by everything they were computed from (services.need_matches).
        self._remembered: OrderedDict[tuple, Any] = OrderedDict()
        self._remembering = threading.Lock()

    def state(self) -> tuple:
        """What the index holds, as of its last sync: the generation mapped and the probe's answer
        (every followed table's newest change and count), so equal states rank alike."""
        return (self.generation, self._seen)

    def remembered(self, key: tuple) -> Any:
        with self._remembering:
            found = self._remembered.get(key)
            if found is not None:
                self._remembered.move_to_end(key)
            return found

    def remember(self, key: tuple, value: Any) -> None:
        with self._remembering:
            self._remembered[key] = value
            while len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)

    def waiting_for_vector(self, kind: Kind, listing_id: int) -> bool:
        """The listing takes part in matching but the worker has not stored its vector yet."""
        catalogue = self.engine.catalogues[kind]
        return listing_id in catalogue and catalogue.vector(listing_id) is None

    def _map(self, generation: str) -> bool:
        snapshot = read_snapshot(self.directory, generation)  # type: ignore[arg-type]
        if snapshot is None or snapshot.meta.get("model") != self.model:
            return False
        if snapshot.meta.get("analyser") != analyser_version():
            return False  # the worker is analysing every listing again: keep what we have until it publishes
        self.engine.use_snapshot(snapshot)
        self._watermarks = {stream.name: snapshot.meta["watermarks"].get(stream.name) for stream in STREAMS}
        self._versions = {kind: {} for kind in SOURCES}
        return True

    def _since(self, stream: Stream) -> Any:
        watermark = self._watermarks[stream.name]
        return None if watermark is None else EPOCH + timedelta(microseconds=watermark) - OVERLAP

    def _window(self, stream: Stream) -> list[Any]:
        since = self._since(stream)
        where = stream.condition(self.model)
        return where if since is None else [*where, stream.model.updated_at > since]

    def _probe(self, session: Session) -> tuple:
        """Per followed table, its newest updated_at and how many rows changed since the watermark:
        one query, an index range scan each (unchanged answers mean nothing to read)."""
        key = tuple(self._watermarks.values())
        if self._probing is None or self._probing[0] != key:  # built once per set of watermarks, not per page
            columns = []
            for stream in STREAMS:
                window = self._window(stream)
                columns.append(select(func.max(stream.model.updated_at)).where(*window).scalar_subquery())
                columns.append(select(func.count()).select_from(stream.model).where(*window).scalar_subquery())
            self._probing = (key, select(*columns))
        return tuple(session.execute(self._probing[1]).one())

    def _apply(self, session: Session, probe: tuple) -> None:
        changed: dict[Kind, dict[int, Any]] = {kind: {} for kind in SOURCES}
        for stream in STREAMS:
            if stream.kind is not None:
                source = SOURCES[stream.kind]
                query = select(source.model).options(*source.eager)
                first = self._watermarks[stream.name] is None
                query = query.where(source.matchable() if first else self._window(stream)[-1])
                changed[stream.kind].update((row.id, row) for row in session.scalars(query))
            elif self._watermarks[stream.name] is not None:
                window = self._window(stream)
                for kind, listing_id in session.execute(
                    select(stream.model.kind, stream.model.listing_id).where(*window)
                ):
                    changed[kind].setdefault(listing_id, None)
        for kind, rows in changed.items():
            self._apply_kind(session, SOURCES[kind], rows)
        newest = dict(zip((stream.name for stream in STREAMS), probe[::2], strict=True))
        self._watermarks = {
            name: micros(value) if value is not None else self._watermarks[name] for name, value in newest.items()
        }

    def _apply_kind(self, session: Session, source: Source, rows: dict[int, Any]) -> None:
        missing = [listing_id for listing_id, row in rows.items() if row is None]
        for ids in chunks(missing):
            query = select(source.model).options(*source.eager).where(source.model.id.in_(ids))
            rows.update((row.id, row) for row in session.scalars(query))
        rows = {listing_id: row for listing_id, row in rows.items() if row is not None}
        if not rows:
            return
        versions = self._stored_versions(session, source.kind, list(rows))
        listings, kind = [], source.kind
        for listing_id, row in rows.items():
            version = (micros(row.updated_at), *versions.get(listing_id, (0, 0)))
            if version == self._version(kind, listing_id):
                continue
            if not source.accepts(row):
                self.engine.remove(kind, listing_id)
                self._versions[kind][listing_id] = version
            else:
                listings.append((source.listing(row), version))
        self._put(session, kind, listings)

    def _put(self, session: Session, kind: Kind, listings: list[tuple[Listing, Version]]) -> None:
        """Put listings into the delta with their stored terms and vectors. A listing the worker has
        not analysed yet gets a quick analysis without the Korean model meanwhile (matching.analysis),
        replaced once its stored terms arrive (their updated_at is part of its version)."""
        terms = stored_terms(session, kind, {listing.id: text_hash(listing.text) for listing, _ in listings})
        hashes = {listing.id: text_hash(self.engine.embedding_text(listing)) for listing, _ in listings}
        vectors = stored_vectors(session, kind, self.model, hashes) if listings else {}
        analyzer = self.engine.analyzer
        self.engine.put_many(
            kind,
            [listing for listing, _ in listings],
            [vectors.get(listing.id) for listing, _ in listings],
            [terms.get(listing.id) or analyzer.quick_terms(listing.text) for listing, _ in listings],
        )
        for listing, version in listings:
            self._versions[kind][listing.id] = version

    def _stored_versions(self, session: Session, kind: Kind, ids: list[int]) -> dict[int, tuple[int, int]]:
        """Each listing's stored terms' and vector's updated_at (µs; 0 when none is stored)."""
        found: dict[int, list[int]] = {}
        stored: tuple[tuple[type[MatchTerms] | type[MatchVector], list[Any]], ...] = (
            (MatchTerms, []),
            (MatchVector, [MatchVector.model == self.model]),
        )
        for number, (model, where) in enumerate(stored):
            for chunk in chunks(ids):
                query = select(model.listing_id, model.updated_at).where(
                    model.kind == kind, model.listing_id.in_(chunk), *where
                )
                for listing_id, updated_at in session.execute(query):
                    found.setdefault(listing_id, [0, 0])[number] = micros(updated_at)
        return {listing_id: (terms, vector) for listing_id, (terms, vector) in found.items()}

    def _version(self, kind: Kind, listing_id: int) -> Version | None:
        """The version of a listing as this process holds it (in the delta, else in the snapshot)."""
        if listing_id in self._versions[kind]:
            return self._versions[kind][listing_id]
        base = self.engine.catalogues[kind].base
        row = base.row(listing_id) if base is not None else None
        if base is None or row is None or not base.versions:
            return None
        return tuple(int(base.versions[name][row]) for name in ("listing", "terms", "vectors"))  # type: ignore[return-value]
