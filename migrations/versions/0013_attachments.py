"""attachments: files kept for needs, solutions, projects, mentors' logs, organisations and mentors

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from migrations.columns import create_table, created_at_column, drop_table, foreign_key

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table(
        "attachments",
        sa.Column("owner_kind", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("filename", sa.String(length=130), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        created_at_column(),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_attachments_size_positive")),
        foreign_key("attachments", "uploaded_by_id", "users", ondelete="SET NULL"),
        sa.UniqueConstraint("storage_key", name=op.f("uq_attachments_storage_key")),
    )
    op.create_index("ix_attachments_owner", "attachments", ["owner_kind", "owner_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_attachments_owner", table_name="attachments")
    drop_table("attachments")
