"""The demo world's training: the complex operator's courses, completions with certificates, a waiting list."""

from __future__ import annotations

from collections import Counter
from io import BytesIO

from pypdf import PdfReader
from sqlalchemy import select

from marketplace.demo.people import DEMO_PASSWORD
from marketplace.training.models import Course, Enrolment
from tests.conftest import log_in


def test_the_demo_world_has_courses_with_completions_and_a_waiting_list(app, runner, db_session):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    courses = {course.title: course for course in db_session.scalars(select(Course))}
    assert {"AI 데이터 분석 실무", "스마트공장 CEO 과정 1단계", "협력사 스마트공장 로봇 자동화 실무"} <= set(courses)
    ai = courses["AI 데이터 분석 실무"]
    assert ai.organisation.name == "한국산업단지공단"
    assert ai.organisation.operated_complexes == ["banwol", "sihwa", "sihwa_mtv"]
    statuses = Counter(db_session.scalars(select(Enrolment.status).where(Enrolment.course_id == ai.id)))
    assert statuses == {"completed": 4, "enrolled": 1}
    ceo = courses["스마트공장 CEO 과정 1단계"]
    ceo_statuses = Counter(db_session.scalars(select(Enrolment.status).where(Enrolment.course_id == ceo.id)))
    assert ceo_statuses == {"enrolled": 3, "waiting": 1}
    before = db_session.scalar(select(Enrolment.id).order_by(Enrolment.id.desc()).limit(1))
    assert runner.invoke(args=["seed-demo"]).exit_code == 0  # a second run adds nothing
    assert db_session.scalar(select(Enrolment.id).order_by(Enrolment.id.desc()).limit(1)) == before


def test_the_demo_smes_certificate_downloads_on_first_run(app, runner, db_session):
    runner.invoke(args=["seed-demo"])
    browser = app.test_client()
    log_in(browser, "sme@sangsaeng-demo.kr", DEMO_PASSWORD)
    page = browser.get("/courses/mine").get_data(as_text=True)
    assert "AI 데이터 분석 실무" in page
    completed = db_session.scalar(
        select(Enrolment).where(Enrolment.learner_name == "김하늘", Enrolment.status == "completed")
    )
    response = browser.get(f"/courses/enrolments/{completed.id}/certificate.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.data)).pages)
    assert "김하늘" in text
    assert "AI 데이터 분석 실무" in text
    other = app.test_client()
    log_in(other, "sme2@sangsaeng-demo.kr", DEMO_PASSWORD)
    assert other.get(f"/courses/enrolments/{completed.id}/certificate.pdf").status_code == 404
