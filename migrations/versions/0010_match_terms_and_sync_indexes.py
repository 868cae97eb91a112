"""match_terms_and_sync_indexes: listings' analysed terms stored beside their vectors, and indexes on the
updated_at columns the match index's sync reads

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from migrations.columns import create_table, drop_table

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tables whose updated_at every sync reads.
SYNCED = ("needs", "solutions", "sponsor_programmes", "mentor_profiles", "match_vectors")


def upgrade() -> None:
    create_table(
        "match_terms",
        sa.Column(
            "kind",
            sa.Enum(
                "need", "solution", "programme", "mentor", name="match_kind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("analyser", sa.String(length=100), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("kind", "listing_id", name=op.f("uq_match_terms_kind_listing_id")),
    )
    for table in ("match_terms", *SYNCED):
        op.create_index(op.f(f"ix_{table}_updated_at"), table, ["updated_at"], unique=False)


def downgrade() -> None:
    for table in SYNCED:
        op.drop_index(op.f(f"ix_{table}_updated_at"), table_name=table)
    drop_table("match_terms")
