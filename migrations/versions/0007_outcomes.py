"""outcomes: each project's KPI values per phase, and the day a project was completed

Values are exact decimals stored as whole ten-thousandths (BIGINT), the same on SQLite and PostgreSQL.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 22:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from migrations.columns import code_enum, create_indexes, create_table, drop_table, foreign_key

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PHASES = ('baseline', 'target', 'actual_completion', 'actual_6m', 'actual_12m')


def upgrade() -> None:
    create_table('kpi_values',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kpi', sa.String(length=20), nullable=False),
    sa.Column('phase', code_enum("kpi_phase", *PHASES), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    foreign_key("kpi_values", "project_id", "projects"),
    foreign_key("kpi_values", "recorded_by_id", "users"),
    sa.UniqueConstraint('project_id', 'kpi', 'phase', name='uq_kpi_values_project_kpi_phase')
    )
    create_indexes("kpi_values", "project_id")
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('completed_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_column('completed_on')
    with op.batch_alter_table('kpi_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kpi_values_project_id'))
    drop_table("kpi_values")
