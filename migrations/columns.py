"""The column and constraint shapes our migrations repeat, named once.

Each helper writes exactly what Alembic's autogenerate wrote for our models (names follow the naming
convention in marketplace.db), so the schema the migrations build is unchanged. Migrations import
only this, SQLAlchemy and Alembic: never the app.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem


def id_column() -> sa.Column:
    """The integer id every table is keyed by."""
    return sa.Column("id", sa.Integer(), nullable=False)


def created_at_column() -> sa.Column:
    """When the row was made, as a UTC moment."""
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def primary_key(table: str) -> sa.PrimaryKeyConstraint:
    """The table's primary key on id, named pk_<table>."""
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def foreign_key(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    """table.column points at target.id, named fk_<table>_<column>_<target>."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def code_enum(name: str, *values: str) -> sa.Enum:
    """A closed set of codes kept as a string with a CHECK constraint (not a native enum)."""
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def create_table(name: str, *columns_and_constraints: SchemaItem, **kw: object) -> None:
    """op.create_table for a table keyed by its integer id: the id column and pk_<name> are added here."""
    op.create_table(name, id_column(), *columns_and_constraints, primary_key(name), **kw)


def create_indexes(table: str, *columns: str) -> None:
    """A plain index on each column, named ix_<table>_<column>."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def drop_table(table: str, *indexed_columns: str) -> None:
    """Drop a table, its plain indexes (those create_indexes made, in the order given) first."""
    if indexed_columns:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in indexed_columns:
                batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
    op.drop_table(table)


def timestamps() -> tuple[sa.Column, sa.Column]:
    """When the row was made and last changed, as UTC moments."""
    return created_at_column(), sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False)


def set_allowed_kinds(table: str, name: str, kinds: tuple[str, ...]) -> None:
    """Replace the CHECK on `table.kind` by one allowing `kinds`, keeping the table and its rows in place.

    PostgreSQL alters the constraint. SQLite cannot, and rebuilding a ledger table would drop its append-only
    triggers and trip the foreign keys that point at it; a CHECK does not change how rows are stored, so
    SQLite's documented procedure for such changes applies: rewrite the table's SQL in sqlite_master and
    bump the schema version (https://www.sqlite.org/lang_altertable.html, "otheralter").
    """
    constraint = f"ck_{table}_{name}"
    check = "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {constraint}")
        op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {constraint} CHECK ({check})")
        return
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar()
    start = sql.index(f"CONSTRAINT {constraint} CHECK (") + len(f"CONSTRAINT {constraint} CHECK (")
    end = sql.index(")", sql.index("kind IN (", start) + len("kind IN ("))
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
        (sql[:start] + check + sql[end + 1 :], table),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")
