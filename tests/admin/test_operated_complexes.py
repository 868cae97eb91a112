"""An admin marks an organisation as a complex operator (the industrial complexes it operates): through the admin
page and the API, recorded in the admin edits; only a sponsor-kind organisation operates complexes; nobody else
may set it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.admin.commands import OperatedComplexesIn
from marketplace.admin.services import set_operated_complexes
from marketplace.audit import AdminEdit
from marketplace.auth.models import Role
from marketplace.errors import Forbidden, ValidationFailed
from marketplace.organisations.models import OrganisationKind
from tests.conftest import assert_error_shape, bearer, csrf_token, log_in
from tests.factories import PASSWORD, make_api_token, make_organisation, make_user


@pytest.fixture
def operator(db_session):
    return make_organisation(db_session, OrganisationKind.SPONSOR, name="한국산업단지공단")


def command(codes) -> OperatedComplexesIn:
    return OperatedComplexesIn.model_construct(_fields_set={"operated_complexes"}, operated_complexes=codes)


def test_an_admin_marks_a_sponsor_as_operator_and_it_is_recorded(app, db_session, operator):
    admin = make_user(app, db_session, Role.ADMIN)
    set_operated_complexes(db_session, admin, operator, command(["sihwa", "banwol", "banwol"]))
    db_session.commit()
    assert (operator.operated_complexes, operator.is_complex_operator) == (["banwol", "sihwa"], True)
    set_operated_complexes(db_session, admin, operator, command(["banwol", "sihwa"]))  # no change: no record
    set_operated_complexes(db_session, admin, operator, command([]))
    db_session.commit()
    assert operator.is_complex_operator is False
    edits = db_session.scalars(select(AdminEdit).order_by(AdminEdit.id)).all()
    assert [(e.target_type, e.target_id, e.action, e.changes) for e in edits] == [
        ("organisations", operator.id, "edit", {"operated_complexes": [[], ["banwol", "sihwa"]]}),
        ("organisations", operator.id, "edit", {"operated_complexes": [["banwol", "sihwa"], []]}),
    ]


@pytest.mark.parametrize("codes", [["atlantis"], "banwol", [1]])
def test_unknown_complexes_are_refused_naming_the_field(app, db_session, operator, codes):
    admin = make_user(app, db_session, Role.ADMIN)
    with pytest.raises(ValidationFailed) as refused:
        set_operated_complexes(db_session, admin, operator, command(codes))
    assert "operated_complexes" in refused.value.fields
    assert operator.operated_complexes in ([], None)


def test_only_a_sponsor_kind_organisation_operates_complexes(app, db_session):
    admin = make_user(app, db_session, Role.ADMIN)
    sme = make_organisation(db_session, OrganisationKind.SME)
    with pytest.raises(ValidationFailed) as refused:
        set_operated_complexes(db_session, admin, sme, command(["banwol"]))
    assert "operated_complexes" in refused.value.fields


@pytest.mark.parametrize("role", [Role.SPONSOR, Role.OFFICER, Role.SME, Role.SUPPLIER])
def test_nobody_but_an_admin_sets_it(app, db_session, role):
    member = make_user(app, db_session, role)
    with pytest.raises(Forbidden):
        set_operated_complexes(db_session, member, member.organisation, command(["banwol"]))


def test_the_api_sets_it_for_admins_only(app, db_session, client, operator):
    admin = make_user(app, db_session, Role.ADMIN)
    sponsor = make_user(app, db_session, Role.SPONSOR, organisation=operator)
    url = f"/api/v1/organisations/{operator.id}/operated-complexes"
    headers = bearer(make_api_token(app, db_session, admin)[1])
    response = client.put(url, json={"operated_complexes": ["banwol", "sihwa"]}, headers=headers)
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {
        "organisation_id": operator.id,
        "operated_complexes": ["banwol", "sihwa"],
        "is_complex_operator": True,
    }
    for body, field in (({"operated_complexes": ["atlantis"]}, "operated_complexes"), ({}, "operated_complexes")):
        error = assert_error_shape(client.put(url, json=body, headers=headers), 400, "validation_failed")
        assert field in error["fields"]
    own = bearer(make_api_token(app, db_session, sponsor)[1])
    assert_error_shape(client.put(url, json={"operated_complexes": []}, headers=own), 403, "forbidden")
    assert_error_shape(client.put(url, json={"operated_complexes": []}), 401, "unauthorised")
    missing = client.put(
        "/api/v1/organisations/999999/operated-complexes", json={"operated_complexes": []}, headers=headers
    )
    assert_error_shape(missing, 404, "not_found")
    db_session.expire_all()
    assert operator.operated_complexes == ["banwol", "sihwa"]


def test_the_admin_page_sets_it(app, db_session, client, operator):
    admin = make_user(app, db_session, Role.ADMIN)
    log_in(client, admin.email, PASSWORD)
    assert 'id="edit-complexes"' in client.get(f"/organisations/{operator.id}/edit").get_data(as_text=True)
    path = f"/admin/organisations/{operator.id}/complexes"
    assert client.get(path).status_code == 200
    token = csrf_token(client, path)
    refused = client.post(path, data={"csrf_token": token, "operated_complexes": ["atlantis"]})
    assert refused.status_code == 200
    assert "is-invalid" in refused.get_data(as_text=True)
    saved = client.post(path, data={"csrf_token": token, "operated_complexes": ["changwon"]})
    assert saved.status_code == 302
    db_session.expire_all()
    assert operator.operated_complexes == ["changwon"]
    assert "changwon" in client.get("/admin/edits").get_data(as_text=True)
    sponsor = make_user(app, db_session, Role.SPONSOR, organisation=operator)
    other = app.test_client()
    log_in(other, sponsor.email, PASSWORD)
    assert other.get(path).status_code == 403
    assert 'id="edit-complexes"' not in other.get(f"/organisations/{operator.id}/edit").get_data(as_text=True)
