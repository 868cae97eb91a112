"""An SME's smart-factory need: what it wants built, with what budget, where and when."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace import reference
from marketplace.db import Base, enum_type
from marketplace.listings.row import ListingRow, browse_index
from marketplace.search import keep_search_text
from marketplace.transitions import Move, StateMachine


class NeedStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


NEED_MOVES = StateMachine(
    [
        Move("publish", (NeedStatus.DRAFT,), NeedStatus.OPEN),
        Move("start", (NeedStatus.OPEN,), NeedStatus.IN_PROGRESS),
        Move("close", (NeedStatus.OPEN, NeedStatus.IN_PROGRESS), NeedStatus.CLOSED),
        Move("withdraw", (NeedStatus.DRAFT, NeedStatus.OPEN), NeedStatus.WITHDRAWN),
    ]
)


class Need(ListingRow, Base):
    __tablename__ = "needs"
    __table_args__ = (CheckConstraint("budget_krw > 0", name="budget_positive"), browse_index("needs"))

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(30), index=True)
    funding_tier: Mapped[str] = mapped_column(String(20))
    budget_krw: Mapped[int] = mapped_column(BigInteger)
    region: Mapped[str] = mapped_column(String(20), index=True)
    industrial_complex: Mapped[str | None] = mapped_column(String(30))
    desired_start: Mapped[date | None]
    status: Mapped[NeedStatus] = mapped_column(enum_type(NeedStatus, "need_status"), default=NeedStatus.DRAFT)


def _searchable(need: Need) -> list[str | None]:
    # Labels in both languages, so "시화" and "Sihwa" or "비전검사" and "vision" all find the need.
    return [
        need.title,
        need.description,
        *reference.bilingual_labels("solution_categories", [need.category]),
        *reference.bilingual_labels("regions", [need.region]),
        *reference.bilingual_labels("industrial_complexes", [need.industrial_complex]),
    ]


keep_search_text(Need, _searchable)
