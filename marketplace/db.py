"""The database: declarative base, engine and one session per request (or CLI command)."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar

from flask import Flask, current_app, g, request
from sqlalchemy import BigInteger, DateTime, Engine, MetaData, String, create_engine, event, text, type_coerce
from sqlalchemy import Enum as SAEnum
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

T = TypeVar("T")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (the only kind of datetime we store)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime on every backend; SQLite drops the zone, so it is put back on load."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use marketplace.db.utcnow()")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


# How SQLite transactions begin in this context: "BEGIN IMMEDIATE" during a request that may write.
_sqlite_begin: ContextVar[str] = ContextVar("sqlite_begin", default="BEGIN")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def begins_immediately() -> bool:
    """SQLite transactions begin here by taking the write lock (a writing request, `sqlite_begins`)."""
    return _sqlite_begin.get() == "BEGIN IMMEDIATE"


@contextmanager
def sqlite_begins(statement: str) -> Iterator[None]:
    """Inside the block, SQLite transactions begin with `statement` ("BEGIN" or "BEGIN IMMEDIATE")."""
    token = _sqlite_begin.set(statement)
    try:
        yield
    finally:
        _sqlite_begin.reset(token)


# How long a SQLite writer waits for another's lock before "database is locked" (WAL lets readers go on).
# Beyond the 15 s that sufficed in tests: a loaded 2-core host queued writers longer; gunicorn's timeout is 90 s.
SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, echo: bool = False, **options: Any) -> Engine:
    """An engine; SQLite gets real transactions, foreign keys and a busy timeout. `options` go to create_engine."""
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **options)
        _make_sqlite_transactional(engine)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, **options)


def postgres_timeouts(connect_seconds: int, statement_ms: int) -> dict[str, Any]:
    """libpq settings that bound every wait on the database server (0 means no limit).

    `connect_timeout` covers reaching a server that never answers; `statement_timeout` a query that runs
    away; `tcp_user_timeout` a server that stops answering on an open connection (even a pre-ping).
    """
    return {
        "connect_timeout": connect_seconds,
        "options": f"-c statement_timeout={statement_ms}",
        "tcp_user_timeout": (connect_seconds or 0) * 2000,
        "keepalives": 1,
        "keepalives_idle": 30,
    }


def _make_sqlite_transactional(engine: Engine) -> None:
    # pysqlite opens transactions lazily and skips SAVEPOINT semantics; SQLAlchemy's documented
    # recipe hands BEGIN to us so transactions (and BEGIN IMMEDIATE later) mean what they say.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        # Whatever a previous user of this connection set (short_lock_wait), writers wait the usual time.
        dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(_sqlite_begin.get())


class Database:
    """Per-app engine and session factory; `db.session` is the current request's session."""

    extension_key = "sangsaeng.db"

    def init_app(self, app: Flask) -> None:
        url = app.config["DATABASE_URL"]
        options: dict[str, Any] = {}
        if not url.startswith("sqlite"):
            timeouts = (int(app.config["DATABASE_CONNECT_TIMEOUT"]), int(app.config["DATABASE_STATEMENT_TIMEOUT_MS"]))
            options["connect_args"] = postgres_timeouts(*timeouts)
        engine = make_engine(url, echo=app.config["SQL_ECHO"], **options)
        app.extensions[self.extension_key] = _State(engine, sessionmaker(engine, expire_on_commit=False))
        app.teardown_appcontext(self._close_session)
        app.before_request(self._writers_queue_first)
        app.teardown_request(self._forget_writing)

    @staticmethod
    def _writers_queue_first(*_args: Any) -> None:
        """On SQLite, a request that may write takes the write lock with its first statement.

        SQLite in WAL mode refuses at once ("database is locked", whatever the busy timeout) a transaction
        that read and then wants to write after another writer committed. A POST, PUT, PATCH or DELETE
        therefore begins IMMEDIATE: concurrent writers queue for the lock (up to the busy timeout) instead
        of failing, and reads (GET) still run beside them. PostgreSQL ignores this.
        """
        if request.method not in SAFE_METHODS:
            g.sqlite_begin_token = _sqlite_begin.set("BEGIN IMMEDIATE")

    @staticmethod
    def _forget_writing(_exc: BaseException | None) -> None:
        token = g.pop("sqlite_begin_token", None)
        if token is not None:
            _sqlite_begin.reset(token)

    def state(self, app: Flask | None = None) -> _State:
        return (app or current_app).extensions[self.extension_key]

    @property
    def engine(self) -> Engine:
        return self.state().engine

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = self.state().sessionmaker()
        return g.db_session

    @staticmethod
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()

    @staticmethod
    def roll_back_request() -> None:
        """End the request's transaction unwritten, if it has one (a failed request writes nothing)."""
        session = g.get("db_session")
        if session is not None:
            session.rollback()


