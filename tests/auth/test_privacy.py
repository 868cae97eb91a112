"""Consents at sign-up, the privacy page, the data download and closing an account."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from marketplace.account_data import CLOSED_NAME
from marketplace.auth.consents import ITEMS
from marketplace.auth.models import Consent, User
from marketplace.needs.models import NeedStatus
from tests.auth.links import sign_up_and_confirm
from tests.auth.test_accounts import SME_REGISTRATION
from tests.conftest import assert_error_shape, bearer, log_in, post_form
from tests.factories import PASSWORD, make_api_token, make_need, make_user


def test_registration_without_the_required_consents_is_refused_with_the_fields_message(client, db_session):
    data = {k: v for k, v in SME_REGISTRATION.items() if k != "consent_privacy"}
    page = post_form(client, "/account/register", data, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "You must agree to this to create an account." in page
    assert db_session.scalar(select(func.count()).select_from(User)) == 0
    ko = post_form(client, "/account/register", data, headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "동의해야 합니다" in ko


def test_each_consent_is_recorded_with_its_version_and_time(client, db_session):
    post_form(client, "/account/register", SME_REGISTRATION | {"consent_marketing_email": "y"})
    consents = db_session.scalars(select(Consent).order_by(Consent.item)).all()
    assert [(c.item, c.version) for c in consents] == [
        (key, ITEMS[key].version) for key in sorted(("terms", "privacy", "marketing_email"))
    ]
    assert all(c.granted_at is not None and c.withdrawn_at is None for c in consents)


def test_optional_consent_can_be_withdrawn_and_given_again_and_required_cannot(app, client, db_session):
    english = {"Accept-Language": "en"}
    sign_up_and_confirm(client, db_session, SME_REGISTRATION | {"consent_marketing_email": "y"}, headers=english)
    page = client.get("/account/privacy").get_data(as_text=True)
    assert "Agreed to version 2026-12" in page
    post_form(client, "/account/privacy/marketing_email", {"agree": "0"})
    marketing = db_session.scalar(select(Consent).where(Consent.item == "marketing_email"))
    assert marketing.withdrawn_at is not None
    post_form(client, "/account/privacy/marketing_email", {"agree": "1"})
    assert db_session.scalar(select(func.count()).where(Consent.item == "marketing_email")) == 2
    assert post_form(client, "/account/privacy/privacy", {"agree": "0"}).status_code == 404
    assert db_session.scalar(select(Consent).where(Consent.item == "privacy")).withdrawn_at is None


def test_a_user_downloads_their_data_from_the_page_and_the_api(app, client, db_session):
    user = make_user(app, db_session)
    need = make_need(db_session, user)
    log_in(client, user.email, PASSWORD)
    response = client.get("/account/data.json")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == user.email
    assert data["organisation"]["id"] == user.organisation_id
    assert [n["id"] for n in data["listings"]["needs"]] == [need.id]
    assert set(data) >= {"interests", "notifications", "consents", "api_tokens"}
    _token, plain = make_api_token(app, db_session, user)
    api = app.test_client().get("/api/v1/account/export", headers=bearer(plain))
    assert api.status_code == 200
    assert api.get_json()["account"]["email"] == user.email
    assert_error_shape(app.test_client().get("/api/v1/account/export"), 401, "unauthorised")


def test_closing_asks_for_the_password_again(app, client, db_session):
    user = make_user(app, db_session)
    log_in(client, user.email, PASSWORD)
    page = post_form(
        client, "/account/close", {"password": "wrong one", "understood": "y"}, headers={"Accept-Language": "en"}
    )
    assert "The password is not right." in page.get_data(as_text=True)
    db_session.refresh(user)
    assert user.active
    assert user.closed_at is None


def test_closing_withdraws_the_listings_anonymises_and_ends_everything(app, client, db_session):
    user = make_user(app, db_session)
    need = make_need(db_session, user)
    _token, plain = make_api_token(app, db_session, user)
    email = user.email
    log_in(client, email, PASSWORD)
    other = app.test_client()
    log_in(other, email, PASSWORD)
    response = post_form(client, "/account/close", {"password": PASSWORD, "understood": "y"})
    assert response.status_code == 302
    db_session.refresh(user)
    db_session.refresh(need)
    assert need.status == NeedStatus.WITHDRAWN
    assert user.closed_at is not None
    assert not user.active
    assert email not in user.email
    assert user.display_name == CLOSED_NAME
    assert other.get("/dashboard").status_code == 302
    assert app.test_client().get("/api/v1/me", headers=bearer(plain)).status_code == 401
    assert log_in(app.test_client(), email, PASSWORD).status_code == 200  # the log-in form again: refused


def test_a_colleague_keeps_the_organisations_listings_open(app, client, db_session):
    user = make_user(app, db_session)
    make_user(app, db_session, organisation=user.organisation)
    need = make_need(db_session, user)
    log_in(client, user.email, PASSWORD)
    post_form(client, "/account/close", {"password": PASSWORD, "understood": "y"})
    db_session.refresh(need)
    assert need.status == NeedStatus.OPEN


def test_a_closing_mentors_profile_leaves_the_market(app, client, db_session):
    from tests.factories import make_mentor

    profile = make_mentor(app, db_session)
    log_in(client, profile.user.email, PASSWORD)
    assert post_form(client, "/account/close", {"password": PASSWORD, "understood": "y"}).status_code == 302
    db_session.refresh(profile)
    assert profile.verified_at is None
    assert profile.bio == ""
