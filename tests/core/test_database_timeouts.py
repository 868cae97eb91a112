"""A database server that accepts and never answers fails a request within a bounded time (before: 130 s)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy.exc import OperationalError

from marketplace.app import create_app
from marketplace.db import db
from tests import conftest

BOUND_SECONDS = 30  # a hang, not a speed: the connect timeout below is 1 s


def test_a_frozen_database_fails_the_request_in_bounded_time(frozen_server):
    url = f"postgresql+psycopg://postgres@127.0.0.1:{frozen_server}/sangsaeng"
    app = create_app(conftest.test_overrides(url) | {"DATABASE_CONNECT_TIMEOUT": 1})
    started = time.monotonic()
    try:
        with pytest.raises(OperationalError, match="timeout"):
            app.test_client().get("/needs/")
    finally:
        db.state(app).engine.dispose()
    assert time.monotonic() - started < BOUND_SECONDS


def test_postgres_connections_carry_the_statement_timeout(database_url):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite has no server to wait on")
    app = create_app(conftest.test_overrides(database_url) | {"DATABASE_STATEMENT_TIMEOUT_MS": 1234})
    try:
        with app.app_context(), db.engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "1234ms"
    finally:
        db.state(app).engine.dispose()
