"""Register, log in, log out, change password: what a user sees, and what is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role, User
from marketplace.organisations.models import Organisation
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_user

VALID_BRN = "124-81-00998"  # a real, published number (check digit valid)

SME_REGISTRATION = {
    "role": "sme",
    "display_name": "김민준",
    "email": "Minjun@Daesung.kr",
    "password": "a long enough password",
    "confirm": "a long enough password",
    "name": "대성정밀(주)",
    "business_number": VALID_BRN,
    "ksic_division": "25",
    "region": "gyeonggi",
    "industrial_complex": "sihwa",
    "employees": "45",
    "annual_revenue_krw": "9500000000",
    "smart_factory_level": "basic",
    "consent_terms": "y",
    "consent_privacy": "y",
}


def count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


def test_sme_registers_with_its_organisation_and_is_logged_in(client, db_session):
    response = post_form(client, "/account/register", SME_REGISTRATION)
    assert response.status_code == 302
    user = db_session.scalar(select(User).where(User.email == "minjun@daesung.kr"))
    assert user.role == Role.SME
    assert user.password_hash.startswith("$argon2id$")
    assert user.organisation.name == "대성정밀(주)"
    assert user.organisation.business_number == "1248100998"
    assert client.get("/dashboard").status_code == 200


def test_wrong_business_number_is_refused_with_its_message_and_nothing_is_written(client, db_session):
    data = SME_REGISTRATION | {"business_number": "124-81-00997"}
    response = post_form(client, "/account/register", data, headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This business registration number is not valid: its check digit does not match." in page
    assert count(db_session, User) == 0
    assert count(db_session, Organisation) == 0


def test_business_number_message_is_korean_for_korean_users(client):
    data = SME_REGISTRATION | {"business_number": "12481"}
    page = post_form(client, "/account/register", data, headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "사업자등록번호는 10자리" in page


def test_mentor_registers_without_an_organisation(client, db_session):
    data = {k: SME_REGISTRATION[k] for k in ("display_name", "password", "confirm", "consent_terms", "consent_privacy")}
    data |= {"role": "mentor", "email": "mentor@example.kr"}
    assert post_form(client, "/account/register", data).status_code == 302
    mentor = db_session.scalar(select(User).where(User.email == "mentor@example.kr"))
    assert mentor.role == Role.MENTOR
    assert mentor.organisation is None


def test_organisation_roles_must_give_their_organisation(client, db_session):
    data = SME_REGISTRATION | {"name": "", "business_number": ""}
    page = post_form(client, "/account/register", data, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert page.count("Required for an organisation.") == 2
    assert count(db_session, User) == 0


def test_duplicate_email_and_business_number_are_refused(app, client, db_session):
    post_form(client, "/account/register", SME_REGISTRATION)
    other = app.test_client()
    page = post_form(other, "/account/register", SME_REGISTRATION, headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "An account with this email already exists" in page
    page = post_form(
        other, "/account/register", SME_REGISTRATION | {"email": "other@daesung.kr"}, headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "This organisation is already registered" in page
    assert count(db_session, User) == 1


def test_officer_and_admin_roles_cannot_be_chosen_at_registration(client, db_session):
    data = {k: SME_REGISTRATION[k] for k in ("display_name", "password", "confirm", "consent_terms", "consent_privacy")}
    data |= {"role": "admin", "email": "sneaky@example.kr"}
    response = post_form(client, "/account/register", data)
    assert response.status_code == 200
    assert count(db_session, User) == 0


def test_login_with_wrong_password_shows_one_message_for_both_cases(app, client, db_session):
    user = make_user(app, db_session)
    for email, password in ((user.email, "wrong password!"), ("nobody@example.kr", PASSWORD)):
        response = log_in(client, email, password)
        assert response.status_code == 200
        assert "The email or password is not right." in response.get_data(as_text=True) or "이메일 또는 비밀번호" in (
            response.get_data(as_text=True)
        )
    assert client.get("/dashboard").status_code == 302


def test_disabled_user_cannot_log_in(app, client, db_session):
    user = make_user(app, db_session, active=False)
    log_in(client, user.email, PASSWORD)
    assert client.get("/dashboard").status_code == 302


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/account/", "/account/"),
        ("https://evil.example/phish", "/dashboard"),
        ("//evil.example/phish", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
        ("javascript:alert(1)", "/dashboard"),
    ],
)
def test_next_only_leads_to_our_own_host(app, client, db_session, next_url, expected):
    user = make_user(app, db_session)
    response = post_form(client, f"/account/login?next={next_url}", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == expected
