"""API tokens end: on a password change, after their lifetime; and making them is rate-limited per account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import ApiToken
from marketplace.db import utcnow
from tests.conftest import bearer, log_in, post_form
from tests.factories import PASSWORD, make_api_token, make_user

NEW_PASSWORD = "a new horse battery staple"


@pytest.fixture
def app_overrides():
    return {"RATELIMIT_ENABLED": True, "API_TOKEN_RATE_LIMIT": "3 per hour", "API_TOKEN_LIFETIME_DAYS": 30}


def test_a_password_change_ends_every_api_token(app, client, db_session):
    user = make_user(app, db_session)
    tokens = [make_api_token(app, db_session, user, name)[1] for name in ("erp", "mes")]
    assert all(client.get("/api/v1/me", headers=bearer(t)).status_code == 200 for t in tokens)
    log_in(client, user.email, PASSWORD)
    form = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    assert post_form(client, "/account/password", form).status_code == 302
    for token in tokens:
        response = client.get("/api/v1/me", headers=bearer(token))
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthorised"


def test_a_token_expires_after_its_lifetime(app, client, db_session):
    user = make_user(app, db_session)
    (young, young_plain), (old, old_plain) = (make_api_token(app, db_session, user, n) for n in ("young", "old"))
    young.created_at = utcnow() - timedelta(days=29)
    old.created_at = utcnow() - timedelta(days=30, minutes=1)
    db_session.commit()
    assert client.get("/api/v1/me", headers=bearer(young_plain)).status_code == 200
    assert client.get("/api/v1/me", headers=bearer(old_plain)).status_code == 401


def test_making_tokens_is_rate_limited_per_account(app, db_session):
    user, other = make_user(app, db_session), make_user(app, db_session)
    browser, neighbour = app.test_client(), app.test_client()  # the same address: the limit is the account's
    log_in(browser, user.email, PASSWORD)
    log_in(neighbour, other.email, PASSWORD)
    made = [post_form(browser, "/account/tokens", {"name": f"t{n}"}).status_code for n in range(4)]
    assert made == [200, 200, 200, 429]
    assert db_session.scalar(select(func.count()).where(ApiToken.user_id == user.id)) == 3
    assert post_form(neighbour, "/account/tokens", {"name": "mine"}).status_code == 200
