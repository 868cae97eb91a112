"""voucher_offer_closing: a voucher offer's sponsor closes it (no new grants; granted vouchers go on):
voucher_offers.closed_at

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("voucher_offers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("voucher_offers", schema=None) as batch_op:
        batch_op.drop_column("closed_at")
