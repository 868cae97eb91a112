"""A course's seats under concurrent enrolments and cancellations: never more learners seated than its capacity.

`Course.seats_taken` counts the enrolments that hold a seat (enrolled or completed). Every change to it first
locks the course's row (`lock_course`): on PostgreSQL `SELECT … FOR UPDATE` makes a second enrolment or
cancellation of the same course wait until the first commits, so "is a seat free?" and "who waits first?" are
answered on committed values; SQLite has no row locks but lets one transaction write at a time (a writing
request takes the write lock with its first statement, ADR 0002). The seat is then taken by one checked
conditional UPDATE (`seats_taken = seats_taken + 1 WHERE seats_taken < capacity`) whose row count says whether
it was free, so even a caller that forgot the lock could not over-fill the course; a CHECK constraint
(`seats_taken <= capacity`) backs both. tests/training/test_seat_concurrency.py sends 100 enrolments at once
on both databases.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from marketplace.training.models import Course, CourseStatus, Enrolment, EnrolmentStatus


def lock_course(session: Session, course_id: int) -> Course | None:
    """The course, its row locked until the transaction ends (PostgreSQL; SQLite holds the write lock already)."""
    statement = select(Course).where(Course.id == course_id).with_for_update().execution_options(populate_existing=True)
    return session.scalars(statement).first()


def claim_seat(session: Session, course: Course) -> bool:
    """Take one of the course's seats if one is free and the course is open: True; False means the learner waits."""
    result = session.execute(
        update(Course)
        .where(Course.id == course.id, Course.status == CourseStatus.OPEN, Course.seats_taken < Course.capacity)
        .values(seats_taken=Course.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    session.expire(course, ["seats_taken"])
    return result.rowcount == 1  # type: ignore[attr-defined]


def release_seat(session: Session, course: Course) -> None:
    session.execute(
        update(Course)
        .where(Course.id == course.id, Course.seats_taken > 0)
        .values(seats_taken=Course.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
    session.expire(course, ["seats_taken"])


def pass_seat_on(session: Session, course: Course) -> Enrolment | None:
    """A freed seat goes to the first learner on the waiting list (the seat count stays), or back to the course."""
    while True:
        first = session.scalar(
            select(Enrolment.id)
            .where(Enrolment.course_id == course.id, Enrolment.status == EnrolmentStatus.WAITING)
            .order_by(Enrolment.id)
            .limit(1)
        )
        if first is None:
            release_seat(session, course)
            return None
        promoted = session.execute(
            update(Enrolment)
            .where(Enrolment.id == first, Enrolment.status == EnrolmentStatus.WAITING)
            .values(status=EnrolmentStatus.ENROLLED)
            .execution_options(synchronize_session=False)
        )
        if promoted.rowcount == 1:  # type: ignore[attr-defined]
            enrolment = session.get(Enrolment, first)
            if enrolment is not None:
                session.refresh(enrolment, ["status"])
            return enrolment
        # That learner stopped waiting meanwhile (cancelled): the next one gets the seat.
