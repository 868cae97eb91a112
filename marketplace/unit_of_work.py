"""The unit of work: the one place that commits, rolls back, and runs what must follow a commit.

A web request is one unit of work (`init_app`). A request that may write (POST, PUT, PATCH, DELETE: the
HTTP method is the declaration) takes SQLite's write lock with its first statement (`db.py`) and is
committed once, when its view has answered below 400; an answer of 400 or more, or an exception, rolls it
back. A reading request (GET, HEAD, OPTIONS) is never committed. CLI commands and job tasks open theirs
with `transaction()`.

Services only flush. What must happen once the change is committed, outside any transaction (a card or a
refund sent to Stripe, a job enqueued), they register with `after_commit`; a rollback forgets it.
Bookkeeping that runs whatever the outcome (an API token's last use) is registered with `after_request_ends`.
A `.commit()` anywhere else is refused by tests/core/test_unit_of_work_rule.py.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from flask import Flask, g, request
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, SessionTransaction

from marketplace.db import SAFE_METHODS, begins_immediately, db, lost_a_race, short_lock_wait

log = logging.getLogger(__name__)
T = TypeVar("T")
Effect = Callable[[], object]

AFTER_COMMIT = "sangsaeng.after_commit"
AFTER_END = "sangsaeng.after_request_ends"
CONFLICT_ATTEMPTS = 4


def after_commit(effect: Effect, session: Session | None = None, once: bool = False) -> None:
    """Run `effect` once the current transaction is committed, outside it; forgotten if it rolls back.
    `once`: not again if an equal effect is already waiting (many saves, one matching refresh).

    An effect that fails is logged, never raised: what it follows is committed and must not be reported as
    failed. So an effect leaves a state that a later run repairs (a refund stays pending for reconcile).
    """
    waiting = (session if session is not None else db.session).info.setdefault(AFTER_COMMIT, [])
    if not (once and effect in waiting):
        waiting.append(effect)


def after_request_ends(effect: Effect) -> None:
    """Run `effect` after the request's transaction has ended, committed or not (bookkeeping of its own)."""
    db.session.info.setdefault(AFTER_END, []).append(effect)


def _run(session: Session, key: str) -> None:
    for effect in session.info.pop(key, []):
        try:
            effect()
        except Exception:
            log.exception("an effect after the transaction failed: %r", effect)


def _forget_on_rollback(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:  # the transaction itself, not a savepoint inside it
        session.info.pop(AFTER_COMMIT, None)


def commit(session: Session) -> None:
    """Commit, then run the effects registered for after the commit."""
    session.commit()
    _run(session, AFTER_COMMIT)


def roll_back(session: Session) -> None:
    session.rollback()
    session.info.pop(AFTER_COMMIT, None)


def begin_writing(session: Session) -> None:
    """Start a writing transaction now, so concurrent writers on SQLite queue instead of failing.

    SQLite in WAL mode refuses at once ("database is locked") to let a transaction that has already read
    start writing after another writer committed, whatever the busy timeout; a transaction whose first
    statement writes waits its turn. So a read-only transaction in progress is ended (nothing is pending, so
    nothing is written) and the new one begins by taking the write lock. PostgreSQL needs nothing here.
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    if begins_immediately() and session.in_transaction():
        return  # a writing request's transaction took the lock with its first statement: nothing to end
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("begin_writing must come before any change in the session")
    session.commit()
    # Any UPDATE takes SQLite's write lock, even one that matches no row.
    session.execute(text("UPDATE users SET id = id WHERE 0 = 1"))


@contextmanager
def transaction(session: Session | None = None) -> Iterator[Session]:
    """A CLI command's or job task's unit of work: write lock, one commit (or a rollback on error), effects."""
    session = session if session is not None else db.session
    begin_writing(session)
    try:
        yield session
        session.commit()
    except BaseException:
        roll_back(session)
        raise
    _run(session, AFTER_COMMIT)  # outside the try: the change is committed, whatever an effect does


@contextmanager
def reading(session: Session | None = None) -> Iterator[Session]:
    """A read outside any request (a CLI check): the transaction is rolled back whatever happens."""
    session = session if session is not None else db.session
    try:
        yield session
    finally:
        roll_back(session)


def retrying(session: Session, work: Callable[[], T]) -> T:
    """Run `work` in a writing transaction and commit it; run it again (a few times) if it lost a race.

    PostgreSQL breaks deadlocks and serialization conflicts by rolling one transaction back; `work` must
    be safe to repeat from the start, since everything it wrote was rolled back. Any other error (a domain
    error refusing the action) rolls back and propagates at once.
    """
    for attempt in range(1, CONFLICT_ATTEMPTS + 1):
        try:
            with transaction(session):
                return work()
        except OperationalError as error:
            if attempt == CONFLICT_ATTEMPTS or not lost_a_race(error):
                raise
        time.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311 (jitter, not a secret)
    raise AssertionError("unreachable")


@contextmanager
def own_transaction(lock_wait_ms: int) -> Iterator[Session]:
    """Bookkeeping beside the request: a session of its own that gives up on a lock after `lock_wait_ms`."""
    with db.state().sessionmaker() as own, short_lock_wait(own, lock_wait_ms):
        yield own
        own.commit()


# The web request's unit of work.


def _writing() -> bool:
    return request.method not in SAFE_METHODS


def _open_request() -> None:
    """A writing request starts a fresh transaction (one left open by a test's app context only read)."""
    session = g.get("db_session")
    pending = session is not None and (session.new or session.dirty or session.deleted)
    if _writing() and session is not None and session.in_transaction() and not pending:
        session.commit()  # nothing is pending: this only ends the read, so the next statement takes the lock


def _finish_request(response: Any) -> Any:
    """Commit a writing request that succeeded; roll back one that was refused or failed; then the effects."""
    session = g.get("db_session")
    if session is None:
        return response
    if response.status_code >= 400:
        roll_back(session)
    elif _writing():
        commit(session)
    _run(session, AFTER_END)
    return response


def _abandon_request(error: BaseException | None) -> None:
    """An exception that no error page answered (tests propagate them): nothing of the request is kept."""
    session = g.get("db_session")
    if session is None:
        return
    if error is not None:
        roll_back(session)
    session.info.pop(AFTER_COMMIT, None)
    _run(session, AFTER_END)


def init_app(app: Flask) -> None:
    app.before_request(_open_request)
    app.after_request(_finish_request)
    app.teardown_request(_abandon_request)
    if not event.contains(Session, "after_soft_rollback", _forget_on_rollback):
        event.listen(Session, "after_soft_rollback", _forget_on_rollback)
