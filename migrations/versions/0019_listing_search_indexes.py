"""listing_search_indexes: an index on each listing table's (status, created_at): every search and browse
filters by status and shows the newest first, so the passing ids are read from the index alone and a
first page without sorting the table (marketplace.listings.row.browse_index)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 11:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LISTINGS = ("needs", "solutions", "sponsor_programmes")


def upgrade() -> None:
    for table in LISTINGS:
        op.create_index(op.f(f"ix_{table}_status_created_at"), table, ["status", "created_at"], unique=False)


def downgrade() -> None:
    for table in LISTINGS:
        op.drop_index(op.f(f"ix_{table}_status_created_at"), table_name=table)
