"""Proposing an engagement: 3 to 6 months, verified mentors only, the right proposer; nothing written on refusal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from marketplace import clock
from marketplace.needs.models import NeedStatus
from mentors.models import Engagement
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, make_mentor, make_need, make_project

START = (clock.today() + timedelta(days=14)).isoformat()


def engagement_count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(Engagement))


def body(world, **changes) -> dict:
    return {"mentor_id": world.profile.id, "need_id": world.need.id, "start_date": START, "months": 3} | changes


@pytest.mark.parametrize("months", [3, 4, 5, 6])
def test_three_to_six_months_are_accepted(client, db_session, world, months):
    response = client.post("/api/v1/engagements", json=body(world, months=months), headers=bearer(world.sme.token))
    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert data["status"] == "proposed"
    assert data["months"] == months
    assert data["project_id"] is None
    assert engagement_count(db_session) == 1


@pytest.mark.parametrize("months", [2, 7, 0, -3, 12])
def test_other_lengths_are_refused_with_the_field_message_and_nothing_is_written(client, db_session, world, months):
    for language, message in (("en", "An engagement lasts 3 to 6 months."), ("ko", "멘토링 기간은 3~6개월입니다.")):
        headers = bearer(world.sme.token) | {"Accept-Language": language}
        response = client.post("/api/v1/engagements", json=body(world, months=months), headers=headers)
        error = assert_error_shape(response, 400, "validation_failed")
        assert error["fields"]["months"] == [message]
    assert engagement_count(db_session) == 0


@pytest.mark.parametrize("months", ["2", "7"])
def test_the_form_shows_the_months_message_and_writes_nothing(client, db_session, world, months):
    log_in(client, world.sme.user.email, PASSWORD)
    data = {"need_id": world.need.id, "start_date": START, "months": months, "message": ""}
    response = post_form(client, f"/mentors/{world.profile.id}/proposals", data, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "An engagement lasts 3 to 6 months." in response.get_data(as_text=True)
    assert engagement_count(db_session) == 0


def test_the_form_proposes_and_shows_the_engagement(app, client, db_session, world):
    project = make_project(app, db_session, world.sme.user, world.need)
    log_in(client, world.sme.user.email, PASSWORD)
    data = {
        "need_id": world.need.id,
        "start_date": START,
        "months": "6",
        "project_id": str(project.id),
        "message": "방문 희망",
    }
    response = post_form(client, f"/mentors/{world.profile.id}/proposals", data)
    assert response.status_code == 302
    engagement = db_session.scalar(select(Engagement))
    assert (engagement.months, engagement.project_id, engagement.programme_id) == (6, project.id, None)
    assert world.need.title in client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_date": (clock.today() - timedelta(days=1)).isoformat()}, "start_date"),
        ({"start_date": "soon"}, "start_date"),
        ({"project_id": 0}, "project_id"),
        ({"project_id": 999_999}, "project_id"),  # no such project
        ({"months": "four"}, "months"),
        ({"months": 4.5}, "months"),
        ({"message": "x" * 1001}, "message"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_fields_are_named_and_nothing_is_written(client, db_session, world, changes, field):
    response = client.post("/api/v1/engagements", json=body(world, **changes), headers=bearer(world.sme.token))
    assert field in assert_error_shape(response, 400, "validation_failed")["fields"]
    assert engagement_count(db_session) == 0


def test_an_unverified_mentor_refuses_proposals(app, client, db_session, world):
    unverified = make_mentor(app, db_session, verified=False)
    headers = bearer(world.sme.token) | {"Accept-Language": "en"}
    response = client.post("/api/v1/engagements", json=body(world, mentor_id=unverified.id), headers=headers)
    assert "verified" in assert_error_shape(response, 409, "mentor_not_verified")["message"]
    assert engagement_count(db_session) == 0


def test_only_the_owner_sme_proposes_for_its_need(client, db_session, world):
    response = client.post("/api/v1/engagements", json=body(world), headers=bearer(world.outsider.token))
    assert_error_shape(response, 403, "forbidden")
    for who in (world.mentor, world.officer):
        assert_error_shape(
            client.post("/api/v1/engagements", json=body(world), headers=bearer(who.token)), 403, "forbidden"
        )
    assert engagement_count(db_session) == 0


@pytest.mark.parametrize("status", [NeedStatus.DRAFT, NeedStatus.WITHDRAWN])
def test_another_smes_hidden_need_answers_exactly_as_a_missing_one(client, db_session, world, status):
    hidden = make_need(db_session, world.sme.user, status=status)
    answers = [
        client.post("/api/v1/engagements", json=body(world, need_id=need_id), headers=bearer(world.outsider.token))
        for need_id in (hidden.id, 999_999)
    ]
    assert [(r.status_code, r.get_json()) for r in answers][0] == [(r.status_code, r.get_json()) for r in answers][1]
    assert_error_shape(answers[0], 404, "not_found")
    assert engagement_count(db_session) == 0


def test_a_linked_sponsor_proposes_through_its_mentoring_programme(client, db_session, world):
    response = client.post("/api/v1/engagements", json=body(world), headers=bearer(world.sponsor.token))
    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert data["programme_id"] is not None
    assert data["proposer_organisation_id"] == world.sponsor.user.organisation_id
    assert data["organisation_id"] == world.sme.user.organisation_id


def test_an_unlinked_sponsor_cannot_propose(app, client, db_session, world):
    other_need = make_need(db_session, world.outsider.user)
    response = client.post(
        "/api/v1/engagements", json=body(world, need_id=other_need.id), headers=bearer(world.sponsor.token)
    )
    assert_error_shape(response, 403, "forbidden")
    assert engagement_count(db_session) == 0


@pytest.mark.parametrize(
    ("changes", "status", "code", "field"),
    [
        ({"mentor_id": 999999}, 404, "not_found", "mentor_id"),
        ({"need_id": 999999}, 404, "not_found", "need_id"),
        ({"start_date": "2099-01-01"}, 400, "validation_failed", "start_date"),
    ],
)
def test_missing_targets_and_unavailable_dates(app, client, db_session, world, changes, status, code, field):
    world.profile.available_until = date(2098, 12, 31)
    db_session.commit()
    response = client.post("/api/v1/engagements", json=body(world, **changes), headers=bearer(world.sme.token))
    assert field in assert_error_shape(response, status, code)["fields"]
    assert engagement_count(db_session) == 0


def test_closed_needs_and_second_live_proposals_are_conflicts(client, db_session, world):
    assert client.post("/api/v1/engagements", json=body(world), headers=bearer(world.sme.token)).status_code == 201
    again = client.post("/api/v1/engagements", json=body(world, months=4), headers=bearer(world.sme.token))
    assert_error_shape(again, 409, "conflict")
    world.need.status = NeedStatus.CLOSED
    db_session.commit()
    closed = client.post("/api/v1/engagements", json=body(world), headers=bearer(world.sme.token))
    assert_error_shape(closed, 409, "conflict")
    assert engagement_count(db_session) == 1


def test_a_linked_sponsor_sees_the_smes_needs_in_the_proposal_form(app, client, db_session, world):
    log_in(client, world.sponsor.user.email, PASSWORD)
    page = client.get(f"/mentors/{world.profile.id}")
    assert page.status_code == 200
    assert 'id="propose"' in page.text
    assert world.need.title in page.text
    outsider_page = app.test_client()
    log_in(outsider_page, world.outsider.user.email, PASSWORD)
    assert world.need.title not in outsider_page.get(f"/mentors/{world.profile.id}").text
