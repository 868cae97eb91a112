"""The double-entry ledger: accounts, transactions and their entries. Entries and transactions are append-only.

Each account holds money on one side only: a holding (a pool, a budget, an escrow, a payable) never goes
below zero, a source (what was pledged, appropriated or owed by an SME) never above it. `balance_krw` is
a running total kept by funds.ledger in the same statement that checks it, so "never over-committed"
holds under concurrent writers; `flask funds check` proves it equals the sum of the entries.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Base, enum_type, utcnow


class AccountKind(enum.StrEnum):
    SPONSOR_PLEDGE = "sponsor_pledge"  # source: what a sponsor programme pledged
    SPONSOR_POOL = "sponsor_pool"  # the pledge not yet committed to a project
    SPONSOR_REPAID = "sponsor_repaid"  # energy pre-investment paid back to the sponsor
    GOVERNMENT_APPROPRIATION = "government_appropriation"  # source: a government programme's budget
    GOVERNMENT_BUDGET = "government_budget"  # the budget not yet committed
    SME_CONTRIBUTION = "sme_contribution"  # source: the SME's share of a project
    PROJECT_ESCROW = "project_escrow"  # committed to a project, not yet disbursed
    SUPPLIER_PAYABLE = "supplier_payable"  # disbursed: owed to the project's supplier
    PREINVESTMENT_RECEIVABLE = "preinvestment_receivable"  # an SME share a sponsor pre-invested, still owed
    PAYER_FUNDS = "payer_funds"  # source: what a payer has paid by card through one payment, net of refunds
    PAYMENT_CASH = "payment_cash"  # the money one payment brought in through Stripe, net of refunds
    # A consortium member's own share of its programme's pledge (owner: a programme_members row). They are the
    # programme's subsidiary ledger: the members' pledges, pools and commitments sum to the programme's own.
    MEMBER_PLEDGE = "member_pledge"  # source: what one member pledged
    MEMBER_POOL = "member_pool"  # that pledge not yet committed to a project
    MEMBER_COMMITTED = "member_committed"  # that pledge committed to projects (its part of each sponsor share)


SOURCES = frozenset(
    {
        AccountKind.SPONSOR_PLEDGE,
        AccountKind.GOVERNMENT_APPROPRIATION,
        AccountKind.SME_CONTRIBUTION,
        AccountKind.PAYER_FUNDS,
        AccountKind.MEMBER_PLEDGE,
    }
)


class TransactionKind(enum.StrEnum):
    PLEDGE = "pledge"  # a sponsor programme's pool set or changed
    BUDGET = "budget"  # a government programme's budget set or changed
    COMMIT = "commit"  # a project agreed: its shares move into escrow
    RELEASE = "release"  # a project cancelled: the reversal of its commitment
    DISBURSE = "disburse"  # a project passed inspection: escrow to the supplier's payable
    REPAY = "repay"  # energy savings repay a sponsor's pre-investment
    CORRECTION = "correction"  # the reversal of a mistaken transaction
    PAYMENT = "payment"  # Stripe confirmed a card payment: payer's funds to the payment's cash
    REFUND = "refund"  # Stripe confirmed a refund: back from the payment's cash to the payer


class LedgerAccount(Base):
    __tablename__ = "ledger_accounts"
    __table_args__ = (
        UniqueConstraint("kind", "owner_id", name="uq_ledger_accounts_kind_owner"),
        CheckConstraint("sign IN (1, -1)", name="sign_is_unit"),
        CheckConstraint("balance_krw * sign >= 0", name="balance_on_its_side"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AccountKind] = mapped_column(enum_type(AccountKind, "account_kind"))
    # The id of what the account belongs to: a sponsor programme, a government programme, a project, a payment
    # or a consortium member.
    owner_id: Mapped[int]
    sign: Mapped[int]  # 1: a holding (never below zero); -1: a source (never above zero)
    balance_krw: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LedgerTransaction(Base):
    __tablename__ = "ledger_transactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TransactionKind] = mapped_column(enum_type(TransactionKind, "transaction_kind"))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), index=True)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_transactions.id"))
    memo: Mapped[str] = mapped_column(String(300), default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    entries: Mapped[list[LedgerEntry]] = relationship(order_by="LedgerEntry.id")


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"
    __table_args__ = (CheckConstraint("amount_krw <> 0", name="amount_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("ledger_transactions.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("ledger_accounts.id"), index=True)
    amount_krw: Mapped[int] = mapped_column(BigInteger)

    account: Mapped[LedgerAccount] = relationship()
