"""Training in figures, for the features that report it (a complex's page, a sponsor's shared-growth evidence).

`training_figures` counts courses, their sessions, the learners enrolled (seated: enrolled or completed) and those
who completed; `training_by_sme` gives the same learners per SME. Both read committed rows only and may be
narrowed to an organiser, to courses serving some industrial complexes, and to a calendar year (of the course's
first session).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session, selectinload

from marketplace.organisations.models import Organisation
from marketplace.training.models import HOLDS_A_SEAT, Course, CourseSession, CourseStatus, Enrolment, EnrolmentStatus


@dataclass(frozen=True)
class TrainingFigures:
    courses: int
    sessions: int
    learners_enrolled: int  # seated learners (enrolled or completed)
    learners_completed: int


@dataclass(frozen=True)
class SmeTraining:
    organisation_id: int
    name: str
    learners_enrolled: int
    learners_completed: int


def _courses(
    organiser_id: int | None, complex_codes: Iterable[str] | None, year: int | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Course.status != CourseStatus.CANCELLED]
    if organiser_id is not None:
        conditions.append(Course.organisation_id == organiser_id)
    if complex_codes is not None:
        conditions.append(Course.industrial_complex.in_(list(complex_codes)))
    if year is not None:
        first_day = select(func.min(CourseSession.day)).where(CourseSession.course_id == Course.id).scalar_subquery()
        conditions.append(first_day.between(date(year, 1, 1), date(year, 12, 31)))
    return conditions


def training_figures(
    session: Session,
    organiser_id: int | None = None,
    complex_codes: Iterable[str] | None = None,
    year: int | None = None,
) -> TrainingFigures:
    """Courses (not cancelled), sessions, learners enrolled and completed."""
    course_ids = select(Course.id).where(*_courses(organiser_id, complex_codes, year))
    courses = session.scalar(select(func.count()).select_from(course_ids.subquery())) or 0
    sessions = session.scalar(select(func.count(CourseSession.id)).where(CourseSession.course_id.in_(course_ids)))
    enrolled, completed = session.execute(
        select(
            func.count(Enrolment.id),
            func.coalesce(func.sum(case((Enrolment.status == EnrolmentStatus.COMPLETED, 1), else_=0)), 0),
        ).where(Enrolment.course_id.in_(course_ids), Enrolment.status.in_(HOLDS_A_SEAT))
    ).one()
    return TrainingFigures(courses, sessions or 0, int(enrolled), int(completed))


def courses_of(
    session: Session,
    organiser_id: int | None = None,
    complex_codes: Iterable[str] | None = None,
    year: int | None = None,
) -> list[Course]:
    """The courses `training_figures` counts, in id order, their sessions loaded."""
    statement = select(Course).where(*_courses(organiser_id, complex_codes, year)).order_by(Course.id)
    return list(session.scalars(statement.options(selectinload(Course.sessions))))


def seated(session: Session, course_ids: Iterable[int]) -> list[Enrolment]:
    """The learners `training_figures` counts (enrolled or completed) on these courses, with their SMEs."""
    statement = (
        select(Enrolment)
        .where(Enrolment.course_id.in_(list(course_ids)), Enrolment.status.in_(HOLDS_A_SEAT))
        .options(selectinload(Enrolment.organisation))
        .order_by(Enrolment.course_id, Enrolment.id)
    )
    return list(session.scalars(statement))


def training_by_sme(
    session: Session,
    organiser_id: int | None = None,
    complex_codes: Iterable[str] | None = None,
    year: int | None = None,
) -> list[SmeTraining]:
    """The same learners per SME, most learners first."""
    course_ids = select(Course.id).where(*_courses(organiser_id, complex_codes, year))
    completed = func.coalesce(func.sum(case((Enrolment.status == EnrolmentStatus.COMPLETED, 1), else_=0)), 0)
    rows = session.execute(
        select(Organisation.id, Organisation.name, func.count(Enrolment.id), completed)
        .join(Enrolment, Enrolment.organisation_id == Organisation.id)
        .where(Enrolment.course_id.in_(course_ids), Enrolment.status.in_(HOLDS_A_SEAT))
        .group_by(Organisation.id, Organisation.name)
        .order_by(func.count(Enrolment.id).desc(), Organisation.id)
    )
    return [SmeTraining(org_id, name, int(enrolled), int(done)) for org_id, name, enrolled, done in rows]
