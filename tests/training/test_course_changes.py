"""Changing a published course (the organiser): the fields given change, the seats grow but never fall below the
seats taken, a session with attendance stays; and a completed learner's certificate through the API."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from marketplace.audit import AdminEdit
from marketplace.auth.models import Role
from marketplace.errors import Conflict, Forbidden, NotFound, ValidationFailed
from marketplace.training import services as training
from marketplace.training.commands import CourseChange
from marketplace.training.models import EnrolmentStatus
from tests.conftest import assert_error_shape, bearer
from tests.factories import context_of, make_user
from tests.training.making import enrol, publish, session_day
from tests.training.test_pages import post, signed_in
from tests.training.test_services import attend


def change(app, db_session, user, course, **fields):
    with app.test_request_context():
        changed = training.edit_course(db_session, context_of(user), course, CourseChange.model_validate(fields))
    db_session.commit()
    return changed


def line(offset: int, hours: str = "14:00-17:00") -> dict:
    starts, ends = hours.split("-")
    return {"day": session_day(offset).isoformat(), "starts": starts, "ends": ends}


def test_the_organiser_changes_the_fields_given_and_only_those(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, fee_krw=50_000)
    change(app, db_session, world.organiser.user, course, title="AI 심화", level="stage3", online=True, place=None)
    assert (course.title, course.level, course.online, course.place) == ("AI 심화", "stage3", True, None)
    assert (course.topic, course.fee_krw, course.capacity) == ("ai", 50_000, 2)
    change(app, db_session, world.organiser.user, course, fee_krw=0, audience="ceo")
    assert (course.free, course.audience) == (True, "ceo")


def test_more_seats_move_the_waiting_learners_up_in_order(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=1)
    enrol(app, db_session, world.sme.user, course, "김민준")
    first = enrol(app, db_session, world.sme.user, course, "이서연")
    second = enrol(app, db_session, world.other_sme.user, course, "박지훈")
    change(app, db_session, world.organiser.user, course, capacity=2)
    db_session.refresh(first)
    db_session.refresh(second)
    assert (course.capacity, course.seats_taken) == (2, 2)
    assert (first.status, second.status) == (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING)


def test_the_seats_cannot_fall_below_those_taken(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=3)
    enrol(app, db_session, world.sme.user, course, "김민준")
    enrol(app, db_session, world.sme.user, course, "이서연")
    with pytest.raises(ValidationFailed) as refused:
        change(app, db_session, world.organiser.user, course, capacity=1)
    assert "capacity" in refused.value.fields
    assert "2" in refused.value.fields["capacity"][0]
    db_session.rollback()
    change(app, db_session, world.organiser.user, course, capacity=2)  # exactly the seats taken is fine
    assert course.capacity == 2


def test_a_session_with_attendance_stays_the_others_change(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, sessions=2)
    learner = enrol(app, db_session, world.sme.user, course, "김민준")
    attend(app, db_session, world, course, 0, [learner])
    attended = course.sessions[0]
    kept = {"day": attended.day.isoformat(), "starts": "14:00", "ends": "17:00"}
    change(app, db_session, world.organiser.user, course, sessions=[kept, line(30, "09:00-12:00")])
    assert [(s.day, s.starts.strftime("%H:%M")) for s in course.sessions] == [
        (attended.day, "14:00"),
        (session_day(30), "09:00"),
    ]
    assert course.sessions[0].id == attended.id  # the attendance stays with its session
    for sessions in ([line(30, "09:00-12:00")], [kept | {"starts": "15:00"}]):
        with pytest.raises(ValidationFailed) as refused:
            change(app, db_session, world.organiser.user, course, sessions=sessions)
        assert attended.day.isoformat() in refused.value.fields["sessions"][0]
        db_session.rollback()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": None}, "capacity"),
        ({"fee_krw": -1}, "fee_krw"),
        ({"topic": "cooking"}, "topic"),
        ({"sessions": []}, "sessions"),
        ({"online": False, "place": None}, "place"),
    ],
)
def test_bad_changes_name_the_field(app, db_session, world, fields, field):
    course = publish(app, db_session, world.organiser.user)
    command = CourseChange.model_construct(_fields_set=set(fields), **fields)
    with pytest.raises(ValidationFailed) as refused, app.test_request_context():
        training.edit_course(db_session, context_of(world.organiser.user), course, command)
    assert field in refused.value.fields


def test_only_the_organiser_changes_a_course_and_not_once_cancelled(app, db_session, world):
    course = publish(app, db_session, world.organiser.user)
    for who in (world.sme.user, world.outsider.user, world.officer.user):
        with pytest.raises(Forbidden):
            change(app, db_session, who, course, title="남의 과정")
    with app.test_request_context():
        training.move_course(db_session, context_of(world.organiser.user), course, "cancel")
    db_session.commit()
    with pytest.raises(Conflict):
        change(app, db_session, world.organiser.user, course, title="취소 후")


# The API.


def test_patch_changes_a_course(app, db_session, client, world):
    course = publish(app, db_session, world.organiser.user)
    url = f"/api/v1/courses/{course.id}"
    response = client.patch(url, json={"capacity": 5, "fee_krw": 30_000}, headers=bearer(world.organiser.token))
    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["capacity"], response.get_json()["fee_krw"], response.get_json()["title"]) == (
        5,
        30_000,
        "AI 데이터 분석 실무",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"capacity": 1}, "capacity"),  # two seats are taken
        ({"capacity": "ten"}, "capacity"),
        ({"capacity": None}, "capacity"),
        ({"title": ""}, "title"),
        ({"level": "guru"}, "level"),
        ({"sessions": [{"day": "2027-02-30", "starts": "09:00", "ends": "10:00"}]}, "sessions"),
        ({"sessions": [{"day": "2027-03-02", "starts": "11:00", "ends": "10:00"}]}, "sessions"),
        ({"online": "yes"}, "online"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_bad_patches_are_refused_naming_the_field(app, db_session, client, world, body, field):
    course = publish(app, db_session, world.organiser.user)
    enrol(app, db_session, world.sme.user, course, "김민준")
    enrol(app, db_session, world.sme.user, course, "이서연")
    response = client.patch(f"/api/v1/courses/{course.id}", json=body, headers=bearer(world.organiser.token))
    error = assert_error_shape(response, 400, "validation_failed")
    assert field in error["fields"]
    db_session.refresh(course)
    assert course.capacity == 2


def test_patch_refuses_others_and_missing_courses(app, db_session, client, world):
    course = publish(app, db_session, world.organiser.user)
    url = f"/api/v1/courses/{course.id}"
    assert_error_shape(client.patch(url, json={"title": "x"}, headers=bearer(world.sme.token)), 403, "forbidden")
    assert_error_shape(client.patch(url, json={"title": "x"}), 401, "unauthorised")
    missing = client.patch("/api/v1/courses/999999", json={"title": "x"}, headers=bearer(world.organiser.token))
    assert_error_shape(missing, 404, "not_found")


def test_the_certificate_api_serves_the_sme_and_the_organiser_only(app, db_session, client, world):
    course = publish(app, db_session, world.organiser.user, sessions=1)
    learner = enrol(app, db_session, world.sme.user, course, "김민준")
    url = f"/api/v1/courses/{course.id}/enrolments/{learner.id}/certificate"
    assert_error_shape(client.get(url, headers=bearer(world.sme.token)), 409, "conflict")  # not completed yet
    assert_error_shape(client.get(url, headers=bearer(world.organiser.token)), 409, "conflict")
    attend(app, db_session, world, course, 0, [learner])
    for who in (world.sme, world.organiser):
        response = client.get(url, headers=bearer(who.token))
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert learner.certificate_number in response.headers["Content-Disposition"]
        assert "김민준" in "".join(p.extract_text() for p in PdfReader(BytesIO(response.data)).pages)
    for who in (world.other_sme, world.outsider, world.officer):
        assert_error_shape(client.get(url, headers=bearer(who.token)), 404, "not_found")
    other = publish(app, db_session, world.organiser.user)
    wrong = f"/api/v1/courses/{other.id}/enrolments/{learner.id}/certificate"
    assert_error_shape(client.get(wrong, headers=bearer(world.sme.token)), 404, "not_found")
    assert_error_shape(client.get(url), 401, "unauthorised")


def test_ensure_certificate_tells_the_two_sides_apart(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, sessions=1)
    learner = enrol(app, db_session, world.sme.user, course, "김민준")
    with pytest.raises(Conflict):
        training.ensure_certificate(world.sme.user, learner)
    with pytest.raises(NotFound):
        training.ensure_certificate(world.other_sme.user, learner)


# The page.


def test_the_organiser_changes_the_course_through_the_form(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, sessions=1, capacity=2)
    enrol(app, db_session, world.sme.user, course, "김민준")
    enrol(app, db_session, world.sme.user, course, "이서연")
    browser = signed_in(app, world.organiser.user)
    assert 'id="edit-course"' in browser.get(f"/courses/{course.id}").get_data(as_text=True)
    page = browser.get(f"/courses/{course.id}/edit")
    assert page.status_code == 200
    form = {
        "title": "AI 데이터 분석 실무 (증원)",
        "description": course.description,
        "topic": "ai",
        "level": "stage2",
        "audience": "staff",
        "place": course.place,
        "industrial_complex": "banwol",
        "capacity": "1",
        "fee_krw": "0",
        "sessions": f"{course.sessions[0].day.isoformat()} 14:00-17:00",
    }
    refused = post(browser, f"/courses/{course.id}/edit", form)
    assert refused.status_code == 200
    assert 'id="capacity"' in refused.get_data(as_text=True)
    assert "is-invalid" in refused.get_data(as_text=True)
    db_session.refresh(course)
    assert course.capacity == 2
    saved = post(browser, f"/courses/{course.id}/edit", form | {"capacity": "12"})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    db_session.refresh(course)
    assert (course.capacity, course.title) == (12, "AI 데이터 분석 실무 (증원)")
    assert signed_in(app, world.sme.user).get(f"/courses/{course.id}/edit").status_code == 403


def test_an_admins_change_is_recorded_in_the_admin_edits(app, db_session, world):
    course = publish(app, db_session, world.organiser.user)
    admin = make_user(app, db_session, Role.ADMIN)
    change(app, db_session, admin, course, capacity=4, title="관리자 수정")
    edits = db_session.scalars(select(AdminEdit)).all()
    assert [(e.target_type, e.target_id, e.changes) for e in edits] == [
        ("courses", course.id, {"capacity": [2, 4], "title": ["AI 데이터 분석 실무", "관리자 수정"]})
    ]
    change(app, db_session, world.organiser.user, course, capacity=5)  # the organiser's own: ordinary use
    assert len(db_session.scalars(select(AdminEdit)).all()) == 1
