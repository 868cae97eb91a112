"""Saved searches through /api/v1 and the pages: save, list, read, change, delete; another user's is a 404; bad
input of any shape is a 400 naming the field, and nothing is written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.saved_searches.models import SavedSearch
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, make_api_token, make_user


@pytest.fixture
def supplier(app, db_session):
    user = make_user(app, db_session, Role.SUPPLIER)
    return user, bearer(make_api_token(app, db_session, user)[1])


def _count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(SavedSearch)) or 0


def test_api_saves_lists_changes_and_deletes(client, app, db_session, supplier):
    _user, headers = supplier
    body = {"name": "사출 MES", "area": "needs", "filters": {"q": "사출", "category": "mes", "budget_min": "1000"}}
    created = client.post("/api/v1/saved-searches", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    search = created.get_json()
    assert (search["name"], search["area"], search["alerts"]) == ("사출 MES", "needs", True)
    assert search["filters"] == {"q": "사출", "category": "mes", "budget_min": "1000"}
    listed = client.get("/api/v1/saved-searches", headers=headers).get_json()
    assert [item["id"] for item in listed["items"]] == [search["id"]]
    changed = client.patch(
        f"/api/v1/saved-searches/{search['id']}", json={"name": "금형", "alerts": False}, headers=headers
    )
    assert (changed.get_json()["name"], changed.get_json()["alerts"]) == ("금형", False)
    assert client.get(f"/api/v1/saved-searches/{search['id']}", headers=headers).get_json()["name"] == "금형"
    assert client.delete(f"/api/v1/saved-searches/{search['id']}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/saved-searches/{search['id']}", headers=headers).status_code == 404


def test_another_users_saved_search_does_not_exist(client, app, db_session, supplier):
    _user, headers = supplier
    search = client.post("/api/v1/saved-searches", json={"name": "내 것", "area": "solutions"}, headers=headers)
    search_id = search.get_json()["id"]
    other = bearer(make_api_token(app, db_session, make_user(app, db_session, Role.SUPPLIER))[1])
    for response in (
        client.get(f"/api/v1/saved-searches/{search_id}", headers=other),
        client.patch(f"/api/v1/saved-searches/{search_id}", json={"name": "뺏기"}, headers=other),
        client.delete(f"/api/v1/saved-searches/{search_id}", headers=other),
    ):
        assert_error_shape(response, 404, "not_found")
    assert client.get("/api/v1/saved-searches", headers=other).get_json()["items"] == []
    assert client.get(f"/api/v1/saved-searches/{search_id}", headers=headers).get_json()["name"] == "내 것"


BAD_BODIES = [
    ({"name": "", "area": "needs"}, "name"),
    ({"name": "가" * 101, "area": "needs"}, "name"),
    ({"name": "x\u0000y", "area": "needs"}, "body"),
    ({"name": "검색", "area": "projects"}, "area"),
    ({"name": "검색", "area": "needs", "filters": {"colour": "red"}}, "filters"),
    ({"name": "검색", "area": "needs", "filters": {"page": "2"}}, "filters"),
    ({"name": "검색", "area": "needs", "filters": {"q": "사" * 5000}}, "filters"),
    ({"name": "검색", "area": "needs", "filters": {"budget_min": "lots"}}, "filters"),
    ({"name": "검색", "area": "needs", "filters": ["q"]}, "filters"),
    ({"name": "검색", "area": "needs", "alerts": "maybe"}, "alerts"),
    ({"name": "검색", "area": "needs", "alerts": 0}, "alerts"),
    ({"name": "검색", "area": "needs", "filters": {"q": 1.5}}, "filters"),
    ({"name": "검색", "area": "needs", "filters": {"budget_min": True}}, "filters"),
    ({"name": "검색", "area": "needs", "owner": 3}, "owner"),
    ({"name": 12, "area": "needs"}, "name"),
]


@pytest.mark.parametrize(("body", "field"), BAD_BODIES)
def test_bad_input_is_a_400_naming_the_field(client, db_session, supplier, body, field):
    _user, headers = supplier
    error = assert_error_shape(
        client.post("/api/v1/saved-searches", json=body, headers=headers), 400, "validation_failed"
    )
    assert field in error["fields"], error
    assert _count(db_session) == 0


def test_a_bad_change_is_refused_and_nothing_changes(client, db_session, supplier):
    _user, headers = supplier
    search_id = client.post(
        "/api/v1/saved-searches", json={"name": "원래", "area": "mentors"}, headers=headers
    ).get_json()["id"]
    for body, field in (({"name": ""}, "name"), ({"name": None}, "name"), ({"area": "needs"}, "area")):
        response = client.patch(f"/api/v1/saved-searches/{search_id}", json=body, headers=headers)
        assert field in assert_error_shape(response, 400, "validation_failed")["fields"]
    assert client.get(f"/api/v1/saved-searches/{search_id}", headers=headers).get_json()["name"] == "원래"


def test_the_pages_save_list_open_rename_and_delete(client, app, db_session):
    user = make_user(app, db_session, Role.SUPPLIER)
    log_in(client, user.email, PASSWORD)
    browse = client.get("/needs/?q=사출&category=mes&page=2").get_data(as_text=True)
    assert 'id="save-search"' in browse
    saved = post_form(
        client,
        "/saved-searches/",
        {"name": "사출 MES", "area": "needs", "query": "q=사출&category=mes&page=2", "alerts": "y"},
    )
    assert saved.status_code == 302
    search = db_session.scalars(select(SavedSearch)).one()
    assert search.filters == {"q": "사출", "category": "mes"}
    listing = client.get("/saved-searches/").get_data(as_text=True)
    assert "사출 MES" in listing
    assert "사출 · MES" in listing  # what it keeps, in words: the category's label, not its code
    opened = client.get(f"/saved-searches/{search.id}")
    assert opened.status_code == 302
    assert "/needs/?" in opened.location
    assert "category=mes" in opened.location
    assert post_form(client, f"/saved-searches/{search.id}/edit", {f"s{search.id}-name": "금형"}).status_code == 302
    db_session.refresh(search)
    assert (search.name, search.alerts) == ("금형", False)
    refused = post_form(client, f"/saved-searches/{search.id}/edit", {f"s{search.id}-name": ""})
    assert refused.status_code == 200
    assert "is-invalid" in refused.get_data(as_text=True)
    bad = post_form(client, "/saved-searches/", {"name": "", "area": "needs", "query": "colour=red"})
    assert bad.status_code == 200
    assert "invalid-feedback" in bad.get_data(as_text=True)
    unknown = post_form(client, "/saved-searches/", {"name": "색", "area": "needs", "query": "colour=red"})
    assert "colour" in unknown.get_data(as_text=True)
    assert _count(db_session) == 1

    stranger = app.test_client()
    log_in(stranger, make_user(app, db_session, Role.SUPPLIER).email, PASSWORD)
    assert stranger.get(f"/saved-searches/{search.id}").status_code == 404
    assert post_form(stranger, f"/saved-searches/{search.id}/delete", {}).status_code == 404
    assert "금형" not in stranger.get("/saved-searches/").get_data(as_text=True)

    assert post_form(client, f"/saved-searches/{search.id}/delete", {}).status_code == 302
    assert _count(db_session) == 0


def test_a_user_keeps_at_most_fifty(client, db_session, supplier):
    user, headers = supplier
    db_session.add_all(SavedSearch(user_id=user.id, name=f"검색 {n}", area="needs", filters={}) for n in range(50))
    db_session.flush()
    response = client.post("/api/v1/saved-searches", json={"name": "하나 더", "area": "needs"}, headers=headers)
    assert_error_shape(response, 409, "conflict")
    assert _count(db_session) == 50
