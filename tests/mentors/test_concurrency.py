"""Capacity under concurrent acceptances: 50 at once for a mentor with capacity 2 leave exactly 2 accepted.

Runs on committed data with the app's real engine (each request its own connection and transaction), not
inside the per-test rolled-back transaction, and deletes what it made afterwards. SQLite and PostgreSQL alike
(`TEST_DATABASE_URL`).
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from marketplace.app import create_app
from marketplace.auth.models import ApiToken, Role, User
from marketplace.db import db
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation
from mentors.models import Engagement, EngagementEvent, MentorProfile
from tests import conftest
from tests.conftest import bearer, run_at_once
from tests.factories import make_api_token, make_engagement, make_mentor, make_need, make_user

ATTEMPTS = 50  # the audit's figure: 50 acceptances at once, capacity 2


@pytest.fixture
def committed(engine, database_url):
    """A real app and committed rows: a mentor of capacity 2, ATTEMPTS proposals; all deleted afterwards."""
    app = create_app(conftest.test_overrides(database_url))
    session = Session(db.state(app).engine, expire_on_commit=False)
    mentor_user = make_user(app, session, Role.MENTOR)
    profile = make_mentor(app, session, user=mentor_user, capacity=2)
    sme = make_user(app, session, Role.SME)
    need = make_need(session, sme)
    engagements = [make_engagement(session, profile, need).id for _ in range(ATTEMPTS)]
    token = make_api_token(app, session, mentor_user)[1]
    try:
        yield app, session, profile, engagements, token
    finally:
        session.rollback()
        ids = {"users": [mentor_user.id, sme.id], "organisation": sme.organisation_id}
        session.execute(delete(EngagementEvent).where(EngagementEvent.engagement_id.in_(engagements)))
        session.execute(delete(Engagement).where(Engagement.id.in_(engagements)))
        session.execute(delete(MentorProfile).where(MentorProfile.id == profile.id))
        session.execute(delete(Need).where(Need.id == need.id))
        session.execute(delete(ApiToken).where(ApiToken.user_id.in_(ids["users"])))
        session.execute(delete(User).where(User.id.in_(ids["users"])))
        session.execute(delete(Organisation).where(Organisation.id == ids["organisation"]))
        session.commit()
        session.close()
        db.state(app).engine.dispose()


def test_fifty_concurrent_acceptances_leave_exactly_two_accepted(committed):
    app, session, profile, engagements, token = committed
    assert app.test_client().get("/api/v1/me", headers=bearer(token)).status_code == 200  # token use recorded now
    results: dict[int, tuple[int, dict]] = {}

    def accept(engagement_id: int) -> None:
        client = app.test_client()
        response = client.post(
            f"/api/v1/engagements/{engagement_id}/transitions",
            json={"action": "accept"},
            headers=bearer(token) | {"Accept-Language": "en"},
        )
        results[engagement_id] = (response.status_code, response.get_json())

    run_at_once(accept, engagements, timeout=60)

    statuses = Counter(status for status, _body in results.values())
    assert statuses == {200: 2, 409: ATTEMPTS - 2}, results
    for status, body in results.values():
        if status == 409:
            assert body["error"]["code"] == "capacity_full"
            assert "already has 2 engagements" in body["error"]["message"]
    session.expire_all()
    stored = Counter(session.scalars(select(Engagement.status).where(Engagement.id.in_(engagements))))
    assert stored == {"accepted": 2, "proposed": ATTEMPTS - 2}
    assert session.get(MentorProfile, profile.id).engaged == 2
