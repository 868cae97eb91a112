"""Organisation profile pages: who sees private details, editing with clear errors."""

from __future__ import annotations

from marketplace.auth.models import Role
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_organisation, make_user


def form_values(organisation, **changes) -> dict:
    values = {
        "name": organisation.name,
        "name_en": organisation.name_en or "",
        "ksic_division": organisation.ksic_division,
        "region": organisation.region,
        "industrial_complex": organisation.industrial_complex or "",
        "employees": str(organisation.employees),
        "annual_revenue_krw": str(organisation.annual_revenue_krw),
        "smart_factory_level": organisation.smart_factory_level,
        "contact_phone": organisation.contact_phone or "",
    }
    return values | changes


def test_members_see_revenue_others_do_not(app, client, db_session):
    org = make_organisation(db_session, annual_revenue_krw=12_345_678_000)
    member = make_user(app, db_session, Role.SME, organisation=org)
    outsider = make_user(app, db_session, Role.SUPPLIER)
    log_in(client, member.email, PASSWORD)
    assert "₩12,345,678,000" in client.get(f"/organisations/{org.id}").get_data(as_text=True)
    other = app.test_client()
    log_in(other, outsider.email, PASSWORD)
    page = other.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert org.name in page
    assert "12,345,678,000" not in page


def test_member_edits_the_profile(app, client, db_session):
    user = make_user(app, db_session, Role.SME)
    org = user.organisation
    log_in(client, user.email, PASSWORD)
    response = post_form(client, f"/organisations/{org.id}/edit", form_values(org, employees="77"))
    assert response.status_code == 302
    db_session.refresh(org)
    assert org.employees == 77


def test_complex_outside_the_region_is_refused_with_its_message(app, client, db_session):
    user = make_user(app, db_session, Role.SME)
    org = user.organisation
    log_in(client, user.email, PASSWORD)
    response = post_form(
        client,
        f"/organisations/{org.id}/edit",
        form_values(org, industrial_complex="changwon"),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "This industrial complex is not in the chosen region." in response.get_data(as_text=True)
    db_session.refresh(org)
    assert org.industrial_complex == "sihwa"


def test_negative_employees_are_refused(app, client, db_session):
    user = make_user(app, db_session, Role.SME)
    org = user.organisation
    log_in(client, user.email, PASSWORD)
    response = post_form(
        client, f"/organisations/{org.id}/edit", form_values(org, employees="-3"), headers={"Accept-Language": "en"}
    )
    assert "Enter a whole number of zero or more." in response.get_data(as_text=True)
