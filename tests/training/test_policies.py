"""The training policies as one table each (tests/policy_grid.py): who sees, manages and enrols on a course;
who sees, cancels an enrolment and downloads its certificate; and the SQL twin agrees with `can`."""

from __future__ import annotations

from datetime import date, time

import pytest

from marketplace.auth.models import Role
from marketplace.policy import can
from marketplace.training.models import Course, CourseSession, CourseStatus, Enrolment, EnrolmentStatus
from tests.factories import make_organisation
from tests.policy_grid import assert_twin_agrees, grid, quick_user

# Column order (tests/policy_grid.py): anonymous | sme own, other | sponsor own, other | supplier own, other
#                                     | mentor | officer | admin
# A course is "own" to its organiser's users; an enrolment is "own" to its SME's users and its organiser's.
COURSES = grid("""
view           | 1  - 1  1 1  1 1  1 1 1
manage         | 0  - 0  1 0  1 0  0 0 1
enrol          | 0  - 1  0 0  0 0  0 0 0
see_enrolments | 0  - 0  1 0  1 0  0 1 1
""")
ENROLMENTS = grid("""
view                 | 0  1 0  1 0  1 0  0 1 1
cancel               | 0  1 0  1 0  1 0  0 0 1
download_certificate | 0  1 0  1 0  1 0  0 0 0
""")


def course_of(db_session, organiser_id: int, author_id: int) -> Course:
    course = Course(
        organisation_id=organiser_id,
        author_id=author_id,
        title="AI 데이터 분석 실무",
        description="실습",
        topic="ai",
        level="stage1",
        audience="staff",
        online=True,
        capacity=10,
        seats_taken=1,
        fee_krw=0,
        status=CourseStatus.OPEN,
    )
    course.sessions.append(CourseSession(day=date(2027, 3, 10), starts=time(14), ends=time(17)))
    db_session.add(course)
    db_session.flush()
    return course


def world(db_session, role, ownership):
    actor = None if role is None else quick_user(db_session, role)
    organiser = quick_user(db_session, Role.SPONSOR)
    mine = actor is not None and ownership == "own"
    organiser_id = (
        actor.organisation_id if mine and role in (Role.SPONSOR, Role.SUPPLIER) else organiser.organisation_id
    )
    sme_id = actor.organisation_id if mine and role == Role.SME else make_organisation(db_session).id
    return actor, course_of(db_session, organiser_id, organiser.id), sme_id, organiser


@pytest.mark.parametrize(("action", "role", "ownership", "allowed"), COURSES)
def test_course_policy(db_session, action, role, ownership, allowed):
    actor, course, _sme, _organiser = world(db_session, role, ownership)
    assert can(actor, action, course) is allowed


@pytest.mark.parametrize(("action", "role", "ownership", "allowed"), ENROLMENTS)
def test_enrolment_policy(db_session, action, role, ownership, allowed):
    actor, course, sme_id, organiser = world(db_session, role, ownership)
    status = EnrolmentStatus.COMPLETED if action == "download_certificate" else EnrolmentStatus.ENROLLED
    enrolment = Enrolment(
        course_id=course.id,
        organisation_id=sme_id,
        enrolled_by_id=organiser.id,
        learner_name="김하늘",
        learner_role="",
        status=status,
    )
    db_session.add(enrolment)
    db_session.flush()
    assert can(actor, action, enrolment) is allowed
    assert_twin_agrees(db_session, actor, Enrolment)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (None, False),
        (Role.SME, False),
        (Role.SPONSOR, True),  # complex operators among them
        (Role.SUPPLIER, True),
        (Role.MENTOR, False),
        (Role.OFFICER, False),
        (Role.ADMIN, False),
    ],
)
def test_who_publishes_courses(db_session, role, allowed):
    actor = None if role is None else quick_user(db_session, role)
    assert can(actor, "create", Course) is allowed
