"""Rate limits hold across workers: production refuses per-worker counters, and with Redis two app
processes' worth of workers (two apps here, each with its own limiter state) share one count.
"""

from __future__ import annotations

import uuid

import pytest

from marketplace.app import create_app
from marketplace.config import ConfigError
from marketplace.db import db
from tests import conftest
from tests.conftest import log_in

PRODUCTION = {"ENV_NAME": "production", "SECRET_KEY": "s" * 40, "DATABASE_URL": "sqlite://"}


@pytest.mark.parametrize("workers", [None, "4", "2"])
def test_production_refuses_memory_storage_unless_one_worker(monkeypatch, workers):
    if workers is None:
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    else:
        monkeypatch.setenv("WEB_CONCURRENCY", workers)
    with pytest.raises(ConfigError, match="RATELIMIT_STORAGE_URI"):
        create_app(PRODUCTION | {"RATELIMIT_STORAGE_URI": "memory://"})


def test_production_starts_with_a_shared_store_or_one_declared_worker(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert create_app(PRODUCTION | {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"})
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert create_app(PRODUCTION | {"RATELIMIT_STORAGE_URI": "memory://"})


def test_two_workers_sharing_redis_count_log_in_attempts_together(database_url, engine):  # engine: migrated
    limits = {
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "LOGIN_RATE_LIMIT": "3 per minute",
    }
    workers = [create_app(conftest.test_overrides(database_url) | limits) for _ in range(2)]
    try:
        statuses = [
            log_in(workers[n % 2].test_client(), "who@example.kr", "wrong password!").status_code for n in range(5)
        ]
    finally:
        for worker in workers:
            db.state(worker).engine.dispose()
    assert statuses == [200, 200, 200, 429, 429]  # 3 in all, not 3 per worker
