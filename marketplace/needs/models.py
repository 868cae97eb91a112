"""An SME's smart-factory need: what it wants built, with what budget, where and when."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace import reference
from marketplace.db import Base, enum_type, utcnow
from marketplace.search import keep_search_text
from marketplace.transitions import Move, StateMachine

if TYPE_CHECKING:
    from marketplace.organisations.models import Organisation


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


class Need(Base):
    __tablename__ = "needs"
    __table_args__ = (CheckConstraint("budget_krw > 0", name="budget_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(30), index=True)
    funding_tier: Mapped[str] = mapped_column(String(20))
    budget_krw: Mapped[int] = mapped_column(BigInteger)
    region: Mapped[str] = mapped_column(String(20), index=True)
    industrial_complex: Mapped[str | None] = mapped_column(String(30))
    desired_start: Mapped[date | None]
    status: Mapped[NeedStatus] = mapped_column(enum_type(NeedStatus, "need_status"), default=NeedStatus.DRAFT)
    # Lower-cased title + description + category labels with all spaces removed (search.py).
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Indexed: every sync of the match index reads the rows changed since its last one.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    organisation: Mapped[Organisation] = relationship()

    @property
    def owner_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def organisation_name(self) -> str:
        return self.organisation.name


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
