"""Courses: publishing, the waiting list and its promotion, the completion rule, state and permission tables."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.errors import Conflict, Forbidden, ValidationFailed
from marketplace.notifications.models import Notification
from marketplace.policy import can
from marketplace.training import services as training
from marketplace.training.commands import AttendanceIn, LearnerIn
from marketplace.training.figures import training_by_sme, training_figures
from marketplace.training.models import (
    COURSE_MOVES,
    ENROLMENT_MOVES,
    CourseStatus,
    EnrolmentStatus,
    Side,
    sessions_to_complete,
)
from marketplace.transitions import InvalidTransition
from tests.factories import context_of
from tests.training.making import course_command, enrol, publish


def attend(app, db_session, world, course, session_index, present):
    with app.test_request_context():
        done = training.record_attendance(
            db_session,
            context_of(world.organiser.user),
            course,
            course.sessions[session_index],
            AttendanceIn(present=[e.id for e in present]),
        )
    db_session.commit()
    return done


def test_publishing_a_course_opens_it_with_its_sessions(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, sessions=3, fee_krw=50_000)
    assert course.status == CourseStatus.OPEN
    assert [s.starts.strftime("%H:%M") for s in course.sessions] == ["14:00"] * 3
    assert course.organisation_id == world.organiser.user.organisation_id
    assert (course.seats_taken, course.fee_krw, course.free) == (0, 50_000, False)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": " "}, "title"),
        ({"topic": "cooking"}, "topic"),
        ({"audience": "everyone"}, "audience"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 1001}, "capacity"),
        ({"fee_krw": -1}, "fee_krw"),
        ({"online": False, "place": None}, "place"),
        ({"industrial_complex": "atlantis"}, "industrial_complex"),
        ({"sessions": []}, "sessions"),
    ],
)
def test_a_course_with_bad_fields_is_refused_naming_the_field(app, db_session, world, fields, field):
    command = course_command().model_copy(update=fields)
    with app.test_request_context(), pytest.raises(ValidationFailed) as refused:
        training.publish_course(db_session, context_of(world.organiser.user), command)
    assert field in refused.value.fields


def test_a_session_that_ends_before_it_starts_is_refused(app, db_session, world):
    command = course_command()
    command.sessions[0].ends = "13:00"
    with app.test_request_context(headers={"Accept-Language": "en"}), pytest.raises(ValidationFailed) as refused:
        training.publish_course(db_session, context_of(world.organiser.user), command)
    assert refused.value.fields == {"sessions": ["Session 1 ends before it starts."]}


def test_an_online_course_needs_no_place(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, online=True, place=None, industrial_complex=None)
    assert course.online
    assert course.place is None


def test_a_full_course_puts_further_learners_on_the_waiting_list_in_order(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=2)
    first, second = (enrol(app, db_session, world.sme.user, course, name) for name in ("김민준", "이서연"))
    third = enrol(app, db_session, world.other_sme.user, course, "박도윤")
    fourth = enrol(app, db_session, world.sme.user, course, "최지우")
    assert [e.status for e in (first, second, third, fourth)] == ["enrolled", "enrolled", "waiting", "waiting"]
    db_session.refresh(course)
    assert course.seats_taken == 2


def test_cancelling_a_seat_promotes_the_first_waiting_learner_and_tells_their_sme(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=1)
    seated = enrol(app, db_session, world.sme.user, course, "김민준")
    waiting = enrol(app, db_session, world.other_sme.user, course, "박도윤")
    later = enrol(app, db_session, world.sme.user, course, "최지우")
    with app.test_request_context():
        promoted = training.cancel_enrolment(db_session, context_of(world.sme.user), seated)
    db_session.commit()
    assert promoted.id == waiting.id
    db_session.refresh(waiting), db_session.refresh(later), db_session.refresh(course)
    assert (seated.status, waiting.status, later.status) == ("cancelled", "enrolled", "waiting")
    assert course.seats_taken == 1
    told = db_session.scalars(select(Notification).where(Notification.user_id == world.other_sme.user.id)).all()
    assert [n.kind for n in told] == ["course_seat_offered"]
    assert told[0].data == {"learner": "박도윤", "title": course.title}


def test_cancelling_a_seat_with_nobody_waiting_frees_it(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=1)
    seated = enrol(app, db_session, world.sme.user, course, "김민준")
    with app.test_request_context():
        assert training.cancel_enrolment(db_session, context_of(world.organiser.user), seated) is None
    db_session.commit()
    db_session.refresh(course)
    assert course.seats_taken == 0


def test_cancelling_a_waiting_place_frees_no_seat(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=1)
    enrol(app, db_session, world.sme.user, course, "김민준")
    waiting = enrol(app, db_session, world.sme.user, course, "이서연")
    with app.test_request_context():
        assert training.cancel_enrolment(db_session, context_of(world.sme.user), waiting) is None
    db_session.refresh(course)
    assert course.seats_taken == 1


def test_the_same_learner_cannot_be_enrolled_twice(app, db_session, world):
    course = publish(app, db_session, world.organiser.user)
    enrol(app, db_session, world.sme.user, course, "김민준")
    with pytest.raises(ValidationFailed, match="이미 이 과정에 신청되어"):
        enrol(app, db_session, world.sme.user, course, "김민준")


def test_a_closed_course_takes_no_enrolments(app, db_session, world):
    course = publish(app, db_session, world.organiser.user)
    with app.test_request_context():
        training.move_course(db_session, context_of(world.organiser.user), course, "close")
    with pytest.raises(Forbidden):
        enrol(app, db_session, world.sme.user, course, "김민준")


@pytest.mark.parametrize(("sessions", "needed"), [(1, 1), (2, 2), (4, 4), (5, 4), (8, 7), (10, 8), (12, 10)])
def test_the_completion_rule_is_eighty_percent_of_sessions_rounded_up(sessions, needed):
    assert sessions_to_complete(sessions) == needed


def test_a_learner_completes_on_reaching_the_rule_and_a_correction_undoes_it(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, sessions=5, capacity=3)
    keen = enrol(app, db_session, world.sme.user, course, "김민준")
    absent = enrol(app, db_session, world.sme.user, course, "이서연")
    for index in range(3):
        assert attend(app, db_session, world, course, index, [keen, absent]) == []
    assert attend(app, db_session, world, course, 3, [keen]) == [keen]  # 4 of 5
    db_session.refresh(keen), db_session.refresh(absent)
    assert (keen.status, absent.status) == ("completed", "enrolled")
    assert keen.completed_on is not None
    assert keen.sessions_attended == 4
    attend(app, db_session, world, course, 3, [])  # session 4 corrected: keen was not there after all
    db_session.refresh(keen)
    assert (keen.status, keen.completed_on) == ("enrolled", None)


def test_only_seated_learners_can_be_marked_present(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=1)
    enrol(app, db_session, world.sme.user, course, "김민준")
    waiting = enrol(app, db_session, world.sme.user, course, "이서연")
    with app.test_request_context(), pytest.raises(ValidationFailed) as refused:
        attend(app, db_session, world, course, 0, [waiting])
    assert "present" in refused.value.fields


def test_cancelling_a_course_cancels_live_enrolments_and_tells_the_smes(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=1)
    seated = enrol(app, db_session, world.sme.user, course, "김민준")
    waiting = enrol(app, db_session, world.other_sme.user, course, "박도윤")
    with app.test_request_context():
        training.move_course(db_session, context_of(world.organiser.user), course, "cancel")
    db_session.commit()
    db_session.refresh(seated), db_session.refresh(waiting), db_session.refresh(course)
    assert (seated.status, waiting.status, course.seats_taken) == ("cancelled", "cancelled", 0)
    kinds = db_session.scalars(select(Notification.kind).where(Notification.user_id == world.sme.user.id)).all()
    assert kinds == ["course_cancelled"]


@pytest.mark.parametrize(
    ("state", "action", "target"),
    [
        (CourseStatus.OPEN, "close", CourseStatus.CLOSED),
        (CourseStatus.CLOSED, "reopen", CourseStatus.OPEN),
        (CourseStatus.OPEN, "cancel", CourseStatus.CANCELLED),
        (CourseStatus.CLOSED, "cancel", CourseStatus.CANCELLED),
        (CourseStatus.OPEN, "reopen", None),
        (CourseStatus.CANCELLED, "reopen", None),
        (CourseStatus.CANCELLED, "close", None),
        (CourseStatus.CANCELLED, "cancel", None),
    ],
)
def test_course_moves(state, action, target):
    if target is None:
        with pytest.raises(InvalidTransition):
            COURSE_MOVES.target(state, action)
    else:
        assert COURSE_MOVES.target(state, action) == target


E = EnrolmentStatus


@pytest.mark.parametrize(
    ("state", "action", "sides", "outcome"),
    [
        (E.WAITING, "promote", [Side.RULES], E.ENROLLED),
        (E.ENROLLED, "complete", [Side.RULES], E.COMPLETED),
        (E.COMPLETED, "reopen", [Side.RULES], E.ENROLLED),
        (E.WAITING, "cancel", [Side.SME], E.CANCELLED),
        (E.ENROLLED, "cancel", [Side.ORGANISER], E.CANCELLED),
        (E.COMPLETED, "cancel", [Side.SME], InvalidTransition),
        (E.CANCELLED, "cancel", [Side.ORGANISER], InvalidTransition),
        (E.ENROLLED, "complete", [Side.ORGANISER], Forbidden),
        (E.WAITING, "promote", [Side.SME], Forbidden),
        (E.ENROLLED, "cancel", [], Forbidden),
    ],
)
def test_enrolment_moves(state, action, sides, outcome):
    if isinstance(outcome, type):
        with pytest.raises(outcome):
            ENROLMENT_MOVES.target_for(state, action, sides, "no")
    else:
        assert ENROLMENT_MOVES.target_for(state, action, sides, "no") == outcome


def test_another_sme_cannot_cancel_an_enrolment(app, db_session, world):
    course = publish(app, db_session, world.organiser.user)
    enrolment = enrol(app, db_session, world.sme.user, course, "김민준")
    with app.test_request_context(), pytest.raises(Forbidden):
        training.cancel_enrolment(db_session, context_of(world.other_sme.user), enrolment)


@pytest.mark.parametrize(
    ("who", "action", "allowed"),
    [
        ("organiser", "manage", True),
        ("outsider", "manage", False),
        ("sme", "manage", False),
        ("officer", "manage", False),
        ("sme", "enrol", True),
        ("organiser", "enrol", False),
        ("officer", "enrol", False),
        ("anonymous", "view", True),
        ("organiser", "see_enrolments", True),
        ("officer", "see_enrolments", True),
        ("sme", "see_enrolments", False),
    ],
)
def test_course_policy(app, db_session, world, who, action, allowed):
    course = publish(app, db_session, world.organiser.user)
    user = None if who == "anonymous" else getattr(world, who).user
    assert can(user, action, course) is allowed


@pytest.mark.parametrize(
    ("who", "view", "cancel", "certificate"),
    [
        ("sme", True, False, True),  # its own learner, completed: no cancelling a completion
        ("organiser", True, False, True),
        ("other_sme", False, False, False),
        ("outsider", False, False, False),
        ("officer", True, False, False),  # overseers see it, but the certificate is the SME's and organiser's
        ("anonymous", False, False, False),
    ],
)
def test_enrolment_policy_on_a_completed_learner(app, db_session, world, who, view, cancel, certificate):
    course = publish(app, db_session, world.organiser.user, sessions=1)
    enrolment = enrol(app, db_session, world.sme.user, course, "김민준")
    attend(app, db_session, world, course, 0, [enrolment])
    db_session.refresh(enrolment)
    user = None if who == "anonymous" else getattr(world, who).user
    assert (can(user, "view", enrolment), can(user, "cancel", enrolment)) == (view, cancel)
    assert can(user, "download_certificate", enrolment) is certificate
    from marketplace.policy import visible
    from marketplace.training.models import Enrolment

    listed = db_session.scalars(select(Enrolment.id).where(visible(user, Enrolment), Enrolment.id == enrolment.id))
    assert (enrolment.id in listed.all()) is view


@pytest.mark.parametrize(("who", "cancel"), [("sme", True), ("organiser", True), ("other_sme", False)])
def test_who_cancels_a_live_enrolment(app, db_session, world, who, cancel):
    course = publish(app, db_session, world.organiser.user)
    enrolment = enrol(app, db_session, world.sme.user, course, "김민준")
    assert can(getattr(world, who).user, "cancel", enrolment) is cancel


def test_only_organisers_publish(app, db_session, world):
    with app.test_request_context(), pytest.raises(Forbidden):
        training.publish_course(db_session, context_of(world.sme.user), course_command())


def test_enrolment_needs_a_confirmed_email(app, db_session, world):
    course = publish(app, db_session, world.organiser.user)
    world.sme.user.email_verified_at = None
    with app.test_request_context(), pytest.raises(Forbidden):
        training.enrol_learner(db_session, context_of(world.sme.user), course, LearnerIn(learner_name="김민준"))


def test_training_figures_count_courses_sessions_learners_and_completions(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, sessions=1, capacity=2)
    other = publish(app, db_session, world.outsider.user, sessions=2, industrial_complex="changwon")
    done = enrol(app, db_session, world.sme.user, course, "김민준")
    enrol(app, db_session, world.other_sme.user, course, "박도윤")
    enrol(app, db_session, world.sme.user, course, "대기자")  # waiting: not counted
    enrol(app, db_session, world.sme.user, other, "이서연")
    attend(app, db_session, world, course, 0, [done])
    organiser_id = world.organiser.user.organisation_id
    mine = training_figures(db_session, organiser_id=organiser_id)
    assert (mine.courses, mine.sessions, mine.learners_enrolled, mine.learners_completed) == (1, 1, 2, 1)
    changwon = training_figures(db_session, complex_codes=["changwon"])
    assert (changwon.courses, changwon.sessions, changwon.learners_enrolled) == (1, 2, 1)
    year = course.sessions[0].day.year
    assert training_figures(db_session, organiser_id=organiser_id, year=year + 5).courses == 0
    per_sme = training_by_sme(db_session, organiser_id=organiser_id)
    assert {(row.organisation_id, row.learners_enrolled, row.learners_completed) for row in per_sme} == {
        (world.sme.user.organisation_id, 1, 1),
        (world.other_sme.user.organisation_id, 1, 0),
    }


def test_a_second_promotion_race_is_refused(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=1)
    seated = enrol(app, db_session, world.sme.user, course, "김민준")
    with app.test_request_context():
        training.cancel_enrolment(db_session, context_of(world.sme.user), seated)
        with pytest.raises((InvalidTransition, Conflict)):
            training.cancel_enrolment(db_session, context_of(world.sme.user), seated)
