"""Card payments through Stripe: a sponsor paying its pledge, an SME paying its share; their refunds; and
the Stripe events we have applied.

A payment is one PaymentIntent at most (a unique column), so a retried request can never charge twice.
`captured_krw` and `refunded_krw` are what Stripe has confirmed; the ledger moved exactly those sums
(funds.payments.effects keeps them in step, `flask funds check` proves it).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Base, enum_type, utcnow


class PaymentPurpose(enum.StrEnum):
    PLEDGE = "pledge"  # a sponsor pays (part of) its programme's pledge
    SME_SHARE = "sme_share"  # an SME pays (part of) its share of an agreed project


class PaymentStatus(enum.StrEnum):
    PENDING = "pending"  # recorded here, the card not yet confirmed at Stripe
    PROCESSING = "processing"  # confirmed at Stripe: waiting for the verified `payment_intent.succeeded`
    SUCCEEDED = "succeeded"  # captured and credited in the ledger
    FAILED = "failed"  # declined, or the bank asked for authentication: nothing charged
    CANCELED = "canceled"


class RefundStatus(enum.StrEnum):
    PENDING = "pending"  # recorded here, not yet accepted by Stripe
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount_krw > 0", name="amount_positive"),
        CheckConstraint("captured_krw = 0 OR captured_krw = amount_krw", name="captured_whole"),
        CheckConstraint("refunded_krw >= 0 AND refunded_krw <= captured_krw", name="refunds_within_captured"),
        CheckConstraint("(programme_id IS NULL) <> (project_id IS NULL)", name="pays_one_thing"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[PaymentPurpose] = mapped_column(enum_type(PaymentPurpose, "payment_purpose"))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("sponsor_programmes.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), index=True)
    payer_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    amount_krw: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[PaymentStatus] = mapped_column(
        enum_type(PaymentStatus, "payment_status"), default=PaymentStatus.PENDING, index=True
    )
    stripe_payment_intent_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    captured_krw: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_krw: Mapped[int] = mapped_column(BigInteger, default=0)
    failure_code: Mapped[str | None] = mapped_column(String(80))
    card_brand: Mapped[str | None] = mapped_column(String(20))
    card_last4: Mapped[str | None] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    succeeded_at: Mapped[datetime | None]

    refunds: Mapped[list[PaymentRefund]] = relationship(order_by="PaymentRefund.id", back_populates="payment")

    @property
    def net_krw(self) -> int:
        """What this payment has brought in, after refunds."""
        return self.captured_krw - self.refunded_krw

    @property
    def refundable_krw(self) -> int:
        """What may still be refunded: captured, less refunds made or under way."""
        under_way = sum(refund.amount_krw for refund in self.refunds if refund.status == RefundStatus.PENDING)
        return self.captured_krw - self.refunded_krw - under_way


class PaymentRefund(Base):
    __tablename__ = "payment_refunds"
    __table_args__ = (CheckConstraint("amount_krw > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    amount_krw: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[RefundStatus] = mapped_column(enum_type(RefundStatus, "refund_status"), default=RefundStatus.PENDING)
    stripe_refund_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    reason: Mapped[str] = mapped_column(String(300), default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    payment: Mapped[Payment] = relationship(back_populates="refunds")


class StripeEvent(Base):
    """A Stripe event we have applied; the primary key makes a second delivery a no-op."""

    __tablename__ = "stripe_events"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)  # Stripe's event id, evt_…
    type: Mapped[str] = mapped_column(String(80))
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # "webhook" or "reconcile"
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
