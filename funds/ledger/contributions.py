"""What a sponsor firm's money did in one year, read from the ledger: pledged, committed and paid in.

This is the one place that reads a firm's part of its programmes' ledger movements; every evidence figure of
money goes through `sponsor_money`. A programme of one sponsor firm: the firm's part of each movement of the
programme's pool is the whole of it. A consortium programme (funds.ledger.members): each member's part is read
from its own accounts (its pledge posted from member_pledge to member_pool, its pro-rata part of each
commitment moved from member_pool to member_committed, in the commitment's own ledger transaction). The
consortium's lead also holds what its programme's pool did before it became a consortium: the pool's movements
before the transaction that opened the lead's accounts (which restates them, so it is not counted again).
Card payments of a pledge are each paid by one firm (`payer_organisation_id`): a member pays its own.

A year is a calendar year in Korea (Asia/Seoul). Net, not gross: a commitment posted in the year counts unless
the project was cancelled and the commitment released (whenever that happened); a card payment captured in
the year counts less what was refunded of it (whenever). The gross sums and what was taken off are kept beside,
so the arithmetic shows. Summed over every year, the net figures equal the sponsor report's totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session

from funds.models import (
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    Payment,
    PaymentPurpose,
    ProgrammeMember,
)
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
    reverses_id: int | None = None  # a release: the commitment it gives back


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
    """The ids of the sponsor programmes a firm funds (SQL): those it runs and the consortia it is a member of."""
    memberships = select(ProgrammeMember.programme_id).where(ProgrammeMember.organisation_id == organisation_id)
    return select(SponsorProgramme.id).where(
        or_(SponsorProgramme.organisation_id == organisation_id, SponsorProgramme.id.in_(memberships))
    )


def year_span(year: int) -> tuple[datetime, datetime]:
    """The first instant of the year in Korea and of the next, in UTC (as stored)."""
    start, end = (datetime(y, 1, 1, tzinfo=KOREA).astimezone(UTC) for y in (year, year + 1))
    return start, end


def _movements(
    session: Session, account_kind: AccountKind, owners: Select[int] | list[int]
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
    return Movement(
        transaction.id, transaction.kind, amount, transaction.created_at, owner, transaction.project_id,
        transaction.reverses_id,
    )  # fmt: skip


@dataclass
class _Pool:
    """A firm's part of its programmes' pool movements, every year: pledges, commitments, their releases."""

    pledges: list[Movement]
    commitments: list[Movement]
    releases: list[Movement]


def _programme_pools(session: Session, organisation_id: int) -> _Pool:
    """The pools of the programmes the firm runs alone: every movement is the firm's."""
    has_members = exists().where(ProgrammeMember.programme_id == SponsorProgramme.id)
    alone = select(SponsorProgramme.id).where(SponsorProgramme.organisation_id == organisation_id, ~has_members)
    return _split(_movements(session, AccountKind.SPONSOR_POOL, alone), before=None)


def _split(rows: list[tuple[LedgerTransaction, int, int]], before: dict[int, int] | None) -> _Pool:
    """Pledges, commitments and the releases of those commitments among a pool's entries (owner: programme);
    with `before`, only the transactions before each programme's given transaction id (and their releases)."""

    def kept(transaction: LedgerTransaction, owner: int) -> bool:  # a lead without an opening: all of it
        return before is None or owner not in before or transaction.id < before[owner]

    pledges = [_movement(t, amount, owner) for t, amount, owner in rows if t.kind == T.PLEDGE and kept(t, owner)]
    # A pool gives money to a commitment (a negative entry) and takes it back on release (positive).
    commitments = [_movement(t, -amount, owner) for t, amount, owner in rows if t.kind == T.COMMIT and kept(t, owner)]
    committed_ids = {m.transaction_id for m in commitments}
    releases = [
        _movement(t, amount, owner)
        for t, amount, owner in rows
        if t.kind == T.RELEASE and t.reverses_id in committed_ids
    ]
    return _Pool(pledges, commitments, releases)


