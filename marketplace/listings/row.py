"""The columns every listing table has: who posted it, its search text, when it was written."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from marketplace.db import utcnow

if TYPE_CHECKING:
    from marketplace.organisations.models import Organisation


def browse_index(table: str) -> Index:
    """Every search and browse filters by status and shows the newest first: with this index the
    passing ids are read from the index alone, and a first page is read without sorting the table."""
    return Index(f"ix_{table}_status_created_at", "status", "created_at")


class ListingRow:
    """Mixed into Need, Solution and SponsorProgramme (each declares its own status and fields)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Lower-cased text and bilingual labels with all spaces removed (marketplace.search).
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Indexed: every sync of the match index reads the rows changed since its last one.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    @declared_attr
    def organisation(cls) -> Mapped[Organisation]:
        return relationship("Organisation")

    @property
    def owner_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def organisation_name(self) -> str:
        return self.organisation.name
