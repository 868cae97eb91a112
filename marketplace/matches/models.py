"""What the worker stores per listing for matching: its vector per model, and its analysed terms.
Both are kept until the listing's text (or the model, or the analyser) changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.db import Base, enum_type, utcnow
from matching.kinds import Kind


class StoredForListing:
    """The columns both tables share: which listing, of which text, and when it was stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[Kind] = mapped_column(enum_type(Kind, "match_kind"))
    listing_id: Mapped[int]
    # sha256 of the exact text that was encoded or analysed: a different hash means it is stale.
    text_hash: Mapped[str] = mapped_column(String(64))
    # Indexed: every sync of the match index reads the rows stored since its last one.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)


class MatchVector(StoredForListing, Base):
    __tablename__ = "match_vectors"
    __table_args__ = (UniqueConstraint("kind", "listing_id", "model"),)

    model: Mapped[str] = mapped_column(String(200))
    # Normalised float32, little-endian; the model fixes the length.
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class MatchTerms(StoredForListing, Base):
    """A listing's analysed search terms (matching.analysis), stored by the worker beside its vector so
    that no web process analyses a stored listing."""

    __tablename__ = "match_terms"
    __table_args__ = (UniqueConstraint("kind", "listing_id"),)

    # matching.analysis.analyser_version() of the analysis: another version means the terms are stale.
    analyser: Mapped[str] = mapped_column(String(100))
    # Terms.encoded(): every term of the four fields, in order.
    terms: Mapped[str] = mapped_column(Text)
