"""Stored vectors: read the ones still valid for a text, write new ones (float32, little-endian)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

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
                found[listing_id] = as_vector(blob)
    return found


def as_vector(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


def vectors_changed_since(
    session: Session, model: str, since: datetime, seen: Mapping[tuple[Kind, int], datetime]
) -> list[tuple[Kind, int, str, np.ndarray, datetime]]:
    """The vectors of `model` stored after `since` and not in `seen` at that version, as (kind, listing id,
    text hash, vector, stored at). The blobs are read only for those (the check itself reads no blob)."""
    recent = session.execute(
        select(MatchVector.id, MatchVector.kind, MatchVector.listing_id, MatchVector.updated_at).where(
            MatchVector.model == model, MatchVector.updated_at > since
        )
    )
    new = [row.id for row in recent if seen.get((row.kind, row.listing_id)) != row.updated_at]
    found = []
    for start in range(0, len(new), 500):
        rows = session.execute(
            select(MatchVector.kind, MatchVector.listing_id, MatchVector.text_hash, MatchVector.vector,
                   MatchVector.updated_at).where(MatchVector.id.in_(new[start : start + 500]))
        )  # fmt: skip
        found += [(kind, listing_id, hash_, as_vector(blob), at) for kind, listing_id, hash_, blob, at in rows]
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
