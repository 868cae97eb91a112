"""Settings work as docs/configuration.md documents: FLASK_<NAME> for any setting, and every rate limit adjustable."""

from __future__ import annotations

import pytest

from marketplace.app import create_app
from marketplace.auth.models import Role
from marketplace.config import load_config
from tests.conftest import bearer, log_in, post_form
from tests.conftest import test_overrides as settings_for_tests
from tests.factories import PASSWORD, make_api_token, make_need, make_programme, make_user


def test_any_setting_can_be_given_as_flask_name(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASK_MAIL_USE_TLS", "true")  # JSON values are decoded
    monkeypatch.setenv("FLASK_MAIL_PORT", "587")
    monkeypatch.setenv("FLASK_PAYMENT_RATE_LIMIT", "3 per minute")  # text stays text
    monkeypatch.setenv("FLASK_APP", "wsgi")  # the flask command's own option, not a setting
    config: dict = {}
    load_config(config, str(tmp_path), {"ENV_NAME": "testing"})
    assert config["MAIL_USE_TLS"] is True
    assert config["MAIL_PORT"] == 587
    assert config["PAYMENT_RATE_LIMIT"] == "3 per minute"
    assert "APP" not in config


def test_prefixed_setting_wins_over_the_plain_name_and_overrides_win_over_both(monkeypatch, tmp_path):
    monkeypatch.setenv("API_RATE_LIMIT", "100 per minute")
    monkeypatch.setenv("FLASK_API_RATE_LIMIT", "50 per minute")
    config: dict = {}
    load_config(config, str(tmp_path), {"ENV_NAME": "testing"})
    assert config["API_RATE_LIMIT"] == "50 per minute"
    load_config(config, str(tmp_path), {"ENV_NAME": "testing", "API_RATE_LIMIT": "7 per minute"})
    assert config["API_RATE_LIMIT"] == "7 per minute"


@pytest.fixture
def limited(monkeypatch, database_url, session_factory):
    """An app with rate limits on, whose limits come from the environment as a deployer would set them."""

    def build(**environment: str):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        app = create_app(settings_for_tests(database_url) | {"RATELIMIT_ENABLED": True})
        from marketplace.db import db

        db.state(app).engine.dispose()
        db.state(app).sessionmaker = session_factory
        return app

    return build


def test_api_limit_is_set_from_the_environment(limited):
    client = limited(API_RATE_LIMIT="2 per minute").test_client()
    statuses = [client.get("/api/v1/openapi.json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get("/api/v1/openapi.json").get_json()["error"]["code"] == "too_many_requests"


def test_login_limit_is_set_from_the_environment(limited):
    client = limited(LOGIN_RATE_LIMIT="1 per minute").test_client()
    assert [log_in(client, "a@example.kr", "wrong-password").status_code for _ in range(2)] == [200, 429]


def test_payment_posts_are_limited_but_the_page_is_not(limited, db_session):
    app = limited(PAYMENT_RATE_LIMIT="2 per minute")
    sponsor = make_user(app, db_session, Role.SPONSOR)
    programme = make_programme(app, db_session, sponsor=sponsor)
    client = app.test_client()
    log_in(client, sponsor.email, PASSWORD)
    path = f"/payments/pledge/{programme.id}"
    # An amount of 0 is refused by the form: nothing reaches Stripe, yet each attempt counts.
    statuses = [post_form(client, path, {"amount_krw": "0"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get(path).status_code == 200


def test_sending_messages_shares_one_limit_between_pages_and_api(limited, db_session):
    app = limited(MESSAGE_RATE_LIMIT="2 per minute")
    sme = make_user(app, db_session, Role.SME)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    needs = [make_need(db_session, sme, title=f"MES 구축 {n}") for n in range(3)]
    token = make_api_token(app, db_session, supplier)[1]
    client = app.test_client()
    for need in needs[:2]:
        body = {"target_type": "need", "target_id": need.id, "message": "MES 구축 경험이 많습니다."}
        assert client.post("/api/v1/interests", json=body, headers=bearer(token)).status_code == 201
    log_in(client, supplier.email, PASSWORD)
    form = {"target_type": "need", "target_id": str(needs[2].id), "message": "한 번 더"}
    assert post_form(client, "/interests/", form).status_code == 429
