"""Interest: the whole story through the pages and through the API, and every refusal."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.interests.models import Interest, InterestStatus
from marketplace.needs.models import Need, NeedStatus
from marketplace.notifications.models import Notification
from marketplace.solutions.models import Solution, SolutionStatus
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, make_api_token, make_need, make_user


def make_solution(session, owner, **fields) -> Solution:
    values = {
        "title": "AI 비전 용접 비드 검사",
        "description": "딥러닝으로 용접 비드 불량을 찾습니다.",
        "categories": ["vision_quality"],
        "price_min_krw": 40_000_000,
        "price_max_krw": 150_000_000,
        "funding_tiers": ["basic", "advanced1"],
        "regions_served": [],
        "status": SolutionStatus.ACTIVE,
    } | fields
    solution = Solution(organisation_id=owner.organisation_id, author_id=owner.id, **values)
    session.add(solution)
    session.commit()
    return solution


def interest_count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(Interest))


def test_the_whole_story_through_the_pages(app, db_session):
    """An SME posts a need in Korean; a supplier finds it by a Korean search, expresses interest;
    the SME sees it in its inbox, accepts; both now see each other's contact details."""
    sme = make_user(app, db_session, Role.SME, display_name="김민준")
    supplier = make_user(app, db_session, Role.SUPPLIER, display_name="이서연")
    sme_browser, supplier_browser = app.test_client(), app.test_client()

    log_in(sme_browser, sme.email, PASSWORD)
    post_form(
        sme_browser,
        "/needs/new",
        {
            "title": "금형 공장 생산관리 MES 도입",
            "description": "사출 금형 40벌의 수리 이력과 납기를 엑셀로 관리하고 있습니다.",
            "category": "mes",
            "funding_tier": "basic",
            "budget_krw": "90000000",
            "publish": "1",
        },
    )
    need = db_session.scalar(select(Need).where(Need.title == "금형 공장 생산관리 MES 도입"))

    log_in(supplier_browser, supplier.email, PASSWORD)
    results = supplier_browser.get("/needs/", query_string={"q": "금형 MES"}).get_data(as_text=True)
    assert f'href="/needs/{need.id}"' in results
    detail = supplier_browser.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "interests/" in detail
    assert 'name="message"' in detail
    response = post_form(
        supplier_browser,
        "/interests/",
        {"target_type": "need", "target_id": need.id, "message": "금형 MES 설치 30곳 경험이 있습니다."},
    )
    assert response.status_code == 302
    interest = db_session.scalar(select(Interest))

    inbox = sme_browser.get("/interests/?box=in").get_data(as_text=True)
    assert "금형 공장 생산관리 MES 도입" in inbox
    assert re.search(r'id="interest-unread">1<', inbox)  # the unread count in the navigation
    pending = sme_browser.get(f"/interests/{interest.id}").get_data(as_text=True)
    assert supplier.email not in pending  # no contact details before accepting
    assert "금형 MES 설치 30곳" in pending
    assert re.search(
        r'id="interest-unread">1<', sme_browser.get("/dashboard").get_data(as_text=True)
    )  # GET writes nothing
    assert 'id="mark-read"' in pending
    assert f'action="/interests/{interest.id}/open"' in inbox  # the inbox opens an unread one by a POST
    opened = post_form(sme_browser, f"/interests/{interest.id}/open", {})
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(f"/interests/{interest.id}")
    assert 'id="interest-unread"' not in sme_browser.get("/dashboard").get_data(as_text=True)  # now read
    assert sme_browser.get(f"/interests/{interest.id}/open").status_code == 405
    assert post_form(sme_browser, f"/interests/{interest.id}/read", {}).status_code == 302  # the page's button

    post_form(sme_browser, f"/interests/{interest.id}/decision", {"action": "accept"})
    for browser in (sme_browser, supplier_browser):
        page = browser.get(f"/interests/{interest.id}").get_data(as_text=True)
        assert supplier.email in page
        assert sme.email in page
        assert sme.organisation.contact_phone in page
    notifications = supplier_browser.get("/notifications/", headers={"Accept-Language": "en"})
    assert "accepted your interest" in notifications.get_data(as_text=True)


