"""Sessions that really end: logout and password change refuse cookies captured before them."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.conftest import csrf_token, log_in, post_form
from tests.factories import PASSWORD, make_user


def captured_cookies(client: FlaskClient) -> dict[str, str]:
    return {name: client.get_cookie(name).value for name in ("session", "remember_token") if client.get_cookie(name)}


def replay(app, cookies: dict[str, str]) -> FlaskClient:
    """A second browser that presents the captured cookies (as an attacker who stole them would)."""
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value, domain="localhost")
    return thief


def test_session_cookie_captured_before_logout_is_refused_after_it(app, client, db_session):
    user = make_user(app, db_session)
    log_in(client, user.email, PASSWORD, remember=True)
    cookies = captured_cookies(client)
    assert set(cookies) == {"session", "remember_token"}
    assert replay(app, cookies).get("/dashboard").status_code == 200  # the captured cookies work...

    post_form(client, "/account/logout", {})
    assert client.get("/dashboard").status_code == 302
    thief = replay(app, cookies)
    response = thief.get("/dashboard")
    assert response.status_code == 302  # ...and are refused once the user has logged out
    assert response.headers["Location"].startswith("/account/login")
    only_remember = replay(app, {"remember_token": cookies["remember_token"]})
    assert only_remember.get("/dashboard").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, db_session):
    user = make_user(app, db_session)
    log_in(client, user.email, PASSWORD)
    other_device = app.test_client()
    log_in(other_device, user.email, PASSWORD)
    response = post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "new_password": "a brand new password", "confirm": "a brand new password"},
    )
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert other_device.get("/dashboard").status_code == 302
    assert log_in(app.test_client(), user.email, PASSWORD).status_code == 200  # old password refused
    assert log_in(app.test_client(), user.email, "a brand new password").status_code == 302


def test_wrong_current_password_changes_nothing(app, client, db_session):
    user = make_user(app, db_session)
    log_in(client, user.email, PASSWORD)
    before = user.password_hash
    response = post_form(
        client,
        "/account/password",
        {
            "current_password": "not it at all",
            "new_password": "a brand new password",
            "confirm": "a brand new password",
        },
        headers={"Accept-Language": "en"},
    )
    assert "The current password is not right." in response.get_data(as_text=True)
    db_session.refresh(user)
    assert user.password_hash == before


def test_login_starts_a_new_session(app, client, db_session):
    user = make_user(app, db_session)
    csrf_token(client)
    before = client.get_cookie("session").value
    log_in(client, user.email, PASSWORD)
    assert client.get_cookie("session").value != before


def test_post_without_csrf_token_is_refused(app, client, db_session):
    user = make_user(app, db_session)
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/dashboard").status_code == 302
    log_in(client, user.email, PASSWORD)
    assert client.post("/account/logout").status_code == 400
    assert client.get("/dashboard").status_code == 200  # still logged in: the forged logout did nothing


def test_cookies_are_httponly_and_lax(app, client, db_session):
    user = make_user(app, db_session)
    response = log_in(client, user.email, PASSWORD, remember=True)
    cookies = response.headers.getlist("Set-Cookie")
    for name in ("session=", "remember_token="):
        header = next(c for c in cookies if c.startswith(name))
        assert "HttpOnly" in header
        assert "SameSite=Lax" in header
