"""Interest between the sides of the market, and the in-app notifications it causes."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Base, enum_type, utcnow
from marketplace.transitions import Move, StateMachine

if TYPE_CHECKING:
    from marketplace.auth.models import User
    from marketplace.organisations.models import Organisation


class TargetType(enum.StrEnum):
    NEED = "need"
    SOLUTION = "solution"
    PROGRAMME = "programme"


class InterestStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


INTEREST_MOVES = StateMachine(
    [
        Move("accept", (InterestStatus.PENDING,), InterestStatus.ACCEPTED),
        Move("decline", (InterestStatus.PENDING,), InterestStatus.DECLINED),
    ]
)


class Interest(Base):
    __tablename__ = "interests"
    # One interest per sender and listing: asking twice is a conflict, not a second row.
    __table_args__ = (UniqueConstraint("sender_id", "target_type", "target_id", name="one_per_sender_and_target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # None when the sender is an individual (a mentor).
    sender_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    recipient_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    target_type: Mapped[TargetType] = mapped_column(enum_type(TargetType, "interest_target_type"))
    target_id: Mapped[int]
    target_title: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(String(1000))
    status: Mapped[InterestStatus] = mapped_column(
        enum_type(InterestStatus, "interest_status"), default=InterestStatus.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    sender: Mapped[User] = relationship(foreign_keys=[sender_id])
    sender_organisation: Mapped[Organisation | None] = relationship(foreign_keys=[sender_organisation_id])
    recipient_organisation: Mapped[Organisation] = relationship(foreign_keys=[recipient_organisation_id])

    @property
    def sender_name(self) -> str:
        return self.sender.display_name

    @property
    def recipient_organisation_name(self) -> str:
        return self.recipient_organisation.name