def test_the_whole_story_through_the_api(app, client, db_session):
    sme = make_user(app, db_session, Role.SME)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    sme_token = make_api_token(app, db_session, sme)[1]
    supplier_token = make_api_token(app, db_session, supplier)[1]

    created = client.post(
        "/api/v1/needs",
        json={
            "title": "도금 라인 에너지 모니터링",
            "description": "정류기 8대의 전력 사용량을 실시간으로 보고 싶습니다.",
            "category": "fems",
            "funding_tier": "basic",
            "budget_krw": 60_000_000,
        },
        headers=bearer(sme_token),
    )
    assert created.status_code == 201
    need_id = created.get_json()["id"]

    found = client.get("/api/v1/needs", query_string={"q": "도금 에너지"}, headers=bearer(supplier_token)).get_json()
    assert [item["id"] for item in found["items"]] == [need_id]

    sent = client.post(
        "/api/v1/interests",
        json={"target_type": "need", "target_id": need_id, "message": "FEMS 구축 경험이 많습니다."},
        headers=bearer(supplier_token),
    )
    assert sent.status_code == 201
    interest_id = sent.get_json()["id"]
    assert sent.get_json()["contact"] is None

    inbox = client.get("/api/v1/interests", query_string={"box": "in"}, headers=bearer(sme_token)).get_json()
    assert inbox["unread"] == 1
    assert [item["id"] for item in inbox["items"]] == [interest_id]
    assert inbox["items"][0]["contact"] is None
    assert client.get(f"/api/v1/interests/{interest_id}", headers=bearer(sme_token)).status_code == 200
    assert client.get("/api/v1/interests", headers=bearer(sme_token)).get_json()["unread"] == 1  # reading wrote nothing
    read = client.post(f"/api/v1/interests/{interest_id}/read", headers=bearer(sme_token))
    assert read.status_code == 200
    assert client.get("/api/v1/interests", headers=bearer(sme_token)).get_json()["unread"] == 0
    outbox = client.get("/api/v1/interests", query_string={"box": "out"}, headers=bearer(supplier_token)).get_json()
    assert [item["id"] for item in outbox["items"]] == [interest_id]

    accepted = client.post(f"/api/v1/interests/{interest_id}/accept", headers=bearer(sme_token)).get_json()
    assert accepted["status"] == "accepted"
    for token in (sme_token, supplier_token):
        contact = client.get(f"/api/v1/interests/{interest_id}", headers=bearer(token)).get_json()["contact"]
        assert contact["sender"]["email"] == supplier.email
        assert contact["recipient"]["email"] == sme.email
        assert contact["recipient"]["phone"] == sme.organisation.contact_phone
    inbox = client.get("/api/v1/interests", headers=bearer(sme_token)).get_json()
    assert inbox["unread"] == 0


def test_sme_expresses_interest_in_a_solution(app, client, db_session):
    supplier = make_user(app, db_session, Role.SUPPLIER)
    solution = make_solution(db_session, supplier)
    sme = make_user(app, db_session, Role.SME)
    token = make_api_token(app, db_session, sme)[1]
    response = client.post(
        "/api/v1/interests",
        json={"target_type": "solution", "target_id": solution.id, "message": "견적 부탁드립니다."},
        headers=bearer(token),
    )
    assert response.status_code == 201
    assert response.get_json()["recipient_organisation_id"] == supplier.organisation_id
    notified = db_session.scalar(select(Notification.user_id).where(Notification.kind == "interest_received"))
    assert notified == supplier.id