def _member_pools(session: Session, organisation_id: int) -> _Pool:
    """The firm's own accounts in the consortia it is a member of, and, for those it leads, their pools' movements
    before they became consortia. Movements are owned by the programme (as the pools' are)."""
    memberships = list(
        session.scalars(select(ProgrammeMember).where(ProgrammeMember.organisation_id == organisation_id))
    )
    programme_of = {member.id: member.programme_id for member in memberships}
    sources = _movements(session, AccountKind.MEMBER_PLEDGE, list(programme_of))
    pools = _movements(session, AccountKind.MEMBER_POOL, list(programme_of))
    led = {
        member.id: member.programme_id
        for member, programme in session.execute(
            select(ProgrammeMember, SponsorProgramme)
            .join(SponsorProgramme, SponsorProgramme.id == ProgrammeMember.programme_id)
            .where(ProgrammeMember.organisation_id == organisation_id)
        )
        if programme.organisation_id == organisation_id
    }
    # The lead's accounts are opened by one pledge transaction restating the pool so far (its first).
    opened: dict[int, int] = {}
    for t, _amount, owner in sources:
        if owner in led and owner not in opened:
            opened[owner] = t.id
    opening = set(opened.values())
    before = {led[member]: transaction for member, transaction in opened.items()}
    earlier = _split(_movements(session, AccountKind.SPONSOR_POOL, list(led.values())), before)
    # A pledge is what left the member's source (its pool may also have passed commitments on, when opened).
    pledges = [
        _movement(t, -amount, programme_of[owner])
        for t, amount, owner in sources
        if t.kind == T.PLEDGE and t.id not in opening
    ]
    for t, amount, owner in sources:  # an opening restating more than the pool's earlier pledges: the rest is new
        if t.id in opening:
            restated = sum(m.amount_krw for m in earlier.pledges if m.owner_id == programme_of[owner])
            if -amount != restated:
                pledges.append(Movement(t.id, t.kind, -amount - restated, t.created_at, programme_of[owner], None))
    commitments = [_movement(t, -amount, programme_of[owner]) for t, amount, owner in pools if t.kind == T.COMMIT]
    committed_ids = {m.transaction_id for m in commitments}
    releases = [
        _movement(t, amount, programme_of[owner])
        for t, amount, owner in pools
        if t.kind == T.RELEASE and t.reverses_id in committed_ids
    ]
    return _Pool([*earlier.pledges, *pledges], [*earlier.commitments, *commitments], [*earlier.releases, *releases])


def sponsor_money(session: Session, organisation_id: int, year: int) -> SponsorMoney:
    """The firm's pledges, commitments and pledge payments of one year, each ledger transaction kept."""
    start, end = year_span(year)

    def in_year(moved: datetime) -> bool:
        return start <= moved < end

    alone, member = _programme_pools(session, organisation_id), _member_pools(session, organisation_id)

    def ordered(movements: list[Movement]) -> list[Movement]:
        return sorted(movements, key=lambda m: (m.transaction_id, m.owner_id))

    pledges = ordered([m for m in [*alone.pledges, *member.pledges] if in_year(m.posted_at)])
    commitments = ordered([m for m in [*alone.commitments, *member.commitments] if in_year(m.posted_at)])
    committed_ids = {m.transaction_id for m in commitments}
    releases = ordered([m for m in [*alone.releases, *member.releases] if m.reverses_id in committed_ids])
    paid = select(Payment.id).where(
        Payment.payer_organisation_id == organisation_id, Payment.purpose == PaymentPurpose.PLEDGE
    )
    cash = _movements(session, AccountKind.PAYMENT_CASH, paid)
    payments = [
        _movement(t, amount, owner) for t, amount, owner in cash if t.kind == T.PAYMENT and in_year(t.created_at)
    ]
    paid_ids = {m.owner_id for m in payments}
    refunds = [_movement(t, -amount, owner) for t, amount, owner in cash if t.kind == T.REFUND and owner in paid_ids]
    return SponsorMoney(pledges, commitments, releases, payments, refunds)
