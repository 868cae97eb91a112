"""Making courses and enrolments for the training tests, through the services."""

from __future__ import annotations

from datetime import date, timedelta

from marketplace import clock
from marketplace.training import services as training
from marketplace.training.commands import CourseIn, LearnerIn, SessionIn
from tests.factories import context_of


def course_command(sessions: int = 5, capacity: int = 2, **fields) -> CourseIn:
    start = clock.today() + timedelta(days=7)
    values = {
        "title": "AI 데이터 분석 실무",
        "description": "공정 데이터로 불량 원인을 찾는 AI 분석 실습",
        "topic": "ai",
        "level": "stage2",
        "audience": "staff",
        "online": False,
        "place": "경기도 안산시 단원구 산단로 1",
        "industrial_complex": "banwol",
        "capacity": capacity,
        "fee_krw": 0,
        "sessions": [
            SessionIn(day=(start + timedelta(days=7 * n)).isoformat(), starts="14:00", ends="17:00")
            for n in range(sessions)
        ],
    } | fields
    return CourseIn.model_validate(values)


def publish(app, db_session, organiser, **fields):
    with app.test_request_context():
        course = training.publish_course(db_session, context_of(organiser), course_command(**fields))
    db_session.commit()
    return course


def enrol(app, db_session, sme, course, name: str, **fields):
    with app.test_request_context():
        command = LearnerIn.model_validate({"learner_name": name} | fields)
        enrolment = training.enrol_learner(db_session, context_of(sme), course, command)
    db_session.commit()
    return enrolment


def session_day(offset: int) -> date:
    return clock.today() + timedelta(days=offset)
