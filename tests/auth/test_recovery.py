"""Email verification and password reset: links that work once, expire, cannot be forged, and tell nobody
who is registered."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.auth.models import AccountToken, Role, User
from marketplace.db import utcnow
from tests.auth.links import emailed_link, outbox_count
from tests.auth.test_accounts import SME_REGISTRATION
from tests.conftest import bearer, log_in, post_form
from tests.factories import PASSWORD, make_api_token, make_user

NEW_PASSWORD = "a brand new password"


def ask_reset(client, email: str):
    return post_form(client, "/account/forgot", {"email": email}, headers={"Accept-Language": "en"})


def test_registration_emails_a_link_that_verifies_once(app, client, db_session):
    english = {"Accept-Language": "en"}
    assert post_form(client, "/account/register", SME_REGISTRATION, headers=english).status_code == 200
    user = db_session.scalar(select(User).where(User.email == "minjun@daesung.kr"))
    assert not user.email_verified
    log_in(client, user.email, SME_REGISTRATION["password"])  # the password works before the address is proven
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Please confirm your email address" in page
    link = emailed_link(db_session, user.email, "verify_email")
    assert client.get(link).status_code == 200  # opening the page changes nothing (mail scanners)
    db_session.refresh(user)
    assert not user.email_verified
    assert post_form(client, link, {}).status_code == 302
    db_session.refresh(user)
    assert user.email_verified
    again = post_form(client, link, {}, headers={"Accept-Language": "en"})
    assert again.status_code == 400
    assert "does not work any more" in again.get_data(as_text=True)


def test_verification_email_is_in_the_language_of_registration(client, db_session):
    post_form(client, "/account/register", SME_REGISTRATION, headers={"Accept-Language": "en"})
    body = db_session.scalar(select(AccountToken.email))
    assert body == "minjun@daesung.kr"
    from marketplace.notifications.models import OutboxEmail

    email = db_session.scalar(select(OutboxEmail).where(OutboxEmail.kind == "verify_email"))
    assert email.locale == "en"
    assert "Confirm your email address" in email.subject


def test_reset_sets_the_password_ends_sessions_and_tokens_and_works_once(app, client, db_session):
    user = make_user(app, db_session)
    _token, plain = make_api_token(app, db_session, user)
    other = app.test_client()
    log_in(other, user.email, PASSWORD)
    assert other.get("/dashboard").status_code == 200

    assert "If an account uses" in ask_reset(client, user.email).get_data(as_text=True)
    link = emailed_link(db_session, user.email, "reset_password")
    assert client.get(link).status_code == 200
    data = {"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    assert post_form(client, link, data).headers["Location"].endswith("/account/login")

    assert other.get("/dashboard").status_code == 302  # every other session ended
    assert app.test_client().get("/api/v1/me", headers=bearer(plain)).status_code == 401
    assert log_in(client, user.email, PASSWORD).status_code == 200  # the old password fails (form again)
    assert log_in(client, user.email, NEW_PASSWORD).status_code == 302
    assert post_form(app.test_client(), link, data).status_code == 400  # used once


def test_an_expired_reset_link_is_refused(app, client, db_session):
    user = make_user(app, db_session)
    ask_reset(client, user.email)
    link = emailed_link(db_session, user.email, "reset_password")
    token = db_session.scalar(select(AccountToken).where(AccountToken.user_id == user.id))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db_session.commit()
    assert client.get(link).status_code == 400
    assert post_form(client, link, {"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 400


@pytest.mark.parametrize(
    "tamper",
    [
        lambda link: link[:-2] + ("AA" if not link.endswith("AA") else "BB"),  # the signature no longer matches
        lambda link: link.replace("/reset/", "/verify/"),  # a reset link used to verify
        lambda link: link.rsplit("/", 1)[0] + "/garbage",
    ],
)
def test_a_changed_link_is_refused(app, client, db_session, tamper):
    user = make_user(app, db_session, email_verified_at=None)
    ask_reset(client, user.email)
    link = tamper(emailed_link(db_session, user.email, "reset_password"))
    assert client.get(link).status_code == 400
    assert post_form(client, link, {"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 400
    db_session.refresh(user)
    assert not user.email_verified


def test_a_right_signature_with_a_wrong_secret_is_refused(app, client, db_session):
    from marketplace.auth.tokens import sign_link

    user = make_user(app, db_session)
    ask_reset(client, user.email)
    token = db_session.scalar(select(AccountToken).where(AccountToken.user_id == user.id))
    with app.app_context():
        forged = sign_link("reset_password", token.id, "not-the-secret")
    assert client.get(f"/account/reset/{forged}").status_code == 400


def test_changing_the_password_ends_earlier_reset_links(app, client, db_session):
    user = make_user(app, db_session)
    ask_reset(client, user.email)
    link = emailed_link(db_session, user.email, "reset_password")
    log_in(client, user.email, PASSWORD)
    data = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    post_form(client, "/account/password", data)
    assert app.test_client().get(link).status_code == 400


def test_forgot_password_tells_nothing_about_who_is_registered(app, client, db_session):
    user = make_user(app, db_session)
    known = ask_reset(client, user.email)
    unknown = ask_reset(client, "nobody@example.kr")
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True).replace(user.email, "X") == unknown.get_data(as_text=True).replace(
        "nobody@example.kr", "X"
    )
    assert outbox_count(db_session, user.email) == 1
    assert outbox_count(db_session, "nobody@example.kr") == 0


def test_forgot_password_takes_the_same_time_whether_or_not_the_account_exists(app, client, db_session):
    user = make_user(app, db_session)
    timings: dict[str, list[float]] = {"known": [], "unknown": []}
    for _round in range(15):
        for name, email in (("known", user.email), ("unknown", "nobody@example.kr")):
            started = time.perf_counter()
            ask_reset(client, email)
            timings[name].append(time.perf_counter() - started)
    known, unknown = statistics.median(timings["known"]), statistics.median(timings["unknown"])
    # One timing class: no password hashing on either side, the known case queues one more row.
    assert known < unknown * 2, timings
    assert unknown < known * 2, timings


def test_unverified_users_use_the_site_but_cannot_reach_other_parties(app, client, db_session):
    from tests.factories import make_need

    sme = make_user(app, db_session)
    need = make_need(db_session, sme)
    supplier = make_user(app, db_session, Role.SUPPLIER, email_verified_at=None)
    log_in(client, supplier.email, PASSWORD)
    assert client.get(f"/needs/{need.id}").status_code == 200
    _token, plain = make_api_token(app, db_session, supplier)
    body = {"target_type": "need", "target_id": need.id, "message": "관심 있습니다"}
    response = client.post("/api/v1/interests", json=body, headers=bearer(plain))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "email_not_verified"
