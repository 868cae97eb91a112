"""The API's limits are the spec's: 405 with Allow, every query parameter bounded, out-of-range refused."""

from __future__ import annotations

import pytest

from marketplace.auth.models import Role
from tests.conftest import assert_error_shape, bearer, log_in
from tests.factories import PASSWORD, make_api_token, make_need, make_user


@pytest.fixture
def token(app, db_session) -> str:
    return make_api_token(app, db_session, make_user(app, db_session, Role.SME))[1]


def test_a_method_the_api_path_lacks_is_a_json_405_naming_the_allowed_ones(client, token):
    response = client.put("/api/v1/needs", json={}, headers=bearer(token))
    assert_error_shape(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}


def test_a_method_a_page_lacks_is_a_405_page_naming_the_allowed_ones(app, client, db_session):
    user = make_user(app, db_session)
    log_in(client, user.email, PASSWORD)
    response = client.delete(f"/needs/{make_need(db_session, user).id}")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "text/html" in response.content_type
    assert response.headers["Content-Security-Policy"]  # still our page, with our headers


@pytest.mark.parametrize("method", ["GET", "PATCH"])
def test_an_id_past_the_database_integer_is_a_404_whatever_the_method(client, token, method):
    response = client.open("/api/v1/needs/2147483648", method=method, json={"title": "x"}, headers=bearer(token))
    assert_error_shape(response, 404, "not_found")


def test_every_query_parameter_in_the_document_has_its_limits(client):
    document = client.get("/api/v1/openapi.json").get_json()
    parameters = [
        (path, parameter["name"], parameter["schema"])
        for path, operations in document["paths"].items()
        for operation in operations.values()
        for parameter in operation["parameters"]
    ]
    assert len(parameters) > 60
    for path, name, schema in parameters:
        if schema["type"] == "string":
            assert "enum" in schema or "maxLength" in schema, (path, name, schema)
        else:
            assert schema["type"] == "integer", (path, name, schema)
            assert {"minimum", "maximum"} <= set(schema), (path, name, schema)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("per_page=101", "per_page"),
        ("page=0", "page"),
        ("page=²", "page"),
        ("budget_min=-1", "budget_min"),
        ("status=sleeping", "status"),
        ("category=teleport", "category"),
        ("sort=random", "sort"),
        ("q=" + "가" * 201, "q"),
        ("pagee=2", "pagee"),  # a misspelt parameter must not silently list everything
    ],
)
def test_a_query_outside_the_documented_limits_is_refused_by_name(client, token, query, field):
    response = client.get(f"/api/v1/needs?{query}", headers=bearer(token))
    assert assert_error_shape(response, 400, "validation_failed")["fields"].keys() == {field}


def test_the_documented_limits_themselves_are_accepted(client, token):
    query = "per_page=100&page=1&budget_min=0&status=open&category=mes&sort=&q=" + "가" * 200
    assert client.get(f"/api/v1/needs?{query}", headers=bearer(token)).status_code == 200


@pytest.mark.parametrize("desired_start", [0, 1700000000, "1700000000", "2026-13-01"])
def test_a_date_is_only_yyyy_mm_dd(app, client, db_session, token, desired_start):
    body = {
        "title": "사출 라인 MES",
        "description": "가동률을 보고 싶습니다.",
        "category": "mes",
        "funding_tier": "basic",
        "budget_krw": 50_000_000,
        "desired_start": desired_start,
    }
    response = client.post("/api/v1/needs", json=body, headers=bearer(token))
    assert assert_error_shape(response, 400, "validation_failed")["fields"].keys() == {"desired_start"}
    assert client.get("/api/v1/needs?status=open", headers=bearer(token)).get_json()["total"] == 0
