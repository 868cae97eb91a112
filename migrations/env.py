"""Alembic environment: our metadata, batch mode for SQLite (ALTER TABLE is limited there)."""

from alembic import context

from marketplace.db import CodeSet, UTCDateTime, make_engine
from marketplace.models import metadata

config = context.config


def render_item(type_: str, obj: object, _context: object) -> str | bool:
    # Migrations stay free of app imports: our column types are plain SQL types in the schema.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, CodeSet):
        return f"sa.String(length={obj.impl.length})"
    return False


def run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:
        run_with(given)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        run_with(connection)
    engine.dispose()


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
