"""Sponsor programmes: create, find, who sees and changes what, validation, the state machine."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.validation import MAX_LISTING_KRW, MAX_POOL_KRW
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, TODAY, make_api_caller, make_api_token, make_programme, make_user

EN = {"Accept-Language": "en"}


def api_body(**changes) -> dict:
    body = {
        "name": "POSCO 상생 스마트화 2025",
        "description": "철강 협력사의 에너지 절감과 품질 개선을 위한 공동 투자",
        "pledged_pool_krw": 3_000_000_000,
        "per_project_cap_krw": 120_000_000,
        "sponsor_share_percent": 30,
        "focus_categories": ["fems", "mes"],
        "focus_industries": ["24", "25"],
        "focus_regions": ["gyeongbuk"],
        "focus_tiers": ["basic", "advanced1"],
        "applications_open_on": "2025-03-01",
        "applications_close_on": "2025-04-30",
        "offers_mentoring": True,
    }
    return body | changes


def form_body(**changes) -> dict:
    values = api_body(
        pledged_pool_krw="3000000000",
        per_project_cap_krw="120000000",
        sponsor_share_percent="30",
        offers_mentoring="y",
    )
    return values | changes


def count_programmes(session) -> int:
    return session.scalar(select(func.count()).select_from(SponsorProgramme))


def ids(response) -> list[int]:
    return [item["id"] for item in response.get_json()["items"]]


@pytest.fixture
def sponsor(app, db_session):
    return make_api_caller(app, db_session, Role.SPONSOR)


@pytest.fixture
def reader(app, db_session):
    """Any logged-in API user (an SME) who owns no programme."""
    return make_api_caller(app, db_session, Role.SME)


# Creating


def test_sponsor_creates_a_draft_with_the_form(app, client, db_session, sponsor):
    user, _token = sponsor
    log_in(client, user.email, PASSWORD)
    response = post_form(client, "/programmes/new", form_body(save_draft="1"))
    assert response.status_code == 302
    programme = db_session.scalars(select(SponsorProgramme)).one()
    assert programme.status == ProgrammeStatus.DRAFT
    assert programme.organisation_id == user.organisation_id
    assert programme.focus_categories == ["fems", "mes"]
    assert programme.offers_mentoring is True
    assert programme.applications_close_on == date(2025, 4, 30)
    assert response.headers["Location"].endswith(f"/programmes/{programme.id}")


def test_open_now_button_opens_the_programme(app, client, db_session, sponsor):
    user, _token = sponsor
    log_in(client, user.email, PASSWORD)
    assert post_form(client, "/programmes/new", form_body(open_now="1")).status_code == 302
    assert db_session.scalars(select(SponsorProgramme)).one().status == ProgrammeStatus.OPEN


def test_sponsor_creates_with_the_api(client, db_session, sponsor):
    user, token = sponsor
    response = client.post("/api/v1/programmes", json=api_body(), headers=bearer(token))
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "draft"
    assert body["organisation_id"] == user.organisation_id
    assert body["organisation_name"] == user.organisation.name
    assert body["pledged_pool_krw"] == 3_000_000_000
    assert body["per_project_cap_krw"] == 120_000_000
    assert body["focus_tiers"] == ["advanced1", "basic"]
    assert body["applications_open_on"] == "2025-03-01"
    opened = client.post("/api/v1/programmes", json=api_body(status="open"), headers=bearer(token)).get_json()
    assert opened["status"] == "open"
    assert count_programmes(db_session) == 2


def test_empty_focus_lists_mean_any(client, sponsor):
    _user, token = sponsor
    body = api_body(focus_categories=[], focus_regions=[])
    del body["focus_industries"], body["focus_tiers"], body["offers_mentoring"]
    created = client.post("/api/v1/programmes", json=body, headers=bearer(token)).get_json()
    assert created["focus_categories"] == created["focus_industries"] == created["focus_tiers"] == []
    assert created["offers_mentoring"] is False


def test_only_sponsors_create(app, client, db_session, reader):
    user, token = reader
    assert_error_shape(client.post("/api/v1/programmes", json=api_body(), headers=bearer(token)), 403, "forbidden")
    log_in(client, user.email, PASSWORD)
    assert client.get("/programmes/new").status_code == 403
    assert count_programmes(db_session) == 0


# Validation


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"description": "  "}, "description"),
        ({"pledged_pool_krw": 0}, "pledged_pool_krw"),
        ({"pledged_pool_krw": -1_000_000}, "pledged_pool_krw"),
        ({"pledged_pool_krw": MAX_POOL_KRW + 1, "per_project_cap_krw": 1}, "pledged_pool_krw"),
        ({"pledged_pool_krw": "lots"}, "pledged_pool_krw"),
        ({"pledged_pool_krw": 100_000_000, "per_project_cap_krw": 100_000_001}, "per_project_cap_krw"),
        ({"per_project_cap_krw": MAX_LISTING_KRW + 1, "pledged_pool_krw": MAX_POOL_KRW}, "per_project_cap_krw"),
        ({"sponsor_share_percent": 0}, "sponsor_share_percent"),
        ({"sponsor_share_percent": 101}, "sponsor_share_percent"),
        ({"focus_categories": ["mes", "teleportation"]}, "focus_categories"),
        ({"focus_industries": ["99"]}, "focus_industries"),
        ({"focus_regions": ["atlantis"]}, "focus_regions"),
        ({"focus_tiers": ["platinum"]}, "focus_tiers"),
        ({"applications_open_on": "2025-05-01", "applications_close_on": "2025-04-30"}, "applications_close_on"),
        ({"applications_open_on": None}, "applications_open_on"),
        ({"applications_close_on": "someday"}, "applications_close_on"),
        ({"offers_mentoring": "maybe"}, "offers_mentoring"),
        ({"status": "closed"}, "status"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_invalid_field_is_400_naming_it_and_writes_nothing(client, db_session, sponsor, changes, field):
    _user, token = sponsor
    response = client.post("/api/v1/programmes", json=api_body(**changes), headers=bearer(token))
    error = assert_error_shape(response, 400, "validation_failed")
    assert field in error["fields"]
    assert count_programmes(db_session) == 0


def test_invalid_patch_changes_nothing(app, client, db_session, sponsor):
    user, token = sponsor
    programme = make_programme(app, db_session, user)
    response = client.patch(
        f"/api/v1/programmes/{programme.id}",
        json={"name": "새 이름", "per_project_cap_krw": programme.pledged_pool_krw + 1},
        headers=bearer(token),
    )
    assert "per_project_cap_krw" in assert_error_shape(response, 400, "validation_failed")["fields"]
    db_session.refresh(programme)
    assert programme.name == "상생형 스마트공장 지원사업"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pledged_pool_krw": "0"}, "Enter a positive whole number of won."),
        ({"per_project_cap_krw": "3000000001"}, "The cap per project cannot exceed the pledged pool."),
        ({"sponsor_share_percent": "101"}, "Enter a whole percentage from 1 to 100."),
        ({"applications_close_on": "2025-02-01"}, "Applications cannot close before they open."),
        ({"name": ""}, "This field is required."),
        ({"focus_regions": ["atlantis"]}, "Choose values from the list."),
    ],
)
def test_form_shows_the_fields_message(app, client, db_session, sponsor, changes, message):
    user, _token = sponsor
    log_in(client, user.email, PASSWORD)
    response = post_form(client, "/programmes/new", form_body(**changes), headers=EN)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count_programmes(db_session) == 0


# Finding


def test_korean_search_finds_focus_and_text_and_tolerates_typos(app, client, db_session, reader):
    _user, token = reader
    energy = make_programme(
        app,
        db_session,
        name="그린 제조 혁신 프로그램",
        description="협력사 공장의 에너지 절감 설비를 지원합니다",
        focus_categories=["fems"],
    )
    vision = make_programme(app, db_session, name="비전검사 품질 고도화", focus_categories=["vision_quality"])

    def search(q: str) -> list[int]:
        return ids(client.get("/api/v1/programmes", query_string={"q": q}, headers=bearer(token)))

    assert search("에너지") == [energy.id]
    assert search("에너지절감") == [energy.id]  # spaces optional
    assert search("energy management") == [energy.id]  # the focus label in English
    assert search("그린 제조 혁신 프로그램") == [energy.id]
    assert search("그린 제주 혁신") == [energy.id]  # one wrong syllable in the name
    assert search("vision") == [vision.id]


def test_filters_combine_and_empty_focus_means_any(app, client, db_session, reader):
    _user, token = reader
    exact = make_programme(
        app, db_session, focus_categories=["fems", "mes"], focus_regions=["gyeonggi"], focus_tiers=["basic"]
    )
    anything = make_programme(app, db_session)
    make_programme(app, db_session, focus_categories=["mes"], focus_regions=["gyeonggi"], focus_tiers=["basic"])
    make_programme(app, db_session, focus_categories=["fems"], focus_regions=["busan"])
    make_programme(app, db_session, focus_categories=["fems"], focus_tiers=["advanced2"])
    make_programme(app, db_session, status=ProgrammeStatus.DRAFT)  # someone else's draft
    query = {"category": "fems", "region": "gyeonggi", "tier": "basic"}
    found = ids(client.get("/api/v1/programmes", query_string=query, headers=bearer(token)))
    assert sorted(found) == sorted([exact.id, anything.id])
    industry = ids(client.get("/api/v1/programmes", query_string=query | {"industry": "24"}, headers=bearer(token)))
    assert sorted(industry) == sorted([exact.id, anything.id])
    unknown = client.get("/api/v1/programmes", query_string={"region": "atlantis"}, headers=bearer(token))
    assert assert_error_shape(unknown, 400, "validation_failed")["fields"].keys() == {"region"}
    page = client.get("/programmes/", query_string=query).get_data(as_text=True)
    assert f"/programmes/{exact.id}" in page
    assert f"/programmes/{anything.id}" in page


def test_cap_and_status_filters_and_sorts(app, client, db_session, reader):
    _user, token = reader
    small = make_programme(app, db_session, per_project_cap_krw=20_000_000, pledged_pool_krw=9_000_000_000)
    large = make_programme(
        app, db_session, per_project_cap_krw=400_000_000, applications_close_on=TODAY + timedelta(days=5)
    )
    closed = make_programme(app, db_session, status=ProgrammeStatus.CLOSED, per_project_cap_krw=50_000_000)

    def listed(**query) -> list[int]:
        return ids(client.get("/api/v1/programmes", query_string=query, headers=bearer(token)))

    assert listed(budget_min=50_000_000) == [closed.id, large.id]
    assert listed(budget_max=50_000_000) == [closed.id, small.id]
    assert listed(status="closed") == [closed.id]
    assert listed(sort="cap_desc") == [large.id, closed.id, small.id]
    assert listed(sort="pool_desc")[0] == small.id
    assert listed(sort="closing_soon")[0] == large.id
    bad = client.get("/api/v1/programmes", query_string={"budget_min": "many"}, headers=bearer(token))
    assert "budget_min" in assert_error_shape(bad, 400, "validation_failed")["fields"]


@pytest.mark.parametrize("sort", ["", "newest", "pool_desc", "closing_soon"])
def test_pagination_is_stable(app, client, db_session, reader, sort):
    _user, token = reader
    same_time = datetime(2025, 1, 1, tzinfo=UTC)  # ties everywhere: only the id can order them
    made = {make_programme(app, db_session, created_at=same_time).id for _ in range(7)}
    seen: list[int] = []
    for page in range(1, 5):
        query = {"per_page": 2, "page": page, "sort": sort}
        body = client.get("/api/v1/programmes", query_string=query, headers=bearer(token)).get_json()
        assert body["total"] == 7
        seen += [item["id"] for item in body["items"]]
    assert sorted(seen) == sorted(made)


def test_api_list_needs_a_token(client):
    assert_error_shape(client.get("/api/v1/programmes"), 401, "unauthorised")


# Who sees and changes what


def test_drafts_are_seen_only_by_the_owner_and_overseers(app, client, db_session, sponsor, reader):
    owner, owner_token = sponsor
    draft = make_programme(app, db_session, owner, name="비공개 초안 프로그램", status=ProgrammeStatus.DRAFT)
    make_programme(app, db_session, name="공개 프로그램")
    _reader, reader_token = reader
    assert client.get(f"/programmes/{draft.id}").status_code == 404
    anonymous_browse = client.get("/programmes/").get_data(as_text=True)
    assert "공개 프로그램" in anonymous_browse
    assert "비공개 초안" not in anonymous_browse
    assert "비공개 초안" not in client.get("/programmes/?status=draft").get_data(as_text=True)
    assert_error_shape(client.get(f"/api/v1/programmes/{draft.id}", headers=bearer(reader_token)), 404, "not_found")
    assert draft.id not in ids(client.get("/api/v1/programmes", headers=bearer(reader_token)))
    rival = make_user(app, db_session, Role.SPONSOR)
    _t, rival_token = make_api_token(app, db_session, rival)
    assert client.get(f"/api/v1/programmes/{draft.id}", headers=bearer(rival_token)).status_code == 404
    assert client.get(f"/api/v1/programmes/{draft.id}", headers=bearer(owner_token)).status_code == 200
    assert draft.id in ids(client.get("/api/v1/programmes", headers=bearer(owner_token)))
    officer = make_user(app, db_session, Role.OFFICER)
    _t, officer_token = make_api_token(app, db_session, officer)
    assert client.get(f"/api/v1/programmes/{draft.id}", headers=bearer(officer_token)).status_code == 200


@pytest.mark.parametrize("role", [Role.SPONSOR, Role.SME, Role.OFFICER])
def test_others_cannot_patch(app, client, db_session, role):
    programme = make_programme(app, db_session)
    other = make_user(app, db_session, role)
    _t, token = make_api_token(app, db_session, other)
    response = client.patch(f"/api/v1/programmes/{programme.id}", json={"name": "가로채기"}, headers=bearer(token))
    assert_error_shape(response, 403, "forbidden")
    db_session.refresh(programme)
    assert programme.name == "상생형 스마트공장 지원사업"


def test_owner_and_admin_patch(app, client, db_session, sponsor):
    user, token = sponsor
    programme = make_programme(app, db_session, user)
    response = client.patch(
        f"/api/v1/programmes/{programme.id}",
        json={"per_project_cap_krw": 42_000_000, "focus_regions": ["ulsan"], "focus_tiers": None},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["focus_regions"] == ["ulsan"]
    admin = make_user(app, db_session, Role.ADMIN)
    _t, admin_token = make_api_token(app, db_session, admin)
    assert (
        client.patch(
            f"/api/v1/programmes/{programme.id}", json={"name": "관리자 수정"}, headers=bearer(admin_token)
        ).get_json()["name"]
        == "관리자 수정"
    )
    db_session.refresh(programme)
    assert programme.per_project_cap_krw == 42_000_000
    assert programme.focus_tiers == []


def test_owner_edits_with_the_form_others_cannot(app, client, db_session, sponsor):
    user, _token = sponsor
    programme = make_programme(app, db_session, user)
    log_in(client, user.email, PASSWORD)
    assert client.get(f"/programmes/{programme.id}/edit").status_code == 200
    response = post_form(client, f"/programmes/{programme.id}/edit", form_body(name="이름 바꿈", focus_regions=[]))
    assert response.status_code == 302
    db_session.refresh(programme)
    assert programme.name == "이름 바꿈"
    assert programme.focus_regions == []
    rival = make_user(app, db_session, Role.SPONSOR)
    other = app.test_client()
    log_in(other, rival.email, PASSWORD)
    assert other.get(f"/programmes/{programme.id}/edit").status_code == 403
    assert post_form(other, f"/programmes/{programme.id}/transitions", {"action": "close"}).status_code == 403
    db_session.refresh(programme)
    assert programme.status == ProgrammeStatus.OPEN


# The state machine


@pytest.mark.parametrize(
    ("state", "action", "status", "result"),
    [
        (ProgrammeStatus.DRAFT, "open", 200, ProgrammeStatus.OPEN),
        (ProgrammeStatus.DRAFT, "close", 409, ProgrammeStatus.DRAFT),
        (ProgrammeStatus.OPEN, "open", 409, ProgrammeStatus.OPEN),
        (ProgrammeStatus.OPEN, "close", 200, ProgrammeStatus.CLOSED),
        (ProgrammeStatus.CLOSED, "open", 200, ProgrammeStatus.OPEN),
        (ProgrammeStatus.CLOSED, "close", 409, ProgrammeStatus.CLOSED),
        (ProgrammeStatus.OPEN, "archive", 400, ProgrammeStatus.OPEN),
    ],
)
def test_transitions(app, client, db_session, sponsor, state, action, status, result):
    user, token = sponsor
    programme = make_programme(app, db_session, user, status=state)
    response = client.post(
        f"/api/v1/programmes/{programme.id}/transitions", json={"action": action}, headers=bearer(token)
    )
    assert response.status_code == status
    if status == 200:
        assert response.get_json()["status"] == result
    else:
        assert_error_shape(response, status, "invalid_transition" if status == 409 else "validation_failed")
    db_session.refresh(programme)
    assert programme.status == result


def test_owner_closes_from_the_page(app, client, db_session, sponsor):
    user, _token = sponsor
    programme = make_programme(app, db_session, user)
    log_in(client, user.email, PASSWORD)
    page = client.get(f"/programmes/{programme.id}", headers=EN).get_data(as_text=True)
    assert 'value="close"' in page
    assert 'value="open"' not in page
    response = post_form(client, f"/programmes/{programme.id}/transitions", {"action": "close"})
    assert response.status_code == 302
    db_session.refresh(programme)
    assert programme.status == ProgrammeStatus.CLOSED


# The programme page


def test_programme_page_shows_money_focus_window_and_sponsor(app, client, db_session, sponsor):
    user, _token = sponsor
    programme = make_programme(
        app,
        db_session,
        user,
        pledged_pool_krw=2_500_000_000,
        per_project_cap_krw=42_000_000,
        sponsor_share_percent=35,
        focus_categories=["fems"],
        focus_industries=["24"],
        offers_mentoring=True,
    )
    page = client.get(f"/programmes/{programme.id}", headers=EN).get_data(as_text=True)
    assert "₩2,500,000,000" in page
    assert "₩42,000,000" in page
    assert "35% of each project" in page
    assert "FEMS / energy management" in page
    assert "Basic metals" in page
    assert "Any region" in page
    assert "Open until" in page
    assert "is offered" in page
    assert user.organisation.name in page
    assert f"/organisations/{user.organisation_id}" not in page  # the link is for logged-in users
    log_in(client, user.email, PASSWORD)
    assert f"/organisations/{user.organisation_id}" in client.get(f"/programmes/{programme.id}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("open_in", "close_in", "status", "wording"),
    [
        (-10, 10, ProgrammeStatus.OPEN, "Open until"),
        (0, 0, ProgrammeStatus.OPEN, "Open until"),
        (5, 30, ProgrammeStatus.OPEN, "Opens on"),
        (-30, -1, ProgrammeStatus.OPEN, "Closed"),
        (-10, 10, ProgrammeStatus.CLOSED, "Closed"),
    ],
)
def test_application_window_wording(app, client, db_session, open_in, close_in, status, wording):
    programme = make_programme(
        app,
        db_session,
        applications_open_on=TODAY + timedelta(days=open_in),
        applications_close_on=TODAY + timedelta(days=close_in),
        status=status,
    )
    page = client.get(f"/programmes/{programme.id}", headers=EN).get_data(as_text=True)
    assert wording in page
    for other in {"Open until", "Opens on"} - {wording}:
        assert other not in page


def test_korean_page(app, client, db_session):
    programme = make_programme(app, db_session, focus_categories=["fems"])
    page = client.get(f"/programmes/{programme.id}", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "FEMS·에너지관리" in page
