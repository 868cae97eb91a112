"""The course pages: publish through the form, enrol, record attendance, download the certificate; bad input
gets the field's message; others' enrolments and certificates do not exist for you."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from marketplace.training.models import Course, Enrolment
from tests.conftest import csrf_token, log_in
from tests.factories import PASSWORD
from tests.training.making import enrol, publish, session_day

FORM = {
    "title": "디지털 트윈 입문",
    "description": "가상 공장으로 라인 배치를 시험합니다.",
    "topic": "digital_twin_xr",
    "level": "stage1",
    "audience": "staff",
    "place": "경기도 시흥시 공단1대로 204",
    "industrial_complex": "sihwa",
    "capacity": "10",
    "fee_krw": "0",
}


def signed_in(app, user):
    browser = app.test_client()
    assert log_in(browser, user.email, PASSWORD).status_code == 302
    return browser


def post(browser, path, data):
    return browser.post(path, data={"csrf_token": csrf_token(browser, "/courses/"), **data})


def test_an_organiser_publishes_through_the_form(app, db_session, world):
    browser = signed_in(app, world.organiser.user)
    assert browser.get("/courses/new").status_code == 200
    lines = f"{session_day(10).isoformat()} 14:00-17:00\n{session_day(17).isoformat()} 9:30 ~ 12:00\n"
    response = post(browser, "/courses/new", FORM | {"sessions": lines})
    assert response.status_code == 302, response.get_data(as_text=True)
    course = db_session.scalar(select(Course).where(Course.title == "디지털 트윈 입문"))
    assert [(s.starts.strftime("%H:%M"), s.ends.strftime("%H:%M")) for s in course.sessions] == [
        ("14:00", "17:00"),
        ("09:30", "12:00"),
    ]
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "디지털 트윈 입문" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sessions": "next tuesday"}, "YYYY-MM-DD HH:MM-HH:MM"),
        ({"sessions": "2027-03-10 17:00-14:00"}, "ends before it starts"),
        ({"capacity": "0"}, "1 or more"),
        ({"place": ""}, "or mark it online"),
        ({"topic": "cooking"}, "Not a valid choice"),
    ],
)
def test_bad_course_input_gets_the_fields_message_and_writes_nothing(app, db_session, world, change, message):
    browser = signed_in(app, world.organiser.user)
    data = FORM | {"sessions": "2027-03-10 14:00-17:00"} | change
    response = browser.post(
        "/courses/new",
        data={"csrf_token": csrf_token(browser, "/courses/new"), **data},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db_session.scalar(select(Course).where(Course.title == "디지털 트윈 입문")) is None


def test_an_sme_enrols_joins_the_waiting_list_and_sees_my_courses(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, capacity=1)
    browser = signed_in(app, world.sme.user)
    page = browser.get(f"/courses/{course.id}").get_data(as_text=True)
    assert 'id="enrol-form"' in page
    for name in ("김민준", "이서연"):
        response = post(browser, f"/courses/{course.id}/enrol", {"learner_name": name, "learner_role": "대리"})
        assert response.status_code == 302
    statuses = dict(db_session.execute(select(Enrolment.learner_name, Enrolment.status)).all())
    assert statuses == {"김민준": "enrolled", "이서연": "waiting"}
    mine = browser.get("/courses/mine").get_data(as_text=True)
    assert "김민준" in mine
    assert "이서연" in mine
    refused = post(browser, f"/courses/{course.id}/enrol", {"learner_name": "", "learner_email": "x"})
    assert refused.status_code == 200


def test_attendance_completion_and_the_certificate(app, db_session, world):
    course = publish(app, db_session, world.organiser.user, sessions=1)
    enrolment = enrol(app, db_session, world.sme.user, course, "김민준", learner_role="생산팀장")
    organiser = signed_in(app, world.organiser.user)
    assert "김민준" in organiser.get(f"/courses/{course.id}/enrolments").get_data(as_text=True)
    path = f"/courses/{course.id}/sessions/{course.sessions[0].id}/attendance"
    assert post(organiser, path, {"present": str(enrolment.id)}).status_code == 302
    db_session.refresh(enrolment)
    assert enrolment.status == "completed"
    for who in (world.sme.user, world.organiser.user):
        response = signed_in(app, who).get(f"/courses/enrolments/{enrolment.id}/certificate.pdf")
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.data)).pages)
        assert "김민준" in text
        assert course.title in text
    for who in (world.other_sme.user, world.officer.user, world.outsider.user):
        assert signed_in(app, who).get(f"/courses/enrolments/{enrolment.id}/certificate.pdf").status_code == 404
    assert app.test_client().get(f"/courses/enrolments/{enrolment.id}/certificate.pdf").status_code == 302  # log in


def test_others_cannot_see_the_organisers_enrolments_page(app, db_session, world):
    course = publish(app, db_session, world.organiser.user)
    assert signed_in(app, world.sme.user).get(f"/courses/{course.id}/enrolments").status_code == 403
    assert signed_in(app, world.officer.user).get(f"/courses/{course.id}/enrolments").status_code == 200


def test_the_browse_page_filters(app, db_session, world):
    publish(app, db_session, world.organiser.user, title="반월 AI")
    publish(app, db_session, world.organiser.user, title="온라인 IoT", topic="iot", online=True, place=None)
    browser = app.test_client()
    page = browser.get("/courses/?online=true").get_data(as_text=True)
    assert "온라인 IoT" in page
    assert "반월 AI" not in page
    assert "반월 AI" in browser.get("/courses/?topic=ai&complex=banwol&free=true").get_data(as_text=True)
    assert browser.get("/courses/?topic=nonsense&page=x").status_code == 200  # lenient
