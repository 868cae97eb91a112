"""conversations: one thread per subject (interest, project, engagement), its messages, who read how far

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from migrations.columns import create_indexes, create_table, created_at_column, drop_table, foreign_key

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table(
        "conversations",
        sa.Column("subject_type", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        created_at_column(),
        sa.Column("opened_by_id", sa.Integer(), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=False),
        foreign_key("conversations", "opened_by_id", "users"),
        sa.UniqueConstraint("subject_type", "subject_id", name="one_per_subject"),
    )
    create_indexes("conversations", "last_message_at")

    create_table(
        "messages",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        created_at_column(),
        foreign_key("messages", "author_id", "users"),
        foreign_key("messages", "conversation_id", "conversations", ondelete="CASCADE"),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index("ix_messages_conversation_id_id", ["conversation_id", "id"], unique=False)

    op.create_table(
        "conversation_reads",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("last_read_message_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        foreign_key("conversation_reads", "conversation_id", "conversations", ondelete="CASCADE"),
        foreign_key("conversation_reads", "user_id", "users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("conversation_id", "user_id", name=op.f("pk_conversation_reads")),
    )
    create_indexes("conversation_reads", "user_id")


def downgrade() -> None:
    with op.batch_alter_table("conversation_reads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_reads_user_id"))
    drop_table("conversation_reads")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_conversation_id_id")
    drop_table("messages")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversations_last_message_at"))
    drop_table("conversations")