@pytest.mark.parametrize(
    ("sender_role", "target", "status"),
    [
        (Role.SME, "need", 403),  # SMEs do not court other SMEs' needs
        (Role.SUPPLIER, "solution", 403),
        (Role.OFFICER, "need", 403),
        (Role.MENTOR, "solution", 403),
        (Role.MENTOR, "need", 201),
        (Role.SPONSOR, "need", 201),
    ],
)
def test_who_may_express_interest_in_what(app, client, db_session, sender_role, target, status):
    sme = make_user(app, db_session, Role.SME)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    target_id = make_need(db_session, sme).id if target == "need" else make_solution(db_session, supplier).id
    sender = make_user(app, db_session, sender_role)
    token = make_api_token(app, db_session, sender)[1]
    response = client.post(
        "/api/v1/interests",
        json={"target_type": target, "target_id": target_id, "message": "hello"},
        headers=bearer(token),
    )
    assert response.status_code == status
    assert interest_count(db_session) == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"target_type": "planet"}, 400, "target_type"),
        ({"message": ""}, 400, "message"),
        ({"message": "x" * 1001}, 400, "message"),
        ({"target_id": 999_999}, 404, "target_id"),
        ({"target_id": "one"}, 400, "target_id"),
    ],
)
def test_bad_interest_requests_write_nothing(app, client, db_session, body, status, field):
    need = make_need(db_session, make_user(app, db_session, Role.SME))
    token = make_api_token(app, db_session, make_user(app, db_session, Role.SUPPLIER))[1]
    payload = {"target_type": "need", "target_id": need.id, "message": "hello"} | body
    response = client.post("/api/v1/interests", json=payload, headers=bearer(token))
    assert response.status_code == status
    assert field in response.get_json()["error"]["fields"]
    assert interest_count(db_session) == 0


def test_twice_is_a_conflict_and_closed_listings_refuse(app, client, db_session):
    sme = make_user(app, db_session, Role.SME)
    need = make_need(db_session, sme)
    closed = make_need(db_session, sme, status=NeedStatus.CLOSED)
    token = make_api_token(app, db_session, make_user(app, db_session, Role.SUPPLIER))[1]
    body = {"target_type": "need", "target_id": need.id, "message": "hello"}
    assert client.post("/api/v1/interests", json=body, headers=bearer(token)).status_code == 201
    assert_error_shape(client.post("/api/v1/interests", json=body, headers=bearer(token)), 409, "conflict")
    body["target_id"] = closed.id
    assert client.post("/api/v1/interests", json=body, headers=bearer(token)).status_code == 409
    assert interest_count(db_session) == 1


def test_only_the_recipient_decides_and_only_once(app, client, db_session):
    sme = make_user(app, db_session, Role.SME)
    need = make_need(db_session, sme)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    supplier_token = make_api_token(app, db_session, supplier)[1]
    sme_token = make_api_token(app, db_session, sme)[1]
    outsider_token = make_api_token(app, db_session, make_user(app, db_session, Role.SME))[1]
    interest_id = client.post(
        "/api/v1/interests",
        json={"target_type": "need", "target_id": need.id, "message": "hello"},
        headers=bearer(supplier_token),
    ).get_json()["id"]
    assert client.post(f"/api/v1/interests/{interest_id}/accept", headers=bearer(supplier_token)).status_code == 403
    assert client.get(f"/api/v1/interests/{interest_id}", headers=bearer(outsider_token)).status_code == 404
    assert client.post(f"/api/v1/interests/{interest_id}/accept", headers=bearer(outsider_token)).status_code == 404
    assert client.post(f"/api/v1/interests/{interest_id}/decline", headers=bearer(sme_token)).status_code == 200
    again = client.post(f"/api/v1/interests/{interest_id}/accept", headers=bearer(sme_token))
    assert_error_shape(again, 409, "invalid_transition")
    interest = db_session.get(Interest, interest_id)
    db_session.refresh(interest)
    assert interest.status == InterestStatus.DECLINED
    contact = client.get(f"/api/v1/interests/{interest_id}", headers=bearer(supplier_token)).get_json()["contact"]
    assert contact is None  # declined: no contact details


def test_bad_box_is_400(app, client, db_session):
    token = make_api_token(app, db_session, make_user(app, db_session, Role.SME))[1]
    response = client.get("/api/v1/interests", query_string={"box": "spam"}, headers=bearer(token))
    assert "box" in assert_error_shape(response, 400, "validation_failed")["fields"]
