"""The money behind projects: a sponsor programme's pledged pool and a government programme's budget.

The ledger follows the programmes' figures: when a pledge or a budget is set or changed, the difference
is posted (source → pool or budget), so a cut below what is already committed is refused by the ledger
itself. The programme's row is locked first, so concurrent writers post each difference once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class _Fund:
    """Where a programme's money sits in the ledger: the source it comes from and what is left to commit."""

    model: Any
    total: str  # the programme's own figure: its pledged pool or its budget
    source: AccountKind
    holding: AccountKind
    transaction: TransactionKind


POOL = _Fund(
    SponsorProgramme, "pledged_pool_krw", AccountKind.SPONSOR_PLEDGE, AccountKind.SPONSOR_POOL, TransactionKind.PLEDGE
)
BUDGET = _Fund(
    GovernmentProgramme,
    "budget_krw",
    AccountKind.GOVERNMENT_APPROPRIATION,
    AccountKind.GOVERNMENT_BUDGET,
    TransactionKind.BUDGET,
)


def _lock(session: Session, model: Any, programme_id: int) -> Any:
    statement = select(model).where(model.id == programme_id).with_for_update()
    return session.scalars(statement.execution_options(populate_existing=True)).one()


def lock_programme(session: Session, programme_id: int) -> SponsorProgramme:
    return _lock(session, SponsorProgramme, programme_id)


def lock_government_programme(session: Session, programme_id: int) -> GovernmentProgramme:
    return _lock(session, GovernmentProgramme, programme_id)


def sync_pledge(session: Session, programme_id: int, actor: User | None) -> SponsorProgramme:
    """Post the difference between the programme's pledged pool and what the ledger holds as pledged.

    Returns the programme, locked for the rest of the transaction.
    """
    return _sync(session, POOL, programme_id, actor)


def sync_budget(session: Session, programme_id: int, actor: User | None) -> None:
    """Post the difference between the government programme's budget and what the ledger holds."""
    _sync(session, BUDGET, programme_id, actor)


def _sync(session: Session, fund: _Fund, programme_id: int, actor: User | None) -> Any:
    programme = _lock(session, fund.model, programme_id)
    source, holding = (
        ledger.account(session, fund.source, programme.id),
        ledger.account(session, fund.holding, programme.id),
    )
    difference = getattr(programme, fund.total) + source.balance_krw  # the source holds minus what was posted so far
    if difference > 0:
        ledger.record(session, fund.transaction, [ledger.Transfer(source, holding, difference)], actor)
    elif difference < 0:
        ledger.record(session, fund.transaction, [ledger.Transfer(holding, source, -difference)], actor)
    return programme


def _balance(session: Session, fund: _Fund, programme: Any) -> Balance:
    # Committed is what left the holding; before the ledger has seen the programme, nothing has.
    posted = -ledger.balance(session, fund.source, programme.id)
    remaining = ledger.balance(session, fund.holding, programme.id)
    return Balance(getattr(programme, fund.total), posted - remaining)


def pool_balance(session: Session, programme: SponsorProgramme) -> Balance:
    """Pledged, committed and remaining of a sponsor programme."""
    return _balance(session, POOL, programme)


def budget_balance(session: Session, programme: GovernmentProgramme) -> Balance:
    """Budget, committed and remaining of a government programme."""
    return _balance(session, BUDGET, programme)
