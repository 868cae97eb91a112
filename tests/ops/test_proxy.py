"""Behind a proxy: each client has its own rate limit, and only our proxies' X-Forwarded-For is believed."""

from __future__ import annotations

import pytest
from flask import request

from marketplace.app import create_app
from marketplace.config import ConfigError
from tests.conftest import log_in
from tests.conftest import test_overrides as settings_for_tests

PROXY = "10.0.0.2"  # the TLS proxy in front of the app: every request arrives from it


@pytest.fixture
def app_overrides():
    return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "2 per minute", "TRUSTED_PROXIES": 1}


def through_proxy(client, forwarded_for: str):
    """A client behind the proxy: the proxy appends the address it saw to X-Forwarded-For."""
    client.environ_base.update({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded_for})
    return client


def wrong_login(client):
    return log_in(client, "nobody@example.kr", "not the password").status_code


def test_two_clients_behind_one_proxy_have_separate_limits(app):
    first = through_proxy(app.test_client(), "203.0.113.7")
    second = through_proxy(app.test_client(), "198.51.100.9")
    assert [wrong_login(first) for _ in range(3)] == [200, 200, 429]
    assert wrong_login(second) == 200  # the first client's attempts are not the second's


def test_a_forged_forwarded_for_before_the_trusted_hop_is_ignored(app):
    client = through_proxy(app.test_client(), "203.0.113.7")
    assert [wrong_login(client) for _ in range(2)] == [200, 200]
    # The client writes its own X-Forwarded-For; the proxy appends the real address after it.
    for forged in ("1.1.1.1", "8.8.8.8"):
        client.environ_base["HTTP_X_FORWARDED_FOR"] = f"{forged}, 203.0.113.7"
        assert wrong_login(client) == 429


def client_address_seen(app, forwarded_for: str) -> str:
    seen = []
    app.before_request(lambda: seen.append(request.remote_addr))
    through_proxy(app.test_client(), forwarded_for).get("/healthz")
    return seen[0]


def test_the_client_address_reaches_the_app(app):
    assert client_address_seen(app, "9.9.9.9, 203.0.113.7") == "203.0.113.7"


def test_without_a_trusted_proxy_forwarded_for_is_ignored(make_app):
    direct = make_app()  # TRUSTED_PROXIES defaults to 0
    assert client_address_seen(direct, "203.0.113.7") == PROXY


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_a_wrong_proxy_count_stops_the_start(database_url, value):
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        create_app(settings_for_tests(database_url) | {"TRUSTED_PROXIES": value})
