"""saved_searches_and_alerts: saved searches, alerts (once per user and key) and the daily alert digests

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from migrations.columns import create_table, created_at_column, drop_table, foreign_key, timestamps

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table(
        "saved_searches",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("area", sa.String(length=20), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("alerts", sa.Boolean(), nullable=False),
        sa.Column("baseline_id", sa.Integer(), nullable=False),
        *timestamps(),
        foreign_key("saved_searches", "user_id", "users", ondelete="CASCADE"),
    )
    op.create_index(op.f("ix_saved_searches_user_id"), "saved_searches", ["user_id"], unique=False)
    create_table(
        "alert_digests",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("email_id", sa.Integer(), nullable=True),
        created_at_column(),
        foreign_key("alert_digests", "email_id", "email_outbox", ondelete="SET NULL"),
        foreign_key("alert_digests", "user_id", "users", ondelete="CASCADE"),
        sa.UniqueConstraint("user_id", "day", name=op.f("uq_alert_digests_user_id_day")),
    )
    create_table(
        "alerts",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("link", sa.String(length=300), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        created_at_column(),
        sa.Column("digested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("digest_id", sa.Integer(), nullable=True),
        foreign_key("alerts", "digest_id", "alert_digests", ondelete="SET NULL"),
        foreign_key("alerts", "user_id", "users", ondelete="CASCADE"),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_alerts_user_id_key")),
    )
    op.create_index(op.f("ix_alerts_digested_at"), "alerts", ["digested_at"], unique=False)
    op.create_index(op.f("ix_alerts_user_id"), "alerts", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_alerts_user_id"), table_name="alerts")
    op.drop_index(op.f("ix_alerts_digested_at"), table_name="alerts")
    drop_table("alerts")
    drop_table("alert_digests")
    op.drop_index(op.f("ix_saved_searches_user_id"), table_name="saved_searches")
    drop_table("saved_searches")
