"""A training course, its sessions, the learners enrolled (or waiting) and their attendance."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Base, enum_type, utcnow
from marketplace.transitions import Move, StateMachine

if TYPE_CHECKING:
    from marketplace.auth.models import User
    from marketplace.organisations.models import Organisation

# A learner completes with attendance at this share of the course's sessions or more (rounded up: 4 of 5,
# 8 of 10, 1 of 1). docs/training.md states the rule.
COMPLETION_PERCENT = 80


class CourseStatus(enum.StrEnum):
    OPEN = "open"  # taking enrolments
    CLOSED = "closed"  # enrolment closed; sessions and attendance go on
    CANCELLED = "cancelled"


C = CourseStatus
# The organiser closes enrolment, opens it again, or cancels the course.
COURSE_MOVES = StateMachine(
    [
        Move("close", (C.OPEN,), C.CLOSED),
        Move("reopen", (C.CLOSED,), C.OPEN),
        Move("cancel", (C.OPEN, C.CLOSED), C.CANCELLED),
    ]
)


class EnrolmentStatus(enum.StrEnum):
    WAITING = "waiting"  # on the waiting list (the course was full)
    ENROLLED = "enrolled"  # holds a seat
    COMPLETED = "completed"  # attended enough sessions; holds its seat; has a certificate
    CANCELLED = "cancelled"


E = EnrolmentStatus
# The states that hold one of the course's seats (Course.seats_taken counts them).
HOLDS_A_SEAT = (E.ENROLLED, E.COMPLETED)


class Side(enum.StrEnum):
    """Who acts on an enrolment: the learner's SME, the course's organiser, or the rules (attendance, a seat)."""

    SME = "sme"
    ORGANISER = "organiser"
    RULES = "rules"


ENROLMENT_MOVES = StateMachine(
    [
        Move("promote", (E.WAITING,), E.ENROLLED),
        Move("complete", (E.ENROLLED,), E.COMPLETED),
        Move("reopen", (E.COMPLETED,), E.ENROLLED),  # attendance corrected below the rule
        Move("cancel", (E.WAITING, E.ENROLLED), E.CANCELLED),
    ],
    {
        "promote": (Side.RULES,),
        "complete": (Side.RULES,),
        "reopen": (Side.RULES,),
        "cancel": (Side.SME, Side.ORGANISER),
    },
)


class Course(Base):
    __tablename__ = "courses"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity_positive"),
        # The seat counter never passes the capacity: the database refuses what a bug would let through.
        CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="seats_within_capacity"),
        CheckConstraint("fee_krw >= 0", name="fee_not_negative"),
        CheckConstraint("online OR place IS NOT NULL", name="place_or_online"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)  # the organiser
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(30), index=True)  # reference: training_topics
    level: Mapped[str] = mapped_column(String(20))  # reference: training_levels
    audience: Mapped[str] = mapped_column(String(10))  # reference: training_audiences
    online: Mapped[bool] = mapped_column(default=False)
    place: Mapped[str | None] = mapped_column(String(300))  # an address; None only online
    # The industrial complex the course serves (and is held in, when it has a place there); optional.
    industrial_complex: Mapped[str | None] = mapped_column(String(30), index=True)
    capacity: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0)
    fee_krw: Mapped[int] = mapped_column(BigInteger, default=0)  # 0: free
    status: Mapped[CourseStatus] = mapped_column(
        enum_type(CourseStatus, "course_status"), default=CourseStatus.OPEN, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    sessions: Mapped[list[CourseSession]] = relationship(
        back_populates="course",
        order_by=lambda: [CourseSession.day, CourseSession.starts],
        cascade="all, delete-orphan",
    )

    @property
    def owner_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.seats_taken)

    @property
    def free(self) -> bool:
        return self.fee_krw == 0

    @property
    def first_day(self) -> date | None:
        return self.sessions[0].day if self.sessions else None

    @property
    def sessions_to_complete(self) -> int:
        """How many sessions a learner must attend to complete (COMPLETION_PERCENT of them, rounded up)."""
        return sessions_to_complete(len(self.sessions))


def sessions_to_complete(sessions: int) -> int:
    return -(-sessions * COMPLETION_PERCENT // 100)


class CourseSession(Base):
    __tablename__ = "course_sessions"
    __table_args__ = (CheckConstraint("starts < ends", name="starts_before_ends"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    starts: Mapped[time]
    ends: Mapped[time]

    course: Mapped[Course] = relationship(back_populates="sessions")


class Enrolment(Base):
    """One learner of an SME on one course: a seat, or a place on the waiting list (in id order)."""

    __tablename__ = "enrolments"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)  # the learner's SME
    enrolled_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    learner_name: Mapped[str] = mapped_column(String(120))
    learner_role: Mapped[str] = mapped_column(String(120), default="")
    learner_email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[EnrolmentStatus] = mapped_column(enum_type(EnrolmentStatus, "enrolment_status"), index=True)
    completed_on: Mapped[date | None]
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    course: Mapped[Course] = relationship()
    organisation: Mapped[Organisation] = relationship()
    enrolled_by: Mapped[User] = relationship()
    attendance: Mapped[list[Attendance]] = relationship(back_populates="enrolment", cascade="all, delete-orphan")

    @property
    def owner_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def sessions_attended(self) -> int:
        return sum(1 for mark in self.attendance if mark.present)

    @property
    def certificate_number(self) -> str:
        return f"SS-TR-{self.course_id:05d}-{self.id:06d}"


class Attendance(Base):
    """Whether a learner was at one session, as the organiser recorded it."""

    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("enrolment_id", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("course_sessions.id", ondelete="CASCADE"), index=True)
    present: Mapped[bool]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    enrolment: Mapped[Enrolment] = relationship(back_populates="attendance")
