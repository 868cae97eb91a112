"""Stored embeddings: one vector per listing and model, kept until the listing's text changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.db import Base, enum_type, utcnow
from matching.kinds import Kind


class MatchVector(Base):
    __tablename__ = "match_vectors"
    __table_args__ = (UniqueConstraint("kind", "listing_id", "model"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[Kind] = mapped_column(enum_type(Kind, "match_kind"))
    listing_id: Mapped[int]
    model: Mapped[str] = mapped_column(String(200))
    # sha256 of the exact text that was encoded: a different hash means the vector is stale.
    text_hash: Mapped[str] = mapped_column(String(64))
    # Normalised float32, little-endian; the model fixes the length.
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
