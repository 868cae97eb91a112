"""organisation_profiles: the public profile people choose by (description, website, certifications,
products, reference projects)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LISTS = ("certifications", "products", "reference_projects")


def upgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("description", sa.Text(), nullable=True))
        batch.add_column(sa.Column("website", sa.String(length=300), nullable=True))
        for name in LISTS:
            batch.add_column(sa.Column(name, sa.JSON(), nullable=True))
    for name in LISTS:
        op.execute(f"UPDATE organisations SET {name} = '[]'")  # noqa: S608 - the names are the constants above
    with op.batch_alter_table("organisations") as batch:
        for name in LISTS:
            batch.alter_column(name, existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        for name in (*reversed(LISTS), "website", "description"):
            batch.drop_column(name)
