"""The money behind projects: a sponsor programme's pledged pool and a government programme's budget.

The ledger follows the programmes' figures: when a pledge or a budget is set or changed, the difference
is posted (source → pool or budget), so a cut below what is already committed is refused by the ledger
itself. The programme's row is locked first, so concurrent writers post each difference once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from funds import ledger
from funds.models import AccountKind, GovernmentProgramme, TransactionKind
from marketplace.auth.models import User
from marketplace.programmes.models import SponsorProgramme


@dataclass(frozen=True)
class Balance:
    total_krw: int  # pledged, or the budget
    committed_krw: int

    @property
    def remaining_krw(self) -> int:
        return self.total_krw - self.committed_krw


def lock_programme(session: Session, programme_id: int) -> SponsorProgramme:
    statement = select(SponsorProgramme).where(SponsorProgramme.id == programme_id).with_for_update()
    return session.scalars(statement.execution_options(populate_existing=True)).one()


def lock_government_programme(session: Session, programme_id: int) -> GovernmentProgramme:
    statement = select(GovernmentProgramme).where(GovernmentProgramme.id == programme_id).with_for_update()
    return session.scalars(statement.execution_options(populate_existing=True)).one()


def sync_pledge(session: Session, programme_id: int, actor: User | None) -> SponsorProgramme:
    """Post the difference between the programme's pledged pool and what the ledger holds as pledged.

    Returns the programme, locked for the rest of the transaction.
    """
    programme = lock_programme(session, programme_id)
    _sync(
        session,
        (AccountKind.SPONSOR_PLEDGE, AccountKind.SPONSOR_POOL, TransactionKind.PLEDGE),
        programme.id,
        programme.pledged_pool_krw,
        actor,
    )
    return programme


def sync_budget(session: Session, programme_id: int, actor: User | None) -> None:
    """Post the difference between the government programme's budget and what the ledger holds."""
    programme = lock_government_programme(session, programme_id)
    _sync(
        session,
        (AccountKind.GOVERNMENT_APPROPRIATION, AccountKind.GOVERNMENT_BUDGET, TransactionKind.BUDGET),
        programme.id,
        programme.budget_krw,
        actor,
    )


def _sync(
    session: Session,
    kinds: tuple[AccountKind, AccountKind, TransactionKind],
    owner_id: int,
    total_krw: int,
    actor: User | None,
) -> None:
    source_kind, holding_kind, transaction_kind = kinds
    source, holding = ledger.account(session, source_kind, owner_id), ledger.account(session, holding_kind, owner_id)
    difference = total_krw + source.balance_krw  # the source holds minus what was pledged so far
    if difference > 0:
        ledger.record(session, transaction_kind, [ledger.Transfer(source, holding, difference)], actor)
    elif difference < 0:
        ledger.record(session, transaction_kind, [ledger.Transfer(holding, source, -difference)], actor)


def pool_balance(session: Session, programme: SponsorProgramme) -> Balance:
    """Pledged, committed and remaining of a sponsor programme (committed: what left the pool)."""
    pledged = -ledger.balance(session, AccountKind.SPONSOR_PLEDGE, programme.id)
    remaining = ledger.balance(session, AccountKind.SPONSOR_POOL, programme.id)
    # Until the ledger has seen the pledge (no project agreed yet), nothing is committed.
    committed = pledged - remaining
    return Balance(programme.pledged_pool_krw, committed)


def budget_balance(session: Session, programme: GovernmentProgramme) -> Balance:
    appropriated = -ledger.balance(session, AccountKind.GOVERNMENT_APPROPRIATION, programme.id)
    remaining = ledger.balance(session, AccountKind.GOVERNMENT_BUDGET, programme.id)
    return Balance(programme.budget_krw, appropriated - remaining)