@contextmanager
def short_lock_wait(session: Session, milliseconds: int) -> Iterator[None]:
    """Inside the block, give up on a lock after `milliseconds` rather than the usual wait (for bookkeeping).

    PostgreSQL's `SET LOCAL` ends with the transaction. On SQLite the block's transactions begin deferred
    (taking no lock until they write, so the short wait governs) and the connection's busy timeout is put
    back after; every connection taken from the pool gets the usual timeout again anyway.
    """
    if session.get_bind().dialect.name != "sqlite":
        session.execute(text(f"SET LOCAL lock_timeout = '{int(milliseconds)}ms'"))
        yield
        return
    with sqlite_begins("BEGIN"):
        session.execute(text(f"PRAGMA busy_timeout = {int(milliseconds)}"))
        try:
            yield
        except BaseException:
            session.rollback()
            raise
        finally:
            session.execute(text(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}"))


# PostgreSQL's "deadlock detected" and "could not serialize": the transaction lost a race and may run again.
CONFLICT_SQLSTATES = ("40P01", "40001")


def lost_a_race(error: BaseException) -> bool:
    """The database rolled the transaction back to break a deadlock or a serialization conflict."""
    return isinstance(error, OperationalError) and getattr(error.orig, "sqlstate", None) in CONFLICT_SQLSTATES


class _State:
    def __init__(self, engine: Engine, factory: sessionmaker[Session]) -> None:
        self.engine = engine
        self.sessionmaker = factory


db = Database()


def enum_type(enum_cls: type[enum.Enum], name: str) -> SAEnum:
    """A portable enum column: VARCHAR plus a named CHECK constraint, storing the members' values."""
    return SAEnum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class CodeSet(TypeDecorator[list[str]]):
    """A small set of reference codes stored as ',a,b,' text, so "contains b" is a portable LIKE.

    Codes are [a-z0-9_] (marketplace.reference), so they never contain the separator.
    """

    impl = String(400)
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Any) -> str | None:
        if value is None:
            return None
        return "," + ",".join(sorted(set(value))) + "," if value else ""

    def process_result_value(self, value: str | None, dialect: Any) -> list[str]:
        return [code for code in (value or "").split(",") if code]


class ScaledDecimal(TypeDecorator[Decimal]):
    """An exact Decimal stored as a whole number of 10**-scale units (SQLite has no exact decimal type)."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> int | None:
        return None if value is None else int(value.scaleb(self.scale).to_integral_value())

    def process_result_value(self, value: int | None, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value).scaleb(-self.scale)


def code_set_contains(column: Any, code: str) -> Any:
    """SQL: the CodeSet column holds `code`.

    The column is compared as plain text (a CodeSet would encode the pattern as a list), and `_`,
    common in codes, is escaped because LIKE reads it as a wildcard.
    """
    pattern = "%," + code.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + ",%"
    return type_coerce(column, String()).like(pattern, escape="\\")
