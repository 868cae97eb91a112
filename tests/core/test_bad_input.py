"""Bad input of any shape never answers 500: a table of ~60 hostile values against the query strings of
the listing pages and the API (anonymously and signed in), the log-in and registration forms, and every
field of every JSON body the OpenAPI document names. API refusals keep the one error shape.

A request that fails rolls back before its error page is drawn, and that page keeps the security headers.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.errors import handle_unexpected
from tests.conftest import csrf_token, log_in
from tests.factories import PASSWORD, make_api_token, make_mentor, make_need, make_programme, make_solution, make_user

BAD_TEXT = [
    "\x00",
    "a\x00b",
    "%00",
    "²",
    "³",
    "١٢",
    "１２",
    "½",
    "Ⅻ",
    "0",
    "-1",
    "+1",
    " 1",
    "1.5",
    "1e9",
    "0x10",
    "NaN",
    "inf",
    "-0",
    "2147483648",
    "9223372036854775808",
    "9" * 40,
    "99999999999999999999999999999999999999999999999999999999999999",
    "",
    " ",
    "\t\r\n",
    "'",
    '"',
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "%' AND '1'='1",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "${7*7}",
    "../../etc/passwd",
    "null",
    "true",
    "[]",
    "{}",
    "=cmd|' /C calc'!A0",
    "\u202e",
    "\u200b",
    "\ufeff",
    "😀" * 50,
    "가" * 5000,
    "x" * 20000,
    "ㄱ",
    "\u3000",
    "a,b,c",
    "gyeonggi,,",
    "newest;DROP TABLE users",
    "-budget",
    "budget_desc",
    "\x1b[31m",
    "\x7f",
    "é",
    "İ",
    "ß",
]
BAD_JSON = [None, "\x00", "a\x00b", "", " ", 2**63, -(2**63) - 1, 10**40, -1, 0, 1.5, True, [], {}, [None], {"a": None}]
# One of each way a list reads its query (listing search, mentors, projects, interests), kept few for CI time.
LIST_PAGES = ["/needs/", "/programmes/", "/mentors/"]
SIGNED_IN_PAGES = ["/interests/", "/projects/"]
API_LISTS = ["/api/v1/solutions", "/api/v1/mentors", "/api/v1/projects"]
QUERY_ARGS = ["q", "page", "per_page", "sort", "status", "budget_min", "region", "box", "kind", "limit"]


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def assert_handled(response, api: bool) -> None:
    assert response.status_code < 500, (response.request.path, response.get_data(as_text=True)[:300])
    if api and response.status_code >= 400:
        error = response.get_json()["error"]
        assert set(error) == {"code", "message", "fields"}
        assert error["message"]


@pytest.fixture
def actors(app, db_session):
    """A token and a signed-in browser per side, and one listing of each kind to aim bodies at."""
    sme, supplier, sponsor, officer = (
        make_user(app, db_session, role) for role in (Role.SME, Role.SUPPLIER, Role.SPONSOR, Role.OFFICER)
    )
    need, solution = make_need(db_session, sme), make_solution(db_session, supplier)
    programme, mentor = make_programme(app, db_session, sponsor), make_mentor(app, db_session)
    tokens = {user.role: make_api_token(app, db_session, user)[1] for user in (sme, supplier, sponsor, officer)}
    ids = {
        "need_id": need.id,
        "solution_id": solution.id,
        "programme_id": programme.id,
        "organisation_id": sme.organisation_id,
        "mentor_id": mentor.id,
    }
    return {"sme": sme, "tokens": tokens, "ids": ids}


def every_arg(value: str) -> dict[str, str]:
    """Each query argument set to the value at once (every one is read, so each meets it)."""
    return dict.fromkeys(QUERY_ARGS, value)


def test_query_strings_never_fail_anonymously(client):
    for value in BAD_TEXT:
        for path in LIST_PAGES:
            assert_handled(client.get(path, query_string=every_arg(value)), api=False)


def test_query_strings_never_fail_signed_in(app, actors):
    browser = app.test_client()
    assert log_in(browser, actors["sme"].email, PASSWORD).status_code == 302
    headers = {"Authorization": f"Bearer {actors['tokens'][Role.SME]}"}
    need_matches = f"/api/v1/needs/{actors['ids']['need_id']}/matches"
    for value in BAD_TEXT:
        for path in SIGNED_IN_PAGES:
            assert_handled(browser.get(path, query_string=every_arg(value)), api=False)
        for path in [*API_LISTS, "/api/v1/interests", need_matches]:
            assert_handled(browser.get(path, query_string=every_arg(value), headers=headers), api=True)


def test_log_in_and_registration_forms_never_fail(client):
    token = csrf_token(client, "/account/login")
    login_fields = ("email", "password", "remember", "next")
    register_fields = ("email", "password", "display_name", "business_number", "employees", "region", "role")
    for value in BAD_TEXT:
        data = {"csrf_token": token} | dict.fromkeys(login_fields, value)
        assert_handled(client.post("/account/login", data=data, query_string={"next": value}), api=False)
        data = {"csrf_token": token} | dict.fromkeys(register_fields, value)
        assert_handled(client.post("/account/register", data=data), api=False)


def _operations(client, ids):
    """(method, path, its body's property names) for every JSON body the OpenAPI document describes."""
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if "requestBody" not in operation:
                continue
            reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            fields = list(schemas[reference.rsplit("/", 1)[-1]].get("properties", {}))
            yield method, path.format_map(_Ids(ids)), fields


class _Ids(dict):
    """The fixture's ids by parameter name; 1 for any other (a row that may not exist: 404 is fine too)."""

    def __missing__(self, name: str) -> int:
        return 1


ACTOR_BY_PATH = {"solutions": Role.SUPPLIER, "programmes": Role.SPONSOR, "payments": Role.OFFICER, "kpis": Role.OFFICER}


def test_every_json_body_field_refuses_bad_values_with_the_error_shape(client, actors):
    operations = list(_operations(client, actors["ids"]))
    assert len(operations) >= 15
    for method, path, fields in operations:
        role = next((r for key, r in ACTOR_BY_PATH.items() if key in path), Role.SME)
        headers = {"Authorization": f"Bearer {actors['tokens'][role]}", "Content-Type": "application/json"}
        send = getattr(client, method)
        for raw in (deep(1000), deep(100_000), '{"a":' * 3000, "\x00", '"\\u0000"', "null", "[]", "1e999", "{"):
            assert_handled(send(path, data=raw, headers=headers), api=True)
        for value in BAD_JSON:  # every field at once, then null in each field alone (the rest left out)
            assert_handled(send(path, data=json.dumps(dict.fromkeys(fields, value)), headers=headers), api=True)
        for field in fields:
            assert_handled(send(path, data=json.dumps({field: None}), headers=headers), api=True)


def test_null_for_a_not_null_organisation_field_is_a_field_error(client, actors, db_session):
    headers = {"Authorization": f"Bearer {actors['tokens'][Role.SME]}"}
    path = f"/api/v1/organisations/{actors['ids']['organisation_id']}"
    for field in ("name", "employees", "annual_revenue_krw", "region", "ksic_division", "smart_factory_level"):
        response = client.patch(path, json={field: None}, headers=headers)
        assert response.status_code == 400, (field, response.get_json())
        assert field in response.get_json()["error"]["fields"]


def test_a_nul_byte_is_refused_naming_the_field(client, actors):
    headers = {"Authorization": f"Bearer {actors['tokens'][Role.SME]}"}
    response = client.post("/api/v1/needs", json={"title": "로봇\x00"}, headers=headers)
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {"body": [response.get_json()["error"]["message"]]}
    page = client.get("/needs/", query_string={"q": "a\x00b"}, headers={"Accept-Language": "en"})
    assert page.status_code == 400
    assert "NUL" in page.get_data(as_text=True)


def test_a_json_body_nested_too_deep_is_a_400_in_the_error_shape(client, actors):
    headers = {"Authorization": f"Bearer {actors['tokens'][Role.SME]}", "Content-Type": "application/json"}
    response = client.post("/api/v1/needs", data=deep(1000), headers=headers)
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {"body": ["JSON object expected"]}


def test_a_failed_request_rolls_back_and_its_error_page_keeps_the_security_headers(app, db_session, actors):
    """As served in production (no exception propagates): a view whose statement fails mid-transaction."""
    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.register_error_handler(Exception, handle_unexpected)

    @app.get("/broken")
    def broken():
        db.session.execute(text("UPDATE users SET display_name = 'changed'"))
        db.session.execute(text("SELECT * FROM no_such_table"))  # aborts the transaction on PostgreSQL

    browser = app.test_client()
    assert log_in(browser, actors["sme"].email, PASSWORD).status_code == 302
    response = browser.get("/broken", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    assert actors["sme"].display_name in response.get_data(as_text=True)  # our page, the user still signed in
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert response.headers["X-Frame-Options"] == "DENY"
    db_session.expire_all()
    assert db_session.get(type(actors["sme"]), actors["sme"].id).display_name != "changed"  # nothing written


@pytest.mark.parametrize("path", ["/needs/{}", "/solutions/{}", "/programmes/{}", "/mentors/{}", "/api/v1/needs/{}"])
@pytest.mark.parametrize("number", [2**31, 2**63, 10**30])
def test_an_id_past_the_database_integer_is_not_found(client, actors, path, number):
    """Such an id answers as any id that matches no row: 404, or the log-in page where one is needed first."""
    headers = {"Authorization": f"Bearer {actors['tokens'][Role.SME]}"}
    no_row = client.get(path.format(2**31 - 1), headers=headers).status_code  # the largest id still routes
    assert no_row in (302, 404)
    assert client.get(path.format(number), headers=headers).status_code == no_row
