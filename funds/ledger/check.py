"""The ledger's invariants, scanned from the database: `flask --app wsgi funds check` runs them all.

Each check is one query and returns the violations it finds, as lines a person can act on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from funds.models import (
    COMMITTED_STATES,
    AccountKind,
    GovernmentProgramme,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    Payment,
    ProgrammeMember,
    Project,
)
from marketplace.programmes.models import SponsorProgramme

A = AccountKind
OWNERS: dict[AccountKind, Any] = {
    A.SPONSOR_PLEDGE: SponsorProgramme,
    A.SPONSOR_POOL: SponsorProgramme,
    A.SPONSOR_REPAID: SponsorProgramme,
    A.GOVERNMENT_APPROPRIATION: GovernmentProgramme,
    A.GOVERNMENT_BUDGET: GovernmentProgramme,
    A.SME_CONTRIBUTION: Project,
    A.PROJECT_ESCROW: Project,
    A.SUPPLIER_PAYABLE: Project,
    A.PREINVESTMENT_RECEIVABLE: Project,
    A.PAYER_FUNDS: Payment,
    A.PAYMENT_CASH: Payment,
    A.MEMBER_PLEDGE: ProgrammeMember,
    A.MEMBER_POOL: ProgrammeMember,
    A.MEMBER_COMMITTED: ProgrammeMember,
}


def unbalanced_transactions(session: Session) -> list[str]:
    statement = (
        select(LedgerEntry.transaction_id, func.sum(LedgerEntry.amount_krw))
        .group_by(LedgerEntry.transaction_id)
        .having(func.sum(LedgerEntry.amount_krw) != 0)
    )
    return [
        f"transaction {tid} does not balance: entries sum to {total:,}" for tid, total in session.execute(statement)
    ]


def empty_transactions(session: Session) -> list[str]:
    has_entries = select(LedgerEntry.id).where(LedgerEntry.transaction_id == LedgerTransaction.id).exists()
    statement = select(LedgerTransaction.id).where(~has_entries)
    return [f"transaction {tid} has no entries" for tid in session.scalars(statement)]


def orphan_accounts(session: Session) -> list[str]:
    found = []
    for kind, owner in OWNERS.items():
        exists = select(owner.id).where(owner.id == LedgerAccount.owner_id).exists()
        statement = select(LedgerAccount.id, LedgerAccount.owner_id).where(LedgerAccount.kind == kind, ~exists)
        found += [
            f"account {aid} ({kind.value}) belongs to no {owner.__tablename__} row {oid}"
            for aid, oid in session.execute(statement)
        ]
    return found


def _entry_sums(session: Session) -> dict[int, int]:
    statement = select(LedgerEntry.account_id, func.sum(LedgerEntry.amount_krw)).group_by(LedgerEntry.account_id)
    return {account_id: int(total) for account_id, total in session.execute(statement)}


def balances(session: Session) -> list[str]:
    """Each account's running balance equals its entries, and sits on its side of zero."""
    sums = _entry_sums(session)
    found = []
    for account in session.scalars(select(LedgerAccount).order_by(LedgerAccount.id)):
        total = sums.get(account.id, 0)
        if total != account.balance_krw:
            found.append(
                f"account {account.id} ({account.kind.value}) shows {account.balance_krw:,}"
                f" but its entries sum to {total:,}"
            )
        if total * account.sign < 0:
            found.append(
                f"account {account.id} ({account.kind.value} of {account.owner_id}) is over-committed: {total:,}"
            )
    return found


def totals_match(session: Session) -> list[str]:
    """What the ledger holds as pledged and budgeted equals the programmes' own figures."""
    found = []
    pairs = (
        (A.SPONSOR_PLEDGE, SponsorProgramme, SponsorProgramme.pledged_pool_krw, "pledged"),
        (A.GOVERNMENT_APPROPRIATION, GovernmentProgramme, GovernmentProgramme.budget_krw, "budget"),
    )
    for kind, owner, column, word in pairs:
        statement = select(owner.id, column, LedgerAccount.balance_krw).join(
            LedgerAccount, (LedgerAccount.owner_id == owner.id) & (LedgerAccount.kind == kind)
        )
        for owner_id, expected, held in session.execute(statement):
            if -held != expected:
                found.append(f"{owner.__tablename__} {owner_id}: {word} {expected:,} but the ledger holds {-held:,}")
    return found


