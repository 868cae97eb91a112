"""The JSON API: Bearer tokens, the error shape, /me, organisations, OpenAPI."""

from __future__ import annotations

import re

import pytest

from marketplace.api.openapi import api_rules
from marketplace.auth.models import Role
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, make_api_caller, make_organisation, make_user


@pytest.fixture
def sme(app, db_session):
    return make_api_caller(app, db_session, Role.SME)


def test_me_with_a_token(client, sme):
    user, token = sme
    body = client.get("/api/v1/me", headers=bearer(token)).get_json()
    assert body["email"] == user.email
    assert body["role"] == "sme"
    assert body["organisation"]["id"] == user.organisation_id


@pytest.mark.parametrize("header", [None, "Bearer ssg_not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer "])
def test_me_without_a_valid_token_is_401(client, header):
    headers = {"Authorization": header} if header else {}
    assert_error_shape(client.get("/api/v1/me", headers=headers), 401, "unauthorised")


def test_session_cookie_is_not_an_api_credential(app, client, db_session):
    user = make_user(app, db_session)
    log_in(client, user.email, PASSWORD)
    assert client.get("/api/v1/me").status_code == 401


def test_revoked_token_is_refused(app, client, db_session, sme):
    user, token = sme
    log_in(client, user.email, PASSWORD)
    token_id = user.api_tokens[0].id
    assert post_form(client, f"/account/tokens/{token_id}/revoke", {}).status_code == 302
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_token_created_on_profile_page_works_once_shown(app, client, db_session):
    user = make_user(app, db_session)
    log_in(client, user.email, PASSWORD)
    page = post_form(client, "/account/tokens", {"name": "ERP sync"}).get_data(as_text=True)
    token = page.split('id="new-token">')[1].split("<")[0]
    assert token.startswith("ssg_")
    assert app.test_client().get("/api/v1/me", headers=bearer(token)).get_json()["id"] == user.id
    assert token not in client.get("/account/").get_data(as_text=True)  # shown once only


def test_other_users_cannot_revoke_my_token(app, client, db_session, sme):
    _user, token = sme
    token_id = sme[0].api_tokens[0].id
    intruder = make_user(app, db_session, Role.SUPPLIER)
    log_in(client, intruder.email, PASSWORD)
    assert post_form(client, f"/account/tokens/{token_id}/revoke", {}).status_code == 404
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200


def test_get_organisation_hides_private_fields_from_other_organisations(app, client, db_session, sme):
    user, token = sme
    own = client.get(f"/api/v1/organisations/{user.organisation_id}", headers=bearer(token)).get_json()
    assert own["annual_revenue_krw"] == user.organisation.annual_revenue_krw
    other = make_organisation(db_session)
    theirs = client.get(f"/api/v1/organisations/{other.id}", headers=bearer(token)).get_json()
    assert theirs["name"] == other.name
    assert theirs["annual_revenue_krw"] is None
    assert theirs["contact_phone"] is None


def test_patch_own_organisation(client, db_session, sme):
    user, token = sme
    response = client.patch(
        f"/api/v1/organisations/{user.organisation_id}",
        json={"employees": 52, "industrial_complex": "banwol", "smart_factory_level": "intermediate1"},
        headers=bearer(token),
    )
    assert response.status_code == 200
    assert response.get_json()["employees"] == 52
    db_session.refresh(user.organisation)
    assert user.organisation.industrial_complex == "banwol"


def test_patch_another_organisation_is_403_and_writes_nothing(client, db_session, sme):
    _user, token = sme
    other = make_organisation(db_session, employees=10)
    response = client.patch(f"/api/v1/organisations/{other.id}", json={"employees": 999}, headers=bearer(token))
    assert_error_shape(response, 403, "forbidden")
    db_session.refresh(other)
    assert other.employees == 10


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"employees": -1}, "employees"),
        ({"employees": "many"}, "employees"),
        ({"annual_revenue_krw": 1.5}, "annual_revenue_krw"),
        ({"region": "atlantis"}, "region"),
        ({"industrial_complex": "changwon"}, "industrial_complex"),  # not in the organisation's region
        ({"ksic_division": "99"}, "ksic_division"),
        ({"name": ""}, "name"),
        ({"business_number": "1248100998"}, "business_number"),  # fixed: identifies the organisation
        ({"colour": "blue"}, "colour"),
    ],
)
def test_patch_with_bad_fields_is_400_naming_the_field(client, db_session, sme, body, field):
    user, token = sme
    before = user.organisation.employees
    response = client.patch(f"/api/v1/organisations/{user.organisation_id}", json=body, headers=bearer(token))
    error = assert_error_shape(response, 400, "validation_failed")
    assert field in error["fields"]
    db_session.refresh(user.organisation)
    assert user.organisation.employees == before


def test_patch_with_non_json_body_is_400(client, sme):
    user, token = sme
    response = client.patch(f"/api/v1/organisations/{user.organisation_id}", data="employees=3", headers=bearer(token))
    assert_error_shape(response, 400, "validation_failed")


def test_unknown_api_path_is_json_404(client):
    assert_error_shape(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_missing_organisation_is_json_404(client, sme):
    _user, token = sme
    assert_error_shape(client.get("/api/v1/organisations/999999", headers=bearer(token)), 404, "not_found")


def test_openapi_describes_every_api_route(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    for rule in api_rules(app):
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)  # <int:id> and <code> alike
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in document["paths"].get(path, {}), f"{method} {path} is not documented"
    patch = document["paths"]["/api/v1/organisations/{organisation_id}"]["patch"]
    assert patch["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("OrganisationPatch")
    assert "OrganisationPatch" in document["components"]["schemas"]


def test_cli_prints_a_working_token(app, runner, db_session):
    user = make_user(app, db_session)
    result = runner.invoke(args=["api-token", user.email])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    assert app.test_client().get("/api/v1/me", headers=bearer(token)).get_json()["email"] == user.email
    assert runner.invoke(args=["api-token", "nobody@example.kr"]).exit_code != 0
