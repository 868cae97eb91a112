"""accounts_done_properly: email verification and password-reset links, privacy consents, member roles,
invitations, closed accounts

Accounts that exist before this migration are taken as verified (they were made before there was anything
to verify) and their organisation's users become its managers (they could already do everything).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from migrations.columns import code_enum, create_table, created_at_column, drop_table, foreign_key

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("member_role", code_enum("member_role", "manager", "member"), nullable=True))
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE users SET email_verified_at = created_at")
    op.execute("UPDATE users SET member_role = 'manager' WHERE organisation_id IS NOT NULL")
    create_table(
        "account_tokens",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("purpose", code_enum("token_purpose", "verify_email", "reset_password"), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        created_at_column(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        foreign_key("account_tokens", "user_id", "users", ondelete="CASCADE"),
    )
    op.create_index(op.f("ix_account_tokens_user_id"), "account_tokens", ["user_id"], unique=False)
    create_table(
        "consents",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        foreign_key("consents", "user_id", "users", ondelete="CASCADE"),
    )
    op.create_index(op.f("ix_consents_user_id"), "consents", ["user_id"], unique=False)
    create_table(
        "organisation_invitations",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("member_role", sa.String(length=7), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        created_at_column(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_user_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "member_role IN ('manager', 'member')", name=op.f("ck_organisation_invitations_known_member_role")
        ),
        foreign_key("organisation_invitations", "accepted_user_id", "users"),
        foreign_key("organisation_invitations", "invited_by_id", "users"),
        foreign_key("organisation_invitations", "organisation_id", "organisations"),
    )
    op.create_index(
        op.f("ix_organisation_invitations_organisation_id"), "organisation_invitations", ["organisation_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_organisation_invitations_organisation_id"), table_name="organisation_invitations")
    drop_table("organisation_invitations")
    op.drop_index(op.f("ix_consents_user_id"), table_name="consents")
    drop_table("consents")
    op.drop_index(op.f("ix_account_tokens_user_id"), table_name="account_tokens")
    drop_table("account_tokens")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("closed_at")
        batch.drop_constraint(op.f("ck_users_member_role"), type_="check")
        batch.drop_column("member_role")
        batch.drop_column("email_verified_at")
