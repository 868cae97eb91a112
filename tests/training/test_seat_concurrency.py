"""Seats under concurrency: 100 enrolments at once, each in its own connection and transaction, on a course of 50
seats: exactly 50 seated, 50 on the waiting list, the counter at 50. Then 30 cancellations at once: exactly 30
waiting learners move up, none twice. SQLite and PostgreSQL alike (`TEST_DATABASE_URL`), on a fresh database
migrated for the test and thrown away after.
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from marketplace.app import create_app
from marketplace.auth.models import Role
from marketplace.db import db, make_engine
from marketplace.organisations.models import OrganisationKind
from marketplace.training import seats
from marketplace.training.models import Course, Enrolment
from marketplace.unit_of_work import begin_writing
from tests import conftest
from tests.conftest import bearer, run_at_once
from tests.factories import make_api_token, make_organisation, make_user
from tests.training.making import course_command

ATTEMPTS, SEATS, CANCELLED = 100, 50, 30


def pool_options(url: str) -> dict:
    # SQLite opens a connection per use; PostgreSQL (100 connections at most on this server) gets a pool of 40.
    return {"poolclass": NullPool} if url.startswith("sqlite") else {"pool_size": 40, "max_overflow": 0}


@pytest.fixture
def concurrent_app(own_database: str):
    app = create_app(conftest.test_overrides(own_database))
    state = db.state(app)
    state.engine.dispose()
    state.engine = make_engine(own_database, **pool_options(own_database))
    state.sessionmaker = sessionmaker(state.engine, expire_on_commit=False)
    yield app
    state.engine.dispose()


def test_a_hundred_concurrent_enrolments_seat_exactly_the_capacity(concurrent_app):
    app = concurrent_app
    with Session(db.state(app).engine, expire_on_commit=False) as session:
        operator = make_organisation(session, OrganisationKind.SPONSOR, operated_complexes=["banwol"])
        organiser = make_user(app, session, Role.SPONSOR, organisation=operator)
        sme = make_user(app, session, Role.SME)
        sme_token = make_api_token(app, session, sme)[1]
        organiser_token = make_api_token(app, session, organiser)[1]
    organiser_headers = bearer(organiser_token) | {"Accept-Language": "en"}
    body = course_command(capacity=SEATS).model_dump(mode="json")
    created = app.test_client().post("/api/v1/courses", json=body, headers=organiser_headers)
    assert created.status_code == 201, created.get_json()
    course_id = created.get_json()["id"]
    headers = bearer(sme_token) | {"Accept-Language": "en"}
    assert app.test_client().get("/api/v1/me", headers=headers).status_code == 200  # token use recorded now
    results: dict[int, tuple[int, dict]] = {}

    def enrol(number: int) -> None:
        response = app.test_client().post(
            f"/api/v1/courses/{course_id}/enrolments", json={"learner_name": f"학습자 {number}"}, headers=headers
        )
        results[number] = (response.status_code, response.get_json())

    run_at_once(enrol, range(ATTEMPTS))

    assert Counter(status for status, _ in results.values()) == {201: ATTEMPTS}, results
    assert Counter(body["status"] for _, body in results.values()) == {"enrolled": SEATS, "waiting": ATTEMPTS - SEATS}
    with Session(db.state(app).engine) as session:
        assert session.get(Course, course_id).seats_taken == SEATS
        stored = Counter(session.scalars(select(Enrolment.status).where(Enrolment.course_id == course_id)))
        assert stored == {"enrolled": SEATS, "waiting": ATTEMPTS - SEATS}
        seated = list(
            session.scalars(
                select(Enrolment.id).where(Enrolment.course_id == course_id, Enrolment.status == "enrolled").limit(30)
            )
        )
        first_waiting = list(
            session.scalars(
                select(Enrolment.id)
                .where(Enrolment.course_id == course_id, Enrolment.status == "waiting")
                .order_by(Enrolment.id)
                .limit(CANCELLED)
            )
        )

    cancelled: dict[int, int] = {}

    def cancel(enrolment_id: int) -> None:
        response = app.test_client().post(
            f"/api/v1/courses/{course_id}/enrolments/{enrolment_id}/cancel", headers=headers
        )
        cancelled[enrolment_id] = response.status_code

    run_at_once(cancel, seated)

    assert Counter(cancelled.values()) == {200: CANCELLED}
    with Session(db.state(app).engine) as session:
        assert session.get(Course, course_id).seats_taken == SEATS
        stored = Counter(session.scalars(select(Enrolment.status).where(Enrolment.course_id == course_id)))
        assert stored == {"enrolled": SEATS, "cancelled": CANCELLED, "waiting": ATTEMPTS - SEATS - CANCELLED}
        promoted = set(
            session.scalars(select(Enrolment.id).where(Enrolment.id.in_(first_waiting), Enrolment.status == "enrolled"))
        )
        assert promoted == set(first_waiting)  # the waiting list's order was kept


def test_the_conditional_update_alone_never_over_fills_a_course(own_database):
    """The seat counter's checked UPDATE on its own, without the course's row lock the services also take:
    100 transactions at once each claim a seat of 50; exactly 50 succeed."""
    app = create_app(conftest.test_overrides(own_database))
    engine = make_engine(own_database, **pool_options(own_database))
    with Session(engine, expire_on_commit=False) as session:
        organiser = make_user(app, session, Role.SUPPLIER)
        with app.test_request_context():
            command = course_command(capacity=SEATS)
        course = Course(
            organisation_id=organiser.organisation_id,
            author_id=organiser.id,
            **command.model_dump(exclude={"sessions"}),
        )
        session.add(course)
        session.commit()
        course_id = course.id
    outcomes: list[bool] = []

    def claim(_number: int) -> None:
        with Session(engine) as session:
            begin_writing(session)  # SQLite: take the write lock first; PostgreSQL: nothing
            claimed = seats.claim_seat(session, session.get(Course, course_id))
            session.commit()
            outcomes.append(claimed)

    run_at_once(claim, range(ATTEMPTS))
    with Session(engine) as session:
        taken = session.get(Course, course_id).seats_taken
    engine.dispose()
    assert Counter(outcomes) == {True: SEATS, False: ATTEMPTS - SEATS}
    assert taken == SEATS
