"""Stored vectors and terms: read the ones still valid for a text, write new ones.

Vectors are float32, little-endian; terms are `Terms.encoded()` text, valid for one analyser version.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.matches.models import MatchTerms, MatchVector
from matching.analysis import Terms, analyser_version
from matching.kinds import Kind

# Ids per IN (…): under every database's parameter limit.
CHUNK = 500


def chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def stored_vectors(session: Session, kind: Kind, model: str, hashes: dict[int, str]) -> dict[int, np.ndarray]:
    """The stored vector of each listing whose text hash still matches (`hashes`: id → hash)."""
    found = _current(session, MatchVector.vector, kind, hashes, MatchVector.model == model)
    return {listing_id: np.frombuffer(blob, dtype="<f4").astype(np.float32) for listing_id, blob in found.items()}


def save_vectors(session: Session, kind: Kind, model: str, vectors: dict[int, tuple[str, np.ndarray]]) -> None:
    """Insert or replace the vectors of listings (`vectors`: id → (text hash, vector))."""
    existing = _existing(session, MatchVector, kind, list(vectors), MatchVector.model == model)
    for listing_id, (text_hash, vector) in vectors.items():
        row = existing.get(listing_id) or MatchVector(kind=kind, listing_id=listing_id, model=model)
        row.text_hash = text_hash
        row.vector = vector.astype("<f4").tobytes()
        session.add(row)


def stored_terms(session: Session, kind: Kind, hashes: dict[int, str]) -> dict[int, Terms]:
    """The stored terms of each listing whose text hash and analyser version still match."""
    found = _current(session, MatchTerms.terms, kind, hashes, MatchTerms.analyser == analyser_version())
    return {listing_id: Terms.decoded(encoded) for listing_id, encoded in found.items()}


def _current(session: Session, column: Any, kind: Kind, hashes: dict[int, str], *conditions: Any) -> dict[int, Any]:
    """`column` of the stored rows (of `column`'s table) whose text hash is the listing's in `hashes`."""
    model = column.class_
    found = {}
    for ids in chunks(list(hashes)):
        query = select(model.listing_id, model.text_hash, column).where(
            model.kind == kind, model.listing_id.in_(ids), *conditions
        )
        found.update(
            {listing_id: value for listing_id, text, value in session.execute(query) if hashes.get(listing_id) == text}
        )
    return found


def save_terms(session: Session, kind: Kind, terms: dict[int, tuple[str, Terms]]) -> None:
    """Insert or replace the terms of listings (`terms`: id → (text hash, terms)) for this analyser."""
    existing = _existing(session, MatchTerms, kind, list(terms))
    version = analyser_version()
    for listing_id, (text_hash, listing_terms) in terms.items():
        row = existing.get(listing_id) or MatchTerms(kind=kind, listing_id=listing_id)
        row.analyser, row.text_hash, row.terms = version, text_hash, listing_terms.encoded()
        session.add(row)


def _existing(session: Session, model: Any, kind: Kind, ids: list[int], *conditions: Any) -> dict[int, Any]:
    found = {}
    for chunk in chunks(ids):
        query = select(model).where(model.kind == kind, model.listing_id.in_(chunk), *conditions)
        found.update({row.listing_id: row for row in session.scalars(query)})
    return found
