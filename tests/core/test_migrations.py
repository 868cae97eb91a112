"""Migrations and models agree, and the migrations run both ways on this database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from marketplace import migrate
from marketplace.models import metadata


def test_models_and_migrations_agree(connection):
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert compare_metadata(context, metadata) == []


def test_downgrade_to_base_and_upgrade_to_head(connection, database_url):
    # Inside the test's transaction: DDL is transactional on PostgreSQL and (with our BEGIN) SQLite,
    # so the shared test schema is back as it was when the test's transaction rolls back.
    tables = set(metadata.tables)
    assert tables <= set(inspect(connection).get_table_names())
    migrate.downgrade(database_url, "base", connection=connection)
    assert not tables & set(inspect(connection).get_table_names())
    migrate.upgrade(database_url, "head", connection=connection)
    assert tables <= set(inspect(connection).get_table_names())