def project_money(session: Session) -> list[str]:
    """A committed project holds its whole cost in escrow or payable; any other project holds nothing."""
    held: dict[int, int] = {}
    for kind in (A.PROJECT_ESCROW, A.SUPPLIER_PAYABLE):
        statement = select(LedgerAccount.owner_id, LedgerAccount.balance_krw).where(LedgerAccount.kind == kind)
        for owner_id, amount in session.execute(statement):
            held[owner_id] = held.get(owner_id, 0) + amount
    found = []
    for project_id, status, cost in session.execute(select(Project.id, Project.status, Project.cost_krw)):
        expected = cost if status in COMMITTED_STATES else 0
        if held.get(project_id, 0) != expected:
            found.append(
                f"project {project_id} ({status.value}) holds {held.get(project_id, 0):,}, expected {expected:,}"
            )
    return found


def payment_money(session: Session) -> list[str]:
    """Each card payment's cash in the ledger equals what Stripe captured less what it refunded, as recorded."""
    cash = dict(
        session.execute(
            select(LedgerAccount.owner_id, LedgerAccount.balance_krw).where(LedgerAccount.kind == A.PAYMENT_CASH)
        ).all()
    )
    found = []
    for payment_id, captured, refunded in session.execute(
        select(Payment.id, Payment.captured_krw, Payment.refunded_krw)
    ):
        if cash.get(payment_id, 0) != captured - refunded:
            found.append(
                f"payment {payment_id}: captured {captured:,} less refunded {refunded:,}"
                f" but the ledger holds {cash.get(payment_id, 0):,}"
            )
    return found


def _balances_of(session: Session, kinds: tuple[AccountKind, ...]) -> dict[tuple[AccountKind, int], int]:
    statement = select(LedgerAccount.kind, LedgerAccount.owner_id, LedgerAccount.balance_krw).where(
        LedgerAccount.kind.in_(kinds)
    )
    return {(kind, owner): amount for kind, owner, amount in session.execute(statement)}


def consortium_members(session: Session) -> list[str]:
    """Each consortium member: pledged as recorded = its pledge account = its pool + its committed; and the
    members' pledges and pools sum to their programme's (the subsidiary ledger agrees with the control accounts)."""
    held = _balances_of(session, (A.MEMBER_PLEDGE, A.MEMBER_POOL, A.MEMBER_COMMITTED, A.SPONSOR_PLEDGE, A.SPONSOR_POOL))
    found = []
    sums: dict[int, list[int]] = {}
    for member_id, programme_id, pledged in session.execute(
        select(ProgrammeMember.id, ProgrammeMember.programme_id, ProgrammeMember.pledged_krw).order_by(
            ProgrammeMember.id
        )
    ):
        source = -held.get((A.MEMBER_PLEDGE, member_id), 0)
        pool, committed = held.get((A.MEMBER_POOL, member_id), 0), held.get((A.MEMBER_COMMITTED, member_id), 0)
        if source != pledged:
            found.append(
                f"member {member_id} of programme {programme_id}: pledged {pledged:,} but the ledger holds {source:,}"
            )
        if source != pool + committed:
            found.append(
                f"member {member_id} of programme {programme_id}: pledge {source:,} is not its pool {pool:,}"
                f" plus its committed {committed:,}"
            )
        total = sums.setdefault(programme_id, [0, 0])
        total[0], total[1] = total[0] + source, total[1] + pool
    for programme_id, (pledges, pools) in sums.items():
        programme_pledge = -held.get((A.SPONSOR_PLEDGE, programme_id), 0)
        programme_pool = held.get((A.SPONSOR_POOL, programme_id), 0)
        if (pledges, pools) != (programme_pledge, programme_pool):
            found.append(
                f"programme {programme_id}: its members pledge {pledges:,} with {pools:,} uncommitted, but the"
                f" programme holds {programme_pledge:,} with {programme_pool:,} uncommitted"
            )
    return found


CHECKS: tuple[Callable[[Session], list[str]], ...] = (
    unbalanced_transactions,
    empty_transactions,
    orphan_accounts,
    balances,
    totals_match,
    project_money,
    payment_money,
    consortium_members,
)


def run_checks(session: Session) -> list[str]:
    """Every violation found, empty when the ledger is sound."""
    return [violation for check in CHECKS for violation in check(session)]


def counts(session: Session) -> tuple[int, int, int]:
    """Transactions, entries and accounts scanned (for the command's summary)."""
    transactions, entries, accounts = (
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (LedgerTransaction, LedgerEntry, LedgerAccount)
    )
    return transactions, entries, accounts
