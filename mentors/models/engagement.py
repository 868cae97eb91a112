"""An engagement: a mentor coaching an SME on one need for 3–6 months, with its history, logs and ratings."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.dates import add_months
from marketplace.db import Base, enum_type, utcnow
from marketplace.transitions import Move, StateMachine
from mentors.models.profile import MentorProfile

if TYPE_CHECKING:
    from marketplace.auth.models import User
    from marketplace.needs.models import Need
    from marketplace.organisations.models import Organisation

MIN_MONTHS, MAX_MONTHS = 3, 6  # SPEC: an engagement's planned length


class EngagementStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    DECLINED = "declined"
    CANCELLED = "cancelled"


S = EngagementStatus
# The states that take one of the mentor's slots (capacity); a paused engagement gives its slot back.
HOLDS_A_SLOT = (S.ACCEPTED, S.ACTIVE)
# Not yet ended: at most one of these per mentor and need.
LIVE_STATES = (S.PROPOSED, S.ACCEPTED, S.ACTIVE, S.PAUSED)


class Party(enum.StrEnum):
    """The sides of an engagement: the mentor, the SME whose need it is, the sponsor that proposed it."""

    MENTOR = "mentor"
    SME = "sme"
    SPONSOR = "sponsor"


# Who may take each action (the state machine says from which states).
ENGAGEMENT_ACTORS = {
    "accept": (Party.MENTOR,),
    "decline": (Party.MENTOR,),
    "start": (Party.MENTOR, Party.SME),
    "pause": (Party.MENTOR, Party.SME),
    "resume": (Party.MENTOR, Party.SME),
    "complete": (Party.MENTOR, Party.SME),
    "cancel": (Party.MENTOR, Party.SME, Party.SPONSOR),
}
ENGAGEMENT_MOVES = StateMachine(
    [
        Move("accept", (S.PROPOSED,), S.ACCEPTED),
        Move("decline", (S.PROPOSED,), S.DECLINED),
        Move("start", (S.ACCEPTED,), S.ACTIVE),
        Move("pause", (S.ACTIVE,), S.PAUSED),
        Move("resume", (S.PAUSED,), S.ACTIVE),
        Move("complete", (S.ACTIVE, S.PAUSED), S.COMPLETED),
        Move("cancel", (S.PROPOSED, S.ACCEPTED, S.ACTIVE, S.PAUSED), S.CANCELLED),
    ],
    ENGAGEMENT_ACTORS,
)


class Engagement(Base):
    __tablename__ = "engagements"
    __table_args__ = (
        CheckConstraint(f"months BETWEEN {MIN_MONTHS} AND {MAX_MONTHS}", name="months_in_range"),
        CheckConstraint("project_id IS NULL OR project_id > 0", name="project_id_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("mentor_profiles.id"), index=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id"), index=True)
    # The SME the need belongs to (denormalised from the need: every permission check reads it).
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The proposer's organisation: the SME itself, or a sponsor for an SME in one of its programmes.
    proposer_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    # The sponsor programme that links a sponsor's proposal to the SME; None for the SME's own proposals.
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("sponsor_programmes.id"))
    # The co-investment project, once projects exist (the funds issue): a plain id, no foreign key yet.
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), index=True)
    start_date: Mapped[date]
    months: Mapped[int]
    message: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[EngagementStatus] = mapped_column(
        enum_type(EngagementStatus, "engagement_status"), default=EngagementStatus.PROPOSED, index=True
    )
    # When it last became active (start or resume): with the last log, the clock of the 35-day flag.
    active_since: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    mentor: Mapped[MentorProfile] = relationship()
    need: Mapped[Need] = relationship()
    organisation: Mapped[Organisation] = relationship(foreign_keys=[organisation_id])
    proposer_organisation: Mapped[Organisation] = relationship(foreign_keys=[proposer_organisation_id])
    proposed_by: Mapped[User] = relationship(foreign_keys=[proposed_by_id])
    events: Mapped[list[EngagementEvent]] = relationship(
        back_populates="engagement", order_by="EngagementEvent.id", cascade="all, delete-orphan"
    )
    logs: Mapped[list[EngagementLog]] = relationship(
        back_populates="engagement", order_by="EngagementLog.log_date", cascade="all, delete-orphan"
    )
    ratings: Mapped[list[EngagementRating]] = relationship(
        back_populates="engagement", order_by="EngagementRating.id", cascade="all, delete-orphan"
    )

    @classmethod
    def for_need(cls, mentor: MentorProfile, need: Need, proposer: User, **fields: object) -> Engagement:
        """An engagement of `mentor` on `need`, proposed by `proposer` for their organisation."""
        return cls(
            mentor=mentor,
            need=need,
            organisation_id=need.organisation_id,
            proposed_by_id=proposer.id,
            proposer_organisation_id=proposer.organisation_id,
            **fields,
        )

    @property
    def planned_end(self) -> date:
        return add_months(self.start_date, self.months)

    @property
    def title(self) -> str:
        return f"{self.mentor.display_name} · {self.need.title}"


class EngagementEvent(Base):
    """One transition: who moved the engagement, from what to what, when, and why."""

    __tablename__ = "engagement_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(String(1000))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    engagement: Mapped[Engagement] = relationship(back_populates="events")
    actor: Mapped[User] = relationship()


class EngagementLog(Base):
    """The mentor's monthly report of a visit; the SME confirms it."""

    __tablename__ = "engagement_logs"
    __table_args__ = (CheckConstraint("hours BETWEEN 1 AND 300", name="hours_in_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    log_date: Mapped[date]
    hours: Mapped[int]  # whole hours on site and remote in the period
    topics: Mapped[str] = mapped_column(Text)
    advice: Mapped[str] = mapped_column(Text)
    next_steps: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    engagement: Mapped[Engagement] = relationship(back_populates="logs")


class RatingSide(enum.StrEnum):
    """Who rates whom: the SME rates the mentor, the mentor rates the SME."""

    OF_MENTOR = "of_mentor"
    OF_SME = "of_sme"


class EngagementRating(Base):
    __tablename__ = "engagement_ratings"
    __table_args__ = (
        UniqueConstraint("engagement_id", "side", name="one_per_side"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    side: Mapped[RatingSide] = mapped_column(enum_type(RatingSide, "rating_side"))
    rater_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    engagement: Mapped[Engagement] = relationship(back_populates="ratings")
