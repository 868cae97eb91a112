"""Login is rate-limited (memory storage here; Redis in production, a setting)."""

from __future__ import annotations

import pytest

from tests.conftest import log_in
from tests.factories import PASSWORD, make_user


@pytest.fixture
def app_overrides():
    return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute"}


def test_fourth_login_attempt_in_a_minute_is_refused(app, client, db_session):
    user = make_user(app, db_session)
    for _ in range(3):
        assert log_in(client, user.email, "wrong password!").status_code == 200
    response = log_in(
        client,
        user.email,
        PASSWORD,
    )
    assert response.status_code == 429
    assert client.get("/dashboard").status_code == 302  # even the right password waits


def test_rate_limited_page_says_why(app, client, db_session):
    for _ in range(4):
        response = log_in(
            client,
            "someone@example.kr",
            "whatever password",
        )
    assert "잠시 후" in response.get_data(as_text=True) or "wait a minute" in response.get_data(as_text=True)
