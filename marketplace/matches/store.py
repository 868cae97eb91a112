"""Stored vectors: read the ones still valid for a text, write new ones (float32, little-endian)."""

from __future__ import annotations

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.matches.models import MatchVector
from matching.kinds import Kind


def stored_vectors(session: Session, kind: Kind, model: str, hashes: dict[int, str]) -> dict[int, np.ndarray]:
    """The stored vector of each listing whose text hash still matches (`hashes`: id → hash)."""
    found: dict[int, np.ndarray] = {}
    ids = list(hashes)
    for start in range(0, len(ids), 500):  # stay under every database's parameter limit
        rows = session.execute(
            select(MatchVector.listing_id, MatchVector.text_hash, MatchVector.vector).where(
                MatchVector.kind == kind,
                MatchVector.model == model,
                MatchVector.listing_id.in_(ids[start : start + 500]),
            )
        )
        for listing_id, text_hash, blob in rows:
            if hashes.get(listing_id) == text_hash:
                found[listing_id] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
    return found


def save_vectors(session: Session, kind: Kind, model: str, vectors: dict[int, tuple[str, np.ndarray]]) -> None:
    """Insert or replace the vectors of listings (`vectors`: id → (text hash, vector))."""
    existing = {
        row.listing_id: row
        for row in session.scalars(
            select(MatchVector).where(
                MatchVector.kind == kind, MatchVector.model == model, MatchVector.listing_id.in_(list(vectors))
            )
        )
    }
    for listing_id, (text_hash, vector) in vectors.items():
        row = existing.get(listing_id) or MatchVector(kind=kind, listing_id=listing_id, model=model)
        row.text_hash = text_hash
        row.vector = vector.astype("<f4").tobytes()
        session.add(row)
