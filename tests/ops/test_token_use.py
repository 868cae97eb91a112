"""The API token's last use is bookkeeping: recorded once a minute, and never the reason a request fails."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from marketplace.app import create_app
from marketplace.auth.models import ApiToken, Role
from marketplace.auth.services import create_api_token
from marketplace.db import db, make_engine
from tests.conftest import bearer
from tests.conftest import test_overrides as settings_for_tests
from tests.factories import make_user


@pytest.fixture
def served(own_database: str) -> Iterator:
    """An app on a database of its own, committing for real (as when served)."""
    app = create_app(settings_for_tests(own_database))
    state = db.state(app)
    state.engine.dispose()
    state.engine = make_engine(own_database, poolclass=NullPool)
    state.sessionmaker = sessionmaker(state.engine, expire_on_commit=False)
    yield app
    state.engine.dispose()


def token_of(app) -> tuple[int, str]:
    with app.app_context(), Session(db.engine) as session:
        user = make_user(app, session, Role.SME)
        token, plain = create_api_token(session, user, "load")
        session.commit()
        return token.id, plain


def last_used(app, token_id: int):
    with app.app_context(), Session(db.engine) as session:
        return session.scalar(select(ApiToken.last_used_at).where(ApiToken.id == token_id))


def test_first_use_is_recorded_and_not_rewritten_within_the_minute(served):
    token_id, plain = token_of(served)
    client = served.test_client()
    assert client.get("/api/v1/me", headers=bearer(plain)).status_code == 200
    first = last_used(served, token_id)
    assert first is not None
    assert client.get("/api/v1/me", headers=bearer(plain)).status_code == 200
    assert last_used(served, token_id) == first


def test_a_locked_token_row_does_not_fail_the_request(served, caplog):
    token_id, plain = token_of(served)
    with served.app_context(), db.engine.connect() as blocker:
        # Another transaction holds the write lock (SQLite) or the token's row (PostgreSQL) and does not let go.
        blocker.begin()
        blocker.execute(text("UPDATE api_tokens SET name = name WHERE id = :id"), {"id": token_id})
        with caplog.at_level(logging.WARNING, logger="marketplace.api"):
            response = served.test_client().get("/api/v1/me", headers=bearer(plain))
        blocker.rollback()
    assert response.status_code == 200
    assert response.get_json()["id"]
    assert "could not record the last use" in caplog.text
    assert last_used(served, token_id) is None
    # The lock's wait was put back: the next request records the use as usual.
    assert served.test_client().get("/api/v1/me", headers=bearer(plain)).status_code == 200
    assert last_used(served, token_id) is not None


NEED = {"title": "용접 비전 검사", "description": "용접 불량을 최종 조립에서야 찾습니다.", "category": "vision_quality",
        "funding_tier": "advanced1", "budget_krw": 180_000_000, "region": "gyeonggi"}  # fmt: skip


@pytest.mark.parametrize(("body", "status"), [(NEED, 201), ({"title": ""}, 400)])
def test_a_writing_request_records_the_use_once_its_own_transaction_has_ended(served, caplog, body, status):
    """A POST holds SQLite's write lock until the unit of work ends: the use is recorded after, saved or refused."""
    token_id, plain = token_of(served)
    with caplog.at_level(logging.WARNING, logger="marketplace.api"):
        response = served.test_client().post("/api/v1/needs", json=body, headers=bearer(plain))
    assert response.status_code == status
    assert "could not record the last use" not in caplog.text
    assert last_used(served, token_id) is not None
