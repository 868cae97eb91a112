"""Mentor sign-up, verification and its badge, who sees which profile and engagement, search, API shapes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace import clock
from marketplace.auth.models import Role
from marketplace.matches.sources import mentor_listing, need_listing
from matching.fits import fit_mentor
from mentors.models import MentorProfile
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, make_api_token, make_engagement, make_mentor, make_user

PROFILE = {
    "headline": "프레스 금형 설계 30년",
    "bio": "현대자동차 협력사에서 프레스 금형을 설계했습니다.",
    "former_employer": "전 현대자동차",
    "years_experience": 30,
    "specialties": ["plc_automation"],
    "expertise": "프레스 금형 설계, 스프링백 보정, 버 불량",
    "industries": ["30"],
    "regions": ["ulsan", "gyeongnam"],
    "languages": ["ko", "ja"],
    "available_from": "2026-03-01",
    "available_until": "2027-12-31",
}


@pytest.fixture
def mentor(app, db_session):
    user = make_user(app, db_session, Role.MENTOR)
    return user, make_api_token(app, db_session, user)[1]


def test_a_mentor_signs_up_through_the_api_unverified_with_capacity_two(client, db_session, mentor):
    user, token = mentor
    response = client.post("/api/v1/mentors", json=PROFILE, headers=bearer(token))
    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert (data["capacity"], data["open_slots"], data["is_verified"]) == (2, 2, False)
    assert data["title"] == f"{user.display_name} — 프레스 금형 설계 30년"
    again = client.post("/api/v1/mentors", json=PROFILE, headers=bearer(token))
    assert_error_shape(again, 409, "conflict")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"headline": ""}, "headline"),
        ({"specialties": []}, "specialties"),
        ({"specialties": ["teleport"]}, "specialties"),
        ({"industries": ["99"]}, "industries"),
        ({"regions": ["atlantis"]}, "regions"),
        ({"languages": ["xx"]}, "languages"),
        ({"years_experience": 71}, "years_experience"),
        ({"capacity": 0}, "capacity"),
        ({"available_until": "2026-01-01"}, "available_until"),
    ],
)
def test_bad_profiles_are_refused_by_field(client, db_session, mentor, changes, field):
    _user, token = mentor
    response = client.post("/api/v1/mentors", json=PROFILE | changes, headers=bearer(token))
    assert field in assert_error_shape(response, 400, "validation_failed")["fields"]
    assert db_session.scalar(select(MentorProfile)) is None


def test_only_mentors_sign_up(app, client, db_session):
    sme = make_user(app, db_session, Role.SME)
    token = make_api_token(app, db_session, sme)[1]
    assert_error_shape(client.post("/api/v1/mentors", json=PROFILE, headers=bearer(token)), 403, "forbidden")


def test_the_profile_form_then_an_officer_verifies_and_the_badge_shows(app, client, db_session, mentor):
    user, _token = mentor
    log_in(client, user.email, PASSWORD)
    form = PROFILE | {"years_experience": "30", "capacity": "2"}
    response = post_form(client, "/mentors/profile", form)
    assert response.status_code == 302
    profile = db_session.scalar(select(MentorProfile))
    officer = make_user(app, db_session, Role.OFFICER)
    officer_browser = app.test_client()
    log_in(officer_browser, officer.email, PASSWORD)
    assert "Not verified yet" in officer_browser.get(f"/mentors/{profile.id}", headers={"Accept-Language": "en"}).text
    assert post_form(officer_browser, f"/mentors/{profile.id}/verification", {"verified": "yes"}).status_code == 302
    db_session.refresh(profile)
    assert profile.verified_by_id == officer.id
    assert "✓ Verified" in client.get(f"/mentors/{profile.id}", headers={"Accept-Language": "en"}).text
    assert post_form(client, f"/mentors/{profile.id}/verification", {"verified": "yes"}).status_code == 403


def test_capacity_cannot_drop_below_running_engagements(app, client, db_session, world):
    make_engagement(db_session, world.profile, world.need, status="active")
    make_engagement(db_session, world.profile, world.need, status="accepted")
    log_in(client, world.mentor.user.email, PASSWORD)
    form = PROFILE | {"years_experience": "30", "capacity": "1"}
    response = post_form(client, "/mentors/profile", form, headers={"Accept-Language": "en"})
    assert "capacity cannot be lower" in response.text
    db_session.refresh(world.profile)
    assert world.profile.capacity == 2


def test_unverified_profiles_are_hidden_from_other_members(app, client, db_session, world):
    unverified = make_mentor(app, db_session, verified=False)
    url = f"/api/v1/mentors/{unverified.id}"
    assert_error_shape(client.get(url, headers=bearer(world.sme.token)), 404, "not_found")
    assert client.get(url, headers=bearer(world.officer.token)).status_code == 200
    listed = client.get("/api/v1/mentors", headers=bearer(world.sme.token)).get_json()
    assert [item["id"] for item in listed["items"]] == [world.profile.id]
    officers = client.get("/api/v1/mentors?verified=no", headers=bearer(world.officer.token)).get_json()
    assert [item["id"] for item in officers["items"]] == [unverified.id]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("q=사출", True),
        ("q=은줄", True),
        ("q=injection", False),
        ("specialty=mes", True),
        ("specialty=erp", False),
        ("industry=22", True),
        ("region=gyeonggi", True),
        ("region=busan", False),
        ("language=ko", True),
    ],
)
def test_search_and_filters(client, db_session, world, query, found):
    data = client.get(f"/api/v1/mentors?{query}", headers=bearer(world.sme.token)).get_json()
    assert (data["total"] == 1) is found


def test_the_browse_page_in_both_languages(app, client, db_session, world):
    log_in(client, world.sme.user.email, PASSWORD)
    for language in ("ko", "en"):
        page = client.get("/mentors/?q=사출", headers={"Accept-Language": language})
        assert page.status_code == 200
        assert world.profile.headline in page.text
    assert app.test_client().get("/mentors/").status_code == 302  # members only


@pytest.mark.parametrize("who", ["mentor", "sme", "sponsor", "officer"])
def test_parties_and_officers_see_an_engagement(client, db_session, world, who):
    engagement = make_engagement(db_session, world.profile, world.need, world.sponsor.user)
    response = client.get(f"/api/v1/engagements/{engagement.id}", headers=bearer(getattr(world, who).token))
    assert response.status_code == 200
    assert set(response.get_json()) >= {"id", "mentor_id", "need_id", "status", "planned_end", "events", "logs"}


def test_others_cannot_see_or_change_an_engagement(app, client, db_session, world):
    engagement = make_engagement(db_session, world.profile, world.need)
    other_mentor = make_mentor(app, db_session)
    other_token = make_api_token(app, db_session, other_mentor.user)[1]
    for token in (world.outsider.token, other_token):
        assert_error_shape(client.get(f"/api/v1/engagements/{engagement.id}", headers=bearer(token)), 404, "not_found")
        move = client.post(
            f"/api/v1/engagements/{engagement.id}/transitions", json={"action": "accept"}, headers=bearer(token)
        )
        assert move.status_code == 404
    log_in(client, world.outsider.user.email, PASSWORD)
    assert client.get(f"/mentors/engagements/{engagement.id}").status_code == 404
    db_session.refresh(engagement)
    assert engagement.status == "proposed"


def test_what_the_matching_engine_reads(app, db_session, world):
    busy = make_mentor(app, db_session, capacity=1)
    make_engagement(db_session, busy, world.need, status="active")
    later = make_mentor(app, db_session, available_from=clock.today() + timedelta(days=60))
    unverified = make_mentor(app, db_session, verified=False)
    db_session.refresh(busy)
    assert (world.profile.open_slots, busy.open_slots) == (2, 0)
    # The engine's hard filters (matching.fits) on what the web side tells it of each mentor: one free
    # a little after the work starts is kept (lower, saying from when); a full or unverified one is not.
    need = need_listing(world.need).facts
    fits = {
        p.id: fit_mentor(need, mentor_listing(p).facts, clock.today()) for p in (world.profile, busy, later, unverified)
    }
    assert {listing_id for listing_id, fit in fits.items() if fit.allowed} == {world.profile.id, later.id}
    assert "available_later" in [reason.code for reason in fits[later.id].reasons]
    assert fits[later.id].score < fits[world.profile.id].score
    listing = mentor_listing(world.profile)
    assert world.profile.headline in listing.text
    assert world.profile.expertise in listing.text
    specialties = [label for coded in listing.facts.specialties for label in (coded.ko, coded.en)]
    assert "MES (생산관리시스템)" in specialties
    assert "Vision inspection / quality" in specialties
    assert "고무 및 플라스틱제품 제조업" in [coded.ko for coded in listing.facts.industries]
    assert world.profile.title.endswith("사출성형 불량 개선 30년")


def test_the_openapi_document_lists_the_mentor_api(client):
    document = client.get("/api/v1/openapi.json").get_json()
    paths = document["paths"]
    expected = {
        "/api/v1/mentors": {"get", "post"},
        "/api/v1/mentors/{mentor_id}": {"get"},
        "/api/v1/engagements": {"post"},
        "/api/v1/engagements/{engagement_id}": {"get"},
        "/api/v1/engagements/{engagement_id}/transitions": {"post"},
        "/api/v1/engagements/{engagement_id}/logs": {"post"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    proposal = document["components"]["schemas"]["EngagementIn"]
    assert set(proposal["properties"]) >= {"mentor_id", "need_id", "project_id", "start_date", "months"}
    assert set(proposal["required"]) == {"mentor_id", "need_id", "start_date", "months"}
    transition = paths["/api/v1/engagements/{engagement_id}/transitions"]["post"]
    assert {"400", "403", "404", "409"} <= set(transition["responses"])
