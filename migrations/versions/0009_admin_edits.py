"""admin_edits: the audit trail of admins' changes to other organisations' listings and profiles

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 15:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from migrations.columns import create_indexes, create_table, drop_table, foreign_key

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table(
        "admin_edits",
        sa.Column("admin_id", sa.Integer(), nullable=False),
        sa.Column("target_type", sa.String(length=40), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        foreign_key("admin_edits", "admin_id", "users"),
        foreign_key("admin_edits", "organisation_id", "organisations"),
    )
    create_indexes("admin_edits", "admin_id", "organisation_id")


def downgrade() -> None:
    with op.batch_alter_table("admin_edits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_edits_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_admin_edits_admin_id"))
    drop_table("admin_edits")
