"""What a sponsor firm's money did in one year, read from the ledger: pledged, committed and paid in.

This is the one place that reads a firm's part of its programmes' ledger movements; every evidence figure of
money goes through `sponsor_money`. Today a programme has one sponsor firm, whose part of each movement is the
whole of it; a consortium programme (several firms) will give each member its own part here, and nowhere else.

A year is a calendar year in Korea (Asia/Seoul). Net, not gross: a commitment posted in the year counts unless
the project was cancelled and the commitment released (whenever that happened); a card payment captured in
the year counts less what was refunded of it (whenever). The gross sums and what was taken off are kept beside,
so the arithmetic shows. Summed over every year, the net figures equal the sponsor report's totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from funds.models import AccountKind, LedgerAccount, LedgerEntry, LedgerTransaction, Payment, PaymentPurpose
from funds.models import TransactionKind as T
from marketplace.clock import KOREA
from marketplace.programmes.models import SponsorProgramme


@dataclass(frozen=True)
class Movement:
    """One ledger transaction as it counts for the firm: its part, positive when it adds to the figure."""

    transaction_id: int
    kind: T
    amount_krw: int
    posted_at: datetime
    owner_id: int  # the programme (pool movements) or the payment (card movements)
    project_id: int | None


@dataclass(frozen=True)
class SponsorMoney:
    pledges: list[Movement]  # pledges (and cuts, negative) posted in the year
    commitments: list[Movement]  # money that left the firm's pools for projects agreed in the year
    releases: list[Movement]  # the release of those commitments, when their project was cancelled
    payments: list[Movement]  # card payments of the pledge captured in the year
    refunds: list[Movement]  # refunds of those payments

    @property
    def pledged_krw(self) -> int:
        return sum(m.amount_krw for m in self.pledges)

    @property
    def committed_gross_krw(self) -> int:
        return sum(m.amount_krw for m in self.commitments)

    @property
    def released_krw(self) -> int:
        return sum(m.amount_krw for m in self.releases)

    @property
    def committed_krw(self) -> int:
        return self.committed_gross_krw - self.released_krw

    @property
    def paid_gross_krw(self) -> int:
        return sum(m.amount_krw for m in self.payments)

    @property
    def refunded_krw(self) -> int:
        return sum(m.amount_krw for m in self.refunds)

    @property
    def paid_krw(self) -> int:
        return self.paid_gross_krw - self.refunded_krw


def programmes_of(organisation_id: int) -> Select[int]:
    """The ids of the sponsor programmes a firm funds (SQL): today those it runs; a consortium's members, too."""
    return select(SponsorProgramme.id).where(SponsorProgramme.organisation_id == organisation_id)


def year_span(year: int) -> tuple[datetime, datetime]:
    """The first instant of the year in Korea and of the next, in UTC (as stored)."""
    start, end = (datetime(y, 1, 1, tzinfo=KOREA).astimezone(UTC) for y in (year, year + 1))
    return start, end


def _movements(
    session: Session, account_kind: AccountKind, owners: Select[int]
) -> list[tuple[LedgerTransaction, int, int]]:
    """(transaction, entry amount, account owner) of every entry on this kind of account of these owners."""
    statement = (
        select(LedgerTransaction, LedgerEntry.amount_krw, LedgerAccount.owner_id)
        .join(LedgerEntry, LedgerEntry.transaction_id == LedgerTransaction.id)
        .join(LedgerAccount, LedgerAccount.id == LedgerEntry.account_id)
        .where(LedgerAccount.kind == account_kind, LedgerAccount.owner_id.in_(owners))
        .order_by(LedgerTransaction.id)
    )
    return [(row[0], int(row[1]), int(row[2])) for row in session.execute(statement)]


def _movement(transaction: LedgerTransaction, amount: int, owner: int) -> Movement:
    return Movement(transaction.id, transaction.kind, amount, transaction.created_at, owner, transaction.project_id)


def sponsor_money(session: Session, organisation_id: int, year: int) -> SponsorMoney:
    """The firm's pledges, commitments and pledge payments of one year, each ledger transaction kept."""
    start, end = year_span(year)

    def in_year(transaction: LedgerTransaction) -> bool:
        return start <= transaction.created_at < end

    pool = _movements(session, AccountKind.SPONSOR_POOL, programmes_of(organisation_id))
    pledges = [_movement(t, amount, owner) for t, amount, owner in pool if t.kind == T.PLEDGE and in_year(t)]
    # A pool gives money to a commitment (a negative entry) and takes it back on release (positive).
    commitments = [_movement(t, -amount, owner) for t, amount, owner in pool if t.kind == T.COMMIT and in_year(t)]
    committed_ids = {m.transaction_id for m in commitments}
    releases = [
        _movement(t, amount, owner)
        for t, amount, owner in pool
        if t.kind == T.RELEASE and t.reverses_id in committed_ids
    ]
    paid = select(Payment.id).where(
        Payment.payer_organisation_id == organisation_id, Payment.purpose == PaymentPurpose.PLEDGE
    )
    cash = _movements(session, AccountKind.PAYMENT_CASH, paid)
    payments = [_movement(t, amount, owner) for t, amount, owner in cash if t.kind == T.PAYMENT and in_year(t)]
    paid_ids = {m.owner_id for m in payments}
    refunds = [_movement(t, -amount, owner) for t, amount, owner in cash if t.kind == T.REFUND and owner in paid_ids]
    return SponsorMoney(pledges, commitments, releases, payments, refunds)
