"""A sponsor firm's co-investment programme: a pledged pool, a per-project cap, a focus."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from funds.models.ledger import LedgerAccount  # noqa: F401  (named in pool_account's join)
from marketplace import reference
from marketplace.db import Base, CodeSet, enum_type
from marketplace.listings.row import ListingRow, browse_index
from marketplace.search import keep_search_text
from marketplace.transitions import Move, StateMachine

# Each focus list and the reference table its codes come from; an empty list means "any".
FOCUS_TABLES = {
    "focus_categories": "solution_categories",
    "focus_industries": "ksic_divisions",
    "focus_regions": "regions",
    "focus_tiers": "funding_tiers",
}


class ProgrammeStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


PROGRAMME_MOVES = StateMachine(
    [
        Move("open", (ProgrammeStatus.DRAFT, ProgrammeStatus.CLOSED), ProgrammeStatus.OPEN),
        Move("close", (ProgrammeStatus.OPEN,), ProgrammeStatus.CLOSED),
    ]
)


class SponsorProgramme(ListingRow, Base):
    __tablename__ = "sponsor_programmes"
    __table_args__ = (
        CheckConstraint("pledged_pool_krw > 0", name="pool_positive"),
        CheckConstraint("per_project_cap_krw > 0 AND per_project_cap_krw <= pledged_pool_krw", name="cap_in_pool"),
        CheckConstraint("sponsor_share_percent BETWEEN 1 AND 100", name="share_is_percent"),
        CheckConstraint("applications_open_on <= applications_close_on", name="window_ordered"),
        browse_index("sponsor_programmes"),
    )

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    pledged_pool_krw: Mapped[int] = mapped_column(BigInteger)
    per_project_cap_krw: Mapped[int] = mapped_column(BigInteger)
    # The sponsor's share of a project's cost, in whole percent (SPEC: at least 30 % on type 1).
    sponsor_share_percent: Mapped[int]
    focus_categories: Mapped[list[str]] = mapped_column(CodeSet)
    focus_industries: Mapped[list[str]] = mapped_column(CodeSet)
    focus_regions: Mapped[list[str]] = mapped_column(CodeSet)
    focus_tiers: Mapped[list[str]] = mapped_column(CodeSet)
    applications_open_on: Mapped[date]
    applications_close_on: Mapped[date]
    offers_mentoring: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ProgrammeStatus] = mapped_column(
        enum_type(ProgrammeStatus, "programme_status"), default=ProgrammeStatus.DRAFT
    )

    # The ledger's account of the pool not yet committed (funds.ledger writes it; read-only here).
    pool_account: Mapped[LedgerAccount | None] = relationship(
        primaryjoin=(
            "and_(foreign(LedgerAccount.owner_id) == SponsorProgramme.id, LedgerAccount.kind == 'sponsor_pool')"
        ),
        viewonly=True,
        uselist=False,
    )

    @property
    def remaining_krw(self) -> int:
        """The pledged pool not yet committed to projects (all of it before the ledger has seen a commitment)."""
        return self.pool_account.balance_krw if self.pool_account is not None else self.pledged_pool_krw

    # Listings share one vocabulary: a programme's title is its name. A synonym (not a property)
    # so that search.py can use `model.title` in SQL as it does for needs and solutions.
    title: Mapped[str] = synonym("name")


def _searchable(programme: SponsorProgramme) -> list[str | None]:
    # Focus labels in both languages, so "에너지" or "energy" finds a programme focused on FEMS.
    labels = [
        label
        for field, table in FOCUS_TABLES.items()
        for label in reference.bilingual_labels(table, getattr(programme, field) or [])
    ]
    return [programme.name, programme.description, *labels]


keep_search_text(SponsorProgramme, _searchable)
