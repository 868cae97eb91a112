"""consortium_members: a sponsor programme's members (each sponsor firm's pledge) and their ledger accounts

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from migrations.columns import create_indexes, create_table, created_at_column, drop_table, foreign_key, set_allowed_kinds

# The kinds the ledger's account CHECK allows, before and after this revision.
ACCOUNT_KINDS = ('sponsor_pledge', 'sponsor_pool', 'sponsor_repaid', 'government_appropriation', 'government_budget',
                 'sme_contribution', 'project_escrow', 'supplier_payable', 'preinvestment_receivable',
                 'payer_funds', 'payment_cash')
NEW_ACCOUNT_KINDS = ('member_pledge', 'member_pool', 'member_committed')

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table(
        "programme_members",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("pledged_krw", sa.BigInteger(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        created_at_column(),
        sa.CheckConstraint("pledged_krw > 0", name=op.f("ck_programme_members_pledge_positive")),
        foreign_key("programme_members", "added_by_id", "users"),
        foreign_key("programme_members", "organisation_id", "organisations"),
        foreign_key("programme_members", "programme_id", "sponsor_programmes"),
        sa.UniqueConstraint("programme_id", "organisation_id", name="uq_programme_members_programme_organisation"),
    )
    create_indexes("programme_members", "organisation_id", "programme_id")
    set_allowed_kinds("ledger_accounts", "account_kind", ACCOUNT_KINDS + NEW_ACCOUNT_KINDS)


def downgrade() -> None:
    set_allowed_kinds("ledger_accounts", "account_kind", ACCOUNT_KINDS)
    drop_table("programme_members", "programme_id", "organisation_id")
