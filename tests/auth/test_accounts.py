"""Register, log in, log out, change password: what a user sees, and what is stored."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role, User
from marketplace.notifications.models import OutboxEmail
from marketplace.organisations.brn import complete_brn
from marketplace.organisations.models import Organisation
from tests.auth.links import emailed_link
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


def test_sme_registers_with_its_organisation_and_the_emailed_link_logs_it_in(client, db_session):
    sent = post_form(client, "/account/register", SME_REGISTRATION, headers={"Accept-Language": "en"})
    assert "We sent an email to Minjun@Daesung.kr" in sent.get_data(as_text=True)
    user = db_session.scalar(select(User).where(User.email == "minjun@daesung.kr"))
    assert user.role == Role.SME
    assert user.password_hash.startswith("$argon2id$")
    assert user.organisation.name == "대성정밀(주)"
    assert user.organisation.business_number == "1248100998"
    assert client.get("/dashboard").status_code == 302  # not logged in before the address is proven
    confirmed = post_form(client, emailed_link(db_session, user.email, "verify_email"), {})
    assert confirmed.headers["Location"].endswith("/dashboard")
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
    assert post_form(client, "/account/register", data).status_code == 200
    mentor = db_session.scalar(select(User).where(User.email == "mentor@example.kr"))
    assert mentor.role == Role.MENTOR
    assert mentor.organisation is None


def test_organisation_roles_must_give_their_organisation(client, db_session):
    data = SME_REGISTRATION | {"name": "", "business_number": ""}
    page = post_form(client, "/account/register", data, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert page.count("Required for an organisation.") == 2
    assert count(db_session, User) == 0


def test_a_taken_address_is_answered_as_a_new_one_and_its_owner_is_emailed(app, client, db_session):
    """Nobody learns from the form who is registered: the same page, the same status; the owner is told."""
    english = {"Accept-Language": "en"}
    new = post_form(client, "/account/register", SME_REGISTRATION, headers=english)
    again = SME_REGISTRATION | {"name": "다른회사", "business_number": complete_brn("220810123")}
    taken = post_form(app.test_client(), "/account/register", again, headers=english)
    assert new.status_code == taken.status_code == 200
    strip = re.compile(r'name="csrf_token"[^>]*>')
    assert strip.sub("", new.get_data(as_text=True)) == strip.sub("", taken.get_data(as_text=True))
    assert count(db_session, User) == 1
    assert count(db_session, Organisation) == 1
    kinds = db_session.scalars(select(OutboxEmail.kind).where(OutboxEmail.recipient == "minjun@daesung.kr")).all()
    assert sorted(kinds) == ["sign_up_attempt", "verify_email"]
    notice = db_session.scalar(select(OutboxEmail).where(OutboxEmail.kind == "sign_up_attempt"))
    assert "/account/forgot" in notice.body
    assert "already has an account" in notice.body


def test_a_taken_business_number_is_refused_with_its_message(app, client, db_session):
    post_form(client, "/account/register", SME_REGISTRATION)
    other = app.test_client()
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


class TestDevelopmentWithoutMailServer:
    """Tried locally with `make run`, nothing is sent: the page shows the email it queued, link and all."""

    @pytest.fixture
    def app_overrides(self):
        return {"ENV_NAME": "development", "SECRET_KEY": "development-test-key"}

    def test_the_sign_up_page_shows_the_email_with_its_working_link(self, client, db_session):
        sent = post_form(client, "/account/register", SME_REGISTRATION, headers={"Accept-Language": "en"})
        page = sent.get_data(as_text=True)
        assert 'id="shown-email"' in page
        link = re.search(r'href="https?://[^/"]+(/account/verify/[^"]+)"', page)
        assert link is not None
        assert post_form(client, link.group(1), {}).headers["Location"].endswith("/dashboard")
        assert client.get("/dashboard").status_code == 200


def test_outside_development_the_page_never_shows_the_email(client, db_session):
    page = post_form(client, "/account/register", SME_REGISTRATION).get_data(as_text=True)
    assert 'id="registration-sent"' in page
    assert 'id="shown-email"' not in page
