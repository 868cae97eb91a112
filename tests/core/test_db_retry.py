"""unit_of_work.retrying: a transaction that lost a race on PostgreSQL runs again and commits (a real conflict)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from marketplace.db import make_engine
from marketplace.unit_of_work import retrying


def test_a_serialization_failure_runs_the_work_again(own_database):
    if own_database.startswith("sqlite"):
        pytest.skip("SQLite has one writer at a time: no serialization failures to retry")
    engine = make_engine(own_database)
    with engine.begin() as setup:
        setup.execute(text("CREATE TABLE counter (n integer NOT NULL)"))
        setup.execute(text("INSERT INTO counter VALUES (0)"))
    attempts: list[int] = []

    def increment(session: Session) -> int:
        attempts.append(len(attempts) + 1)
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        seen = session.execute(text("SELECT n FROM counter")).scalar_one()
        if len(attempts) == 1:  # another writer commits after our snapshot: our update cannot serialise
            with engine.begin() as other:
                other.execute(text("UPDATE counter SET n = n + 10"))
        session.execute(text("UPDATE counter SET n = :n"), {"n": seen + 1})
        return seen + 1

    with Session(engine) as session:
        assert retrying(session, lambda: increment(session)) == 11
    assert attempts == [1, 2]
    with engine.connect() as check:
        assert check.execute(text("SELECT n FROM counter")).scalar_one() == 11
    engine.dispose()
