"""The only writer of ledger entries: balanced transfers between accounts, checked as they are written.

Every transaction is a list of transfers (from one account to another, a positive amount), so it
balances by construction. Each account's running balance moves in one conditional UPDATE that also
checks the account stays on its side of zero (`balance * sign >= 0`): on PostgreSQL the row lock makes
a concurrent writer wait and then re-check against the committed balance; on SQLite one transaction
writes at a time. So a pool or a budget can never be committed twice over, whatever the concurrency,
and a refused transfer raises InsufficientFunds before anything of the transaction is written.
Accounts are updated in id order, so two transactions never wait on each other in a cycle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from funds.models import SOURCES, AccountKind, LedgerAccount, LedgerEntry, LedgerTransaction, TransactionKind
from marketplace.auth.models import User
from marketplace.db import utcnow
from marketplace.errors import Conflict


class InsufficientFunds(Conflict):
    """A transfer would take a pool, a budget or an escrow below zero."""

    code = "insufficient_funds"


SHORTFALL_MESSAGES = {
    AccountKind.SPONSOR_POOL: _l("The sponsor programme's pool has not enough uncommitted money left for this."),
    AccountKind.GOVERNMENT_BUDGET: _l("The government programme's budget has not enough uncommitted money left."),
}


@dataclass(frozen=True)
class Transfer:
    source: LedgerAccount
    target: LedgerAccount
    amount_krw: int


def account(session: Session, kind: AccountKind, owner_id: int) -> LedgerAccount:
    """The account of this kind for its owner, opened on first use."""
    statement = select(LedgerAccount).where(LedgerAccount.kind == kind, LedgerAccount.owner_id == owner_id)
    found = session.scalar(statement)
    if found is not None:
        return found
    opened = LedgerAccount(kind=kind, owner_id=owner_id, sign=-1 if kind in SOURCES else 1, balance_krw=0)
    try:
        with session.begin_nested():
            session.add(opened)
    except IntegrityError:  # opened by a concurrent transaction a moment ago
        return session.scalars(statement).one()
    return opened


def balance(session: Session, kind: AccountKind, owner_id: int) -> int:
    """An account's balance; 0 for an account never opened."""
    statement = select(LedgerAccount.balance_krw).where(LedgerAccount.kind == kind, LedgerAccount.owner_id == owner_id)
    return session.scalar(statement) or 0


def record(
    session: Session,
    kind: TransactionKind,
    transfers: Iterable[Transfer],
    actor: User | None,
    project_id: int | None = None,
    memo: str = "",
) -> LedgerTransaction:
    """Write one balanced transaction, or refuse it whole with InsufficientFunds."""
    deltas: dict[int, int] = defaultdict(int)
    accounts: dict[int, LedgerAccount] = {}
    for transfer in transfers:
        if transfer.amount_krw < 0:
            raise ValueError("a transfer moves a positive amount; swap source and target instead")
        deltas[transfer.source.id] -= transfer.amount_krw
        deltas[transfer.target.id] += transfer.amount_krw
        accounts[transfer.source.id], accounts[transfer.target.id] = transfer.source, transfer.target
    return _write(session, kind, {accounts[key]: delta for key, delta in deltas.items()}, actor, project_id, memo)


def reverse(
    session: Session, original: LedgerTransaction, kind: TransactionKind, actor: User | None, memo: str = ""
) -> LedgerTransaction:
    """A new transaction that undoes `original` entry by entry: the ledger's only way to correct."""
    deltas = {entry.account: -entry.amount_krw for entry in original.entries}
    return _write(session, kind, deltas, actor, original.project_id, memo, reverses=original)


def _write(
    session: Session,
    kind: TransactionKind,
    deltas: dict[LedgerAccount, int],
    actor: User | None,
    project_id: int | None,
    memo: str,
    reverses: LedgerTransaction | None = None,
) -> LedgerTransaction:
    if sum(deltas.values()) != 0:
        raise ValueError("a ledger transaction must balance")
    moving = sorted((item for item in deltas.items() if item[1]), key=lambda item: item[0].id)
    for target, delta in moving:
        _move_balance(session, target, delta)
    transaction = LedgerTransaction(
        kind=kind,
        project_id=project_id,
        memo=memo[:300],
        actor_id=actor.id if actor is not None else None,
        reverses_id=reverses.id if reverses is not None else None,
        created_at=utcnow(),
        entries=[LedgerEntry(account_id=target.id, amount_krw=delta) for target, delta in moving],
    )
    session.add(transaction)
    session.flush()
    return transaction


def _move_balance(session: Session, target: LedgerAccount, delta: int) -> None:
    new_balance = LedgerAccount.balance_krw + delta
    result = session.execute(
        update(LedgerAccount)
        .where(LedgerAccount.id == target.id, new_balance * LedgerAccount.sign >= 0)
        .values(balance_krw=new_balance)
        .execution_options(synchronize_session=False)
    )
    session.expire(target, ["balance_krw"])
    if result.rowcount != 1:  # type: ignore[attr-defined]
        message = SHORTFALL_MESSAGES.get(target.kind, _l("There is not enough money in the account for this."))
        raise InsufficientFunds(message)
