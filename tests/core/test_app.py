"""The factory, configuration and cross-cutting behaviour of every page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from marketplace.app import create_app
from marketplace.config import ConfigError
from marketplace.db import db

ROOT = Path(__file__).resolve().parents[2]


def test_importing_wsgi_loads_nothing_heavy():
    code = (
        "import sys, wsgi; heavy = {'alembic', 'torch', 'sentence_transformers', 'stripe', 'numpy', 'pygal'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    env = {"PATH": "/usr/bin:/bin", "SANGSAENG_ENV": "testing", "DATABASE_URL": "sqlite://"}
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"ENV_NAME": "production", "DATABASE_URL": "sqlite://"})


def test_production_cookies_are_secure():
    shared = {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"}
    app = create_app({"ENV_NAME": "production", "SECRET_KEY": "x" * 40, "DATABASE_URL": "sqlite://"} | shared)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_development_keeps_its_generated_secret_under_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    from marketplace.config import load_config

    first: dict = {}
    second: dict = {}
    load_config(first, str(tmp_path), {"ENV_NAME": "development"})
    load_config(second, str(tmp_path), {"ENV_NAME": "development"})
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert len(first["SECRET_KEY"]) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert first["DATABASE_URL"] == f"sqlite:///{tmp_path / 'sangsaeng.db'}"


def test_environment_settings_are_read(monkeypatch, tmp_path):
    from marketplace.config import load_config

    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://example/db")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    config: dict = {}
    load_config(config, str(tmp_path), {"ENV_NAME": "testing"})
    assert config["DATABASE_URL"] == "postgresql+psycopg://example/db"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


def test_security_headers_on_every_page(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_use_no_cdn(client):
    page = client.get("/").get_data(as_text=True)
    assert "/bootstrap/static/css/bootstrap.min.css" in page
    assert "cdn." not in page
    assert "https://" not in page
    with client.get("/bootstrap/static/css/bootstrap.min.css") as css:
        assert css.status_code == 200


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_oversized_request_is_refused(client):
    response = client.post("/account/login", data={"email": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


def test_unexpected_error_is_a_500_page_not_a_traceback(tmp_path):
    from tests.conftest import test_overrides

    # Its own SQLite file: the failed request's traceback outlives the test (in the log records) and
    # with it a pooled connection, which on PostgreSQL would be reported as leaked tests later.
    database = f"sqlite:///{tmp_path / 'boom.db'}"
    app = create_app(test_overrides(database) | {"ENV_NAME": "production", "SECRET_KEY": "s" * 40})

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    try:
        response = app.test_client().get("/boom", headers={"Accept-Language": "en"})
    finally:
        db.state(app).engine.dispose()  # this app has a real engine: close its pooled connection now
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "secret internals" not in page


@pytest.mark.parametrize(
    ("environment", "site_url"),
    [
        ({}, "http://127.0.0.1:5000"),
        ({"PORT": "5077"}, "http://127.0.0.1:5077"),  # `PORT=5077 make run`: email links lead to 5077
        ({"PORT": "5077", "SITE_URL": "https://sangsaeng.example.kr"}, "https://sangsaeng.example.kr"),
    ],
)
def test_site_url_follows_the_port_unless_set(monkeypatch, tmp_path, environment, site_url):
    from marketplace.config import load_config

    for name in ("PORT", "SITE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    config: dict = {}
    load_config(config, str(tmp_path), {"ENV_NAME": "development"})
    assert config["SITE_URL"] == site_url


def test_favicon_answers_with_an_image(client):
    # Browsers ask for /favicon.ico on every site whatever the page links; a 404 there fills the server's log.
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype.startswith("image/")
        assert b"<svg" in response.get_data()
