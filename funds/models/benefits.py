"""Service offers, a programme's second kind of benefit: consulting vouchers and tenant discounts.

A voucher offer is what a sponsor programme gives (value, provider, scope, hours, places); a consulting
voucher is one offer granted to one SME, delivered by the provider and confirmed by the SME. A tenant
discount lowers a solution's price for the tenants of one industrial complex. None of these is cash: they
write no ledger entry (docs/benefits.md).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Base, CodeSet, enum_type, utcnow
from marketplace.transitions import Move, StateMachine


class VoucherStatus(enum.StrEnum):
    GRANTED = "granted"
    DELIVERED = "delivered"  # the provider reported the consulting done
    CONFIRMED = "confirmed"  # the SME confirmed it: it counts in the sponsor's contribution
    DECLINED = "declined"  # the SME did not want it
    CANCELLED = "cancelled"  # the sponsor withdrew it before delivery


class VoucherParty(enum.StrEnum):
    """The sides of a voucher: the programme's sponsor, the provider who consults, the SME that receives."""

    SPONSOR = "sponsor"
    PROVIDER = "provider"
    SME = "sme"


V = VoucherStatus
VOUCHER_ACTORS = {
    "report": (VoucherParty.PROVIDER,),
    "confirm": (VoucherParty.SME,),
    "decline": (VoucherParty.SME,),
    "cancel": (VoucherParty.SPONSOR,),
}
VOUCHER_MOVES = StateMachine(
    [
        Move("report", (V.GRANTED,), V.DELIVERED),
        Move("confirm", (V.DELIVERED,), V.CONFIRMED),
        Move("decline", (V.GRANTED,), V.DECLINED),
        Move("cancel", (V.GRANTED,), V.CANCELLED),
    ],
    VOUCHER_ACTORS,
)
# A voucher that still holds one of its offer's places.
HOLDS_A_PLACE = (V.GRANTED, V.DELIVERED, V.CONFIRMED)


class VoucherOffer(Base):
    """Consulting a sponsor programme gives its SMEs: `places` vouchers of this value, scope and provider."""

    __tablename__ = "voucher_offers"
    __table_args__ = (
        CheckConstraint("value_krw > 0", name="value_positive"),
        CheckConstraint("hours > 0", name="hours_positive"),
        CheckConstraint("places > 0", name="places_positive"),
        CheckConstraint("(provider_organisation_id IS NULL) <> (provider_mentor_id IS NULL)", name="one_provider"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("sponsor_programmes.id"), index=True)
    scope: Mapped[str] = mapped_column(String(30))  # reference table consulting_scopes
    value_krw: Mapped[int] = mapped_column(BigInteger)
    hours: Mapped[int]
    places: Mapped[int]
    provider_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    provider_mentor_id: Mapped[int | None] = mapped_column(ForeignKey("mentor_profiles.id"))
    # Only tenants of these complexes (empty: any SME the programme's focus admits).
    complexes: Mapped[list[str]] = mapped_column(CodeSet)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Closed by the sponsor: no new grants; the vouchers granted go on (docs/benefits.md).
    closed_at: Mapped[datetime | None]

    programme = relationship("SponsorProgramme")
    provider_organisation = relationship("Organisation", foreign_keys=[provider_organisation_id])
    provider_mentor = relationship("MentorProfile")

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


class ConsultingVoucher(Base):
    """One offer granted to one SME; at most one per SME and programme (a withdrawn one keeps its place)."""

    __tablename__ = "consulting_vouchers"
    __table_args__ = (
        UniqueConstraint("programme_id", "sme_organisation_id", name="uq_consulting_vouchers_programme_sme"),
        CheckConstraint("value_krw > 0", name="value_positive"),
        CheckConstraint("hours > 0", name="hours_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("voucher_offers.id"), index=True)
    # Copied from the offer when granted: a later change of the offer does not change a granted voucher.
    programme_id: Mapped[int] = mapped_column(ForeignKey("sponsor_programmes.id"), index=True)
    sponsor_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    sme_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    need_id: Mapped[int | None] = mapped_column(ForeignKey("needs.id"))
    scope: Mapped[str] = mapped_column(String(30))
    value_krw: Mapped[int] = mapped_column(BigInteger)
    hours: Mapped[int]
    status: Mapped[VoucherStatus] = mapped_column(
        enum_type(VoucherStatus, "voucher_status"), default=VoucherStatus.GRANTED
    )
    granted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    report: Mapped[str | None] = mapped_column(Text)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reported_at: Mapped[datetime | None]
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_on: Mapped[date | None]  # the Seoul day the SME confirmed: the year it counts in
    end_reason: Mapped[str | None] = mapped_column(Text)

    offer: Mapped[VoucherOffer] = relationship()
    sme_organisation = relationship("Organisation", foreign_keys=[sme_organisation_id])


class TenantDiscount(Base):
    """A solution's price for the tenants of one industrial complex: a percentage off, or a price."""

    __tablename__ = "tenant_discounts"
    __table_args__ = (
        UniqueConstraint("solution_id", "complex_code", name="uq_tenant_discounts_solution_complex"),
        CheckConstraint("(percent IS NULL) <> (price_krw IS NULL)", name="percent_or_price"),
        CheckConstraint("percent IS NULL OR percent BETWEEN 1 AND 100", name="percent_in_range"),
        CheckConstraint("price_krw IS NULL OR price_krw > 0", name="price_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(ForeignKey("solutions.id", ondelete="CASCADE"), index=True)
    complex_code: Mapped[str] = mapped_column(String(30))
    percent: Mapped[int | None]
    price_krw: Mapped[int | None] = mapped_column(BigInteger)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
