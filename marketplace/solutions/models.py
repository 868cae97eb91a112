"""A supplier's solution: what it sells, for how much, for which tiers and regions."""

from __future__ import annotations

import enum

from sqlalchemy import BigInteger, CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace import reference
from marketplace.db import Base, CodeSet, enum_type
from marketplace.listings.row import ListingRow, browse_index
from marketplace.search import keep_search_text
from marketplace.transitions import Move, StateMachine


class SolutionStatus(enum.StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


SOLUTION_MOVES = StateMachine(
    [
        Move("archive", (SolutionStatus.ACTIVE,), SolutionStatus.ARCHIVED),
        Move("activate", (SolutionStatus.ARCHIVED,), SolutionStatus.ACTIVE),
    ]
)


class Solution(ListingRow, Base):
    __tablename__ = "solutions"
    __table_args__ = (
        CheckConstraint("price_min_krw > 0", name="price_min_positive"),
        CheckConstraint("price_max_krw >= price_min_krw", name="price_range_ordered"),
        CheckConstraint("installations >= 0", name="installations_not_negative"),
        browse_index("solutions"),
    )

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    categories: Mapped[list[str]] = mapped_column(CodeSet)
    price_min_krw: Mapped[int] = mapped_column(BigInteger)
    price_max_krw: Mapped[int] = mapped_column(BigInteger)
    funding_tiers: Mapped[list[str]] = mapped_column(CodeSet)
    # Empty: the supplier serves the whole country.
    regions_served: Mapped[list[str]] = mapped_column(CodeSet)
    installations: Mapped[int] = mapped_column(default=0)
    notable_customers: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[SolutionStatus] = mapped_column(
        enum_type(SolutionStatus, "solution_status"), default=SolutionStatus.ACTIVE
    )


def _searchable(solution: Solution) -> list[str | None]:
    # Labels in both languages, so "비전검사" and "vision" or "경기" and "Gyeonggi" all find it.
    return [
        solution.title,
        solution.description,
        solution.notable_customers,
        *reference.bilingual_labels("solution_categories", solution.categories or []),
        *reference.bilingual_labels("regions", solution.regions_served or []),
    ]


# Registered here rather than in models.py (owned elsewhere); the app imports this module
# through solutions.views, so the listener is in place before any request writes a solution.
keep_search_text(Solution, _searchable)
