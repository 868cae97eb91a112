"""training_courses: courses, their sessions, enrolments (with the waiting list) and attendance; the complexes an
organisation operates

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-04 10:36:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.columns import code_enum, create_indexes, create_table, drop_table, foreign_key, timestamps

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table(
        "courses",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("topic", sa.String(length=30), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("industrial_complex", sa.String(length=30), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("seats_taken", sa.Integer(), nullable=False),
        sa.Column("fee_krw", sa.BigInteger(), nullable=False),
        sa.Column("status", code_enum("course_status", "open", "closed", "cancelled"), nullable=False),
        *timestamps(),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_courses_capacity_positive")),
        sa.CheckConstraint("fee_krw >= 0", name=op.f("ck_courses_fee_not_negative")),
        sa.CheckConstraint("online OR place IS NOT NULL", name=op.f("ck_courses_place_or_online")),
        sa.CheckConstraint(
            "seats_taken >= 0 AND seats_taken <= capacity", name=op.f("ck_courses_seats_within_capacity")
        ),
        foreign_key("courses", "author_id", "users"),
        foreign_key("courses", "organisation_id", "organisations"),
    )
    create_indexes("courses", "industrial_complex", "organisation_id", "status", "topic")
    create_table(
        "course_sessions",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.CheckConstraint("starts < ends", name=op.f("ck_course_sessions_starts_before_ends")),
        foreign_key("course_sessions", "course_id", "courses", ondelete="CASCADE"),
    )
    create_indexes("course_sessions", "course_id")
    create_table(
        "enrolments",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("enrolled_by_id", sa.Integer(), nullable=False),
        sa.Column("learner_name", sa.String(length=120), nullable=False),
        sa.Column("learner_role", sa.String(length=120), nullable=False),
        sa.Column("learner_email", sa.String(length=254), nullable=True),
        sa.Column(
            "status", code_enum("enrolment_status", "waiting", "enrolled", "completed", "cancelled"), nullable=False
        ),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        *timestamps(),
        foreign_key("enrolments", "course_id", "courses"),
        foreign_key("enrolments", "enrolled_by_id", "users"),
        foreign_key("enrolments", "organisation_id", "organisations"),
    )
    create_indexes("enrolments", "course_id", "organisation_id", "status")
    create_table(
        "attendances",
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        foreign_key("attendances", "enrolment_id", "enrolments", ondelete="CASCADE"),
        foreign_key("attendances", "recorded_by_id", "users"),
        foreign_key("attendances", "session_id", "course_sessions", ondelete="CASCADE"),
        sa.UniqueConstraint("enrolment_id", "session_id", name=op.f("uq_attendances_enrolment_id_session_id")),
    )
    create_indexes("attendances", "enrolment_id", "session_id")
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("operated_complexes", sa.String(length=400), nullable=True))
    op.execute("UPDATE organisations SET operated_complexes = ''")
    with op.batch_alter_table("organisations") as batch:
        batch.alter_column("operated_complexes", existing_type=sa.String(length=400), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("operated_complexes")
    drop_table("attendances", "session_id", "enrolment_id")
    drop_table("enrolments", "status", "organisation_id", "course_id")
    drop_table("course_sessions", "course_id")
    drop_table("courses", "topic", "status", "organisation_id", "industrial_complex")
