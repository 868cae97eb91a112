"""service_offers: consulting voucher offers, the vouchers granted to SMEs, tenant discounts on solutions

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-04 10:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.columns import code_enum, create_indexes, create_table, created_at_column, drop_table, foreign_key

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table(
        "voucher_offers",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=30), nullable=False),
        sa.Column("value_krw", sa.BigInteger(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("provider_organisation_id", sa.Integer(), nullable=True),
        sa.Column("provider_mentor_id", sa.Integer(), nullable=True),
        sa.Column("complexes", sa.String(length=400), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        created_at_column(),
        sa.CheckConstraint("value_krw > 0", name=op.f("ck_voucher_offers_value_positive")),
        sa.CheckConstraint("hours > 0", name=op.f("ck_voucher_offers_hours_positive")),
        sa.CheckConstraint("places > 0", name=op.f("ck_voucher_offers_places_positive")),
        sa.CheckConstraint(
            "(provider_organisation_id IS NULL) <> (provider_mentor_id IS NULL)",
            name=op.f("ck_voucher_offers_one_provider"),
        ),
        foreign_key("voucher_offers", "created_by_id", "users"),
        foreign_key("voucher_offers", "programme_id", "sponsor_programmes"),
        foreign_key("voucher_offers", "provider_mentor_id", "mentor_profiles"),
        foreign_key("voucher_offers", "provider_organisation_id", "organisations"),
    )
    create_indexes("voucher_offers", "programme_id")
    create_table(
        "consulting_vouchers",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("sponsor_organisation_id", sa.Integer(), nullable=False),
        sa.Column("sme_organisation_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=True),
        sa.Column("scope", sa.String(length=30), nullable=False),
        sa.Column("value_krw", sa.BigInteger(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            code_enum("voucher_status", "granted", "delivered", "confirmed", "declined", "cancelled"),
            nullable=False,
        ),
        sa.Column("granted_by_id", sa.Integer(), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("report", sa.Text(), nullable=True),
        sa.Column("reported_by_id", sa.Integer(), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("value_krw > 0", name=op.f("ck_consulting_vouchers_value_positive")),
        sa.CheckConstraint("hours > 0", name=op.f("ck_consulting_vouchers_hours_positive")),
        foreign_key("consulting_vouchers", "confirmed_by_id", "users"),
        foreign_key("consulting_vouchers", "granted_by_id", "users"),
        foreign_key("consulting_vouchers", "need_id", "needs"),
        foreign_key("consulting_vouchers", "offer_id", "voucher_offers"),
        foreign_key("consulting_vouchers", "programme_id", "sponsor_programmes"),
        foreign_key("consulting_vouchers", "reported_by_id", "users"),
        foreign_key("consulting_vouchers", "sme_organisation_id", "organisations"),
        foreign_key("consulting_vouchers", "sponsor_organisation_id", "organisations"),
        sa.UniqueConstraint("programme_id", "sme_organisation_id", name="uq_consulting_vouchers_programme_sme"),
    )
    create_indexes("consulting_vouchers", "offer_id", "programme_id", "sme_organisation_id", "sponsor_organisation_id")
    create_table(
        "tenant_discounts",
        sa.Column("solution_id", sa.Integer(), nullable=False),
        sa.Column("complex_code", sa.String(length=30), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("price_krw", sa.BigInteger(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        created_at_column(),
        sa.CheckConstraint(
            "(percent IS NULL) <> (price_krw IS NULL)", name=op.f("ck_tenant_discounts_percent_or_price")
        ),
        sa.CheckConstraint(
            "percent IS NULL OR percent BETWEEN 1 AND 100", name=op.f("ck_tenant_discounts_percent_in_range")
        ),
        sa.CheckConstraint("price_krw IS NULL OR price_krw > 0", name=op.f("ck_tenant_discounts_price_positive")),
        foreign_key("tenant_discounts", "created_by_id", "users"),
        foreign_key("tenant_discounts", "solution_id", "solutions", ondelete="CASCADE"),
        sa.UniqueConstraint("solution_id", "complex_code", name="uq_tenant_discounts_solution_complex"),
    )
    create_indexes("tenant_discounts", "solution_id")


def downgrade() -> None:
    drop_table("tenant_discounts", "solution_id")
    drop_table("consulting_vouchers", "offer_id", "programme_id", "sme_organisation_id", "sponsor_organisation_id")
    drop_table("voucher_offers", "programme_id")
