"""Shared fixtures: a migrated database per run, an app and a rolled-back transaction per test.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL is set
(`.ci/run` does both). Each test runs inside one outer transaction that is rolled back at the end
(SQLAlchemy's "join a session into an external transaction" recipe): commits made by the app or the
test become savepoints, so every test starts from the same empty, migrated schema.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from devtools.fake_stripe import FakeStripe
from marketplace import migrate
from marketplace.app import create_app, register_policies
from marketplace.db import db, make_engine

CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
# The suite's job queue: a SQLite file of its own (never the instance folder's), removed at the end. Jobs
# enqueued there wait unrun unless a test starts a worker on it (tests/jobs/worker.py).
JOBS_DIR = tempfile.mkdtemp(prefix="sangsaeng-jobs-")
SUITE_JOBS_URL = f"sqlite:///{JOBS_DIR}/jobs.sqlite3"
# Attached files the suite keeps: a folder of its own (never the instance folder's), removed at the end.
ATTACHMENTS_DIR = tempfile.mkdtemp(prefix="sangsaeng-attachments-")


@pytest.fixture(scope="session", autouse=True)
def _remove_suite_jobs() -> Iterator[None]:
    yield
    shutil.rmtree(JOBS_DIR, ignore_errors=True)
    shutil.rmtree(ATTACHMENTS_DIR, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _policies() -> None:
    """Who may do what, as the app factory registers it, for the policy tables that ask `can` with no app."""
    register_policies()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """The test database, migrated to head once per run (so the migrations are what is tested)."""
    engine = make_engine(database_url)
    with engine.begin() as connection:
        migrate.downgrade(database_url, "base", connection=connection)
    with engine.begin() as connection:
        migrate.upgrade(database_url, "head", connection=connection)
    yield engine
    engine.dispose()


@contextmanager
def fresh_database(database_url: str) -> Iterator[str]:
    """A new, migrated database next to the test database, dropped afterwards (ledger rows cannot be deleted)."""
    if database_url.startswith("sqlite"):
        url = database_url.rsplit("/", 1)[0] + f"/own-{uuid.uuid4().hex}.db"
        migrate.upgrade(url)
        yield url
        return
    name = f"sangsaeng_own_{uuid.uuid4().hex[:8]}"
    server = make_url(database_url).set(drivername="postgresql", database="postgres")
    with psycopg.connect(server.render_as_string(hide_password=False), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    try:
        migrate.upgrade(url)
        yield url
    finally:
        with psycopg.connect(server.render_as_string(hide_password=False), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def fake_stripe() -> Iterator[FakeStripe]:
    """The suite's own localstripe process: 127.0.0.1, a free port, its state in a temporary folder."""
    with FakeStripe() as fake:
        yield fake


@pytest.fixture
def own_database(database_url: str) -> Iterator[str]:
    """A fresh, migrated database for this test alone (for work that must really commit)."""
    with fresh_database(database_url) as url:
        yield url


def test_overrides(database_url: str) -> dict[str, object]:
    return {
        "ENV_NAME": "testing",
        "DATABASE_URL": database_url,
        "PASSWORD_HASHER": "fast",
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": "localhost",
        "JOBS_URL": SUITE_JOBS_URL,
        "ATTACHMENT_DIR": ATTACHMENTS_DIR,
    }


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    connection = engine.connect()
    outer = connection.begin()
    yield connection
    outer.rollback()
    connection.close()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def app_overrides() -> dict[str, object]:
    """Per-test extra settings; a test module overrides this fixture to change them."""
    return {}


@pytest.fixture
def app(database_url: str, session_factory: sessionmaker[Session], app_overrides: dict[str, object]) -> Flask:
    app = create_app(test_overrides(database_url) | app_overrides)
    state = db.state(app)
    state.engine.dispose()
    state.sessionmaker = session_factory  # every request joins the test's outer transaction
    return app


@pytest.fixture
def db_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """The test's own session (no app context held, so requests get their own `g`)."""
    session = session_factory()
    yield session
    session.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


def csrf_token(client: FlaskClient, path: str = "/") -> str:
    """The CSRF token a browser would send, read from a page's form."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_INPUT.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client: FlaskClient, path: str, data: dict, **kwargs):
    """POST a form the way a browser does: with the CSRF token from the page."""
    return client.post(path, data={"csrf_token": csrf_token(client), **data}, **kwargs)


def log_in(client: FlaskClient, email: str, password: str, remember: bool = False):
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    return post_form(client, "/account/login", data)


def bearer(token: str) -> dict[str, str]:
    """The header an API client sends with a personal token."""
    return {"Authorization": f"Bearer {token}"}


def assert_error_shape(response, status: int, code: str) -> dict:
    """The API's one error shape, with the expected status and code; returns the error."""
    assert response.status_code == status, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == code
    assert error["message"]
    return error


def run_at_once(work: Callable[[Any], None], items: Iterable[Any], timeout: float = 120) -> None:
    """Call `work(item)` for every item, each in its own thread, all released together by a barrier."""
    items = list(items)
    barrier = threading.Barrier(len(items))

    def run(item: Any) -> None:
        barrier.wait()
        work(item)

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)


@pytest.fixture
def frozen_server() -> Iterator[int]:
    """A local port that accepts connections and never answers (a frozen Stripe, SMTP or database)."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])  # kept open, never read or written
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    for connection in held:
        connection.close()
    listener.close()
