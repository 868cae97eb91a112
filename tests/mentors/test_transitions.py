"""Every engagement move in one table of state × action × actor, and the slots each move takes or frees."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import func, select

from marketplace import clock
from mentors.models import Engagement, EngagementEvent, EngagementStatus
from tests.conftest import assert_error_shape, bearer
from tests.factories import make_engagement

STATES = [state.value for state in EngagementStatus]
ACTIONS = ["accept", "decline", "start", "pause", "resume", "complete", "cancel"]
ACTORS = ["mentor", "sme", "sponsor", "outsider", "officer"]
# Written out here, not read from the code, so the test says what the product allows.
MOVES = {
    ("proposed", "accept"): "accepted",
    ("proposed", "decline"): "declined",
    ("proposed", "cancel"): "cancelled",
    ("accepted", "start"): "active",
    ("accepted", "cancel"): "cancelled",
    ("active", "pause"): "paused",
    ("active", "complete"): "completed",
    ("active", "cancel"): "cancelled",
    ("paused", "resume"): "active",
    ("paused", "complete"): "completed",
    ("paused", "cancel"): "cancelled",
}
WHO = {
    "accept": {"mentor"},
    "decline": {"mentor"},
    "start": {"mentor", "sme"},
    "pause": {"mentor", "sme"},
    "resume": {"mentor", "sme"},
    "complete": {"mentor", "sme"},
    "cancel": {"mentor", "sme", "sponsor"},  # the sponsor proposed this engagement
}
SLOT_STATES = {"accepted", "active"}


def slots_taken(db_session, profile) -> int:
    statement = select(func.count()).where(
        Engagement.mentor_id == profile.id, Engagement.status.in_(["accepted", "active"])
    )
    return db_session.scalar(statement)


@pytest.mark.parametrize(("state", "action", "actor"), list(itertools.product(STATES, ACTIONS, ACTORS)))
def test_transition_table(client, db_session, world, state, action, actor):
    # Planned to start today: the planned-date rule has its own tests (test_planned_start.py).
    engagement = make_engagement(
        db_session, world.profile, world.need, world.sponsor.user, status=state, start_date=clock.today()
    )
    who = getattr(world, actor)
    response = client.post(
        f"/api/v1/engagements/{engagement.id}/transitions",
        json={"action": action, "reason": "목표 달성"},
        headers=bearer(who.token),
    )
    db_session.expire_all()
    if actor == "outsider":
        assert_error_shape(response, 404, "not_found")  # not a party: the engagement does not exist for them
    elif actor not in WHO[action]:
        assert_error_shape(response, 403, "forbidden")
    elif (state, action) not in MOVES:
        assert_error_shape(response, 409, "invalid_transition")
    else:
        assert response.status_code == 200, response.get_json()
        target = MOVES[(state, action)]
        assert engagement.status == target
        event = db_session.scalar(select(EngagementEvent).where(EngagementEvent.engagement_id == engagement.id))
        assert (event.action, event.from_status, event.to_status) == (action, state, target)
        assert event.actor_id == who.user.id
        assert event.at is not None
        assert response.get_json()["events"][-1]["actor_id"] == who.user.id
        if target in ("completed", "cancelled", "declined"):
            assert engagement.ended_at is not None
        if target == "active":
            assert engagement.active_since is not None
        assert world.profile.engaged == slots_taken(db_session, world.profile)
        return
    assert engagement.status == state
    assert db_session.scalar(select(func.count()).select_from(EngagementEvent)) == 0
    assert world.profile.engaged == slots_taken(db_session, world.profile)


def test_complete_needs_a_reason(client, db_session, world):
    engagement = make_engagement(db_session, world.profile, world.need, status="active")
    url = f"/api/v1/engagements/{engagement.id}/transitions"
    response = client.post(url, json={"action": "complete"}, headers=bearer(world.mentor.token))
    assert "reason" in assert_error_shape(response, 400, "validation_failed")["fields"]
    early = client.post(url, json={"action": "complete", "reason": "조기 목표 달성"}, headers=bearer(world.sme.token))
    assert early.status_code == 200
    data = early.get_json()
    assert (data["status"], data["end_reason"]) == ("completed", "조기 목표 달성")
    db_session.expire_all()
    assert world.profile.engaged == 0


def test_unknown_action_is_400(client, db_session, world):
    engagement = make_engagement(db_session, world.profile, world.need)
    response = client.post(
        f"/api/v1/engagements/{engagement.id}/transitions", json={"action": "fly"}, headers=bearer(world.mentor.token)
    )
    assert "action" in assert_error_shape(response, 400, "validation_failed")["fields"]


def test_a_full_mentor_cannot_accept_or_resume(client, db_session, world):
    for _ in range(2):
        make_engagement(db_session, world.profile, world.need, status="active")
    proposed = make_engagement(db_session, world.profile, world.need)
    paused = make_engagement(db_session, world.profile, world.need, status="paused")
    for engagement, action in ((proposed, "accept"), (paused, "resume")):
        response = client.post(
            f"/api/v1/engagements/{engagement.id}/transitions",
            json={"action": action},
            headers=bearer(world.mentor.token),
        )
        assert "2" in assert_error_shape(response, 409, "capacity_full")["message"]
    db_session.expire_all()
    assert (proposed.status, paused.status, world.profile.engaged) == ("proposed", "paused", 2)


def test_pause_frees_a_slot_and_resume_takes_it_again(client, db_session, world):
    engagement = make_engagement(db_session, world.profile, world.need, status="active")
    url = f"/api/v1/engagements/{engagement.id}/transitions"
    assert client.post(url, json={"action": "pause"}, headers=bearer(world.sme.token)).status_code == 200
    db_session.expire_all()
    assert world.profile.engaged == 0
    assert client.post(url, json={"action": "resume"}, headers=bearer(world.mentor.token)).status_code == 200
    db_session.expire_all()
    assert world.profile.engaged == 1
    assert [e.action for e in engagement.events] == ["pause", "resume"]


def test_the_page_offers_each_party_its_own_moves(app, client, db_session, world):
    from tests.conftest import log_in, post_form
    from tests.factories import PASSWORD

    engagement = make_engagement(db_session, world.profile, world.need, start_date=clock.today())
    log_in(client, world.mentor.user.email, PASSWORD)
    page = client.get(f"/mentors/engagements/{engagement.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'value="accept"' in page
    assert 'value="decline"' in page
    response = post_form(client, f"/mentors/engagements/{engagement.id}/transitions", {"action": "accept"})
    assert response.status_code == 302
    db_session.expire_all()
    assert engagement.status == "accepted"
    sme_browser = app.test_client()
    log_in(sme_browser, world.sme.user.email, PASSWORD)
    page = sme_browser.get(f"/mentors/engagements/{engagement.id}").get_data(as_text=True)
    assert 'value="start"' in page
    assert 'value="accept"' not in page
