"""Energy pre-investment (에너지 절감액 분할상환): the sponsor pays the SME's share; measured savings repay it.

The sponsor marks a project before money is committed; agreeing it then moves the SME's share from the
sponsor's pool into escrow and books it as the project's receivable (funds.projects.commitments). Each month's
measured saving repays floor(saved × percent / 100), never more than is still owed, as a REPAY
transaction from the receivable to the sponsor programme's repaid account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from funds import ledger
from funds.ledger import Transfer
from funds.models import (
    AccountKind,
    EnergySaving,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    Project,
    ProjectStatus,
    TransactionKind,
)
from funds.policies import RECORDERS as RECORDERS
from funds.projects.services import get_project
from marketplace.auth.models import User
from marketplace.context import ServiceContext
from marketplace.dates import add_months
from marketplace.errors import Conflict, NotFound
from marketplace.policy import can, ensure
from marketplace.validation import MAX_LISTING_KRW, fail

MARKABLE_STATES = (ProjectStatus.APPLIED, ProjectStatus.SELECTED)  # before money is committed
REPAYING_STATES = (ProjectStatus.INSPECTED, ProjectStatus.COMPLETED)  # the system is built and measuring
MAX_KWH = 1_000_000_000


@dataclass(frozen=True)
class ScheduleRow:
    month: date
    saved_krw: int
    saved_kwh: int | None
    repaid_krw: int
    outstanding_krw: int  # still owed after this month


@dataclass(frozen=True)
class Schedule:
    preinvested_krw: int  # from the ledger: booked into the project's receivable
    repaid_krw: int  # from the ledger: REPAY transactions out of it
    outstanding_krw: int  # the receivable's balance
    rows: list[ScheduleRow]
    average_repaid_krw: int  # per recorded month (whole won, rounded down)
    months_left: int | None  # at the average; None when nothing has repaid yet
    expected_end: date | None  # the month the last repayment is expected in


def get_energy_project(session: Session, viewer: User | None, project_id: int, for_update: bool = False) -> Project:
    """The project, for its SME, its sponsor, officers and admins; to anyone else it does not exist."""
    project = get_project(session, viewer, project_id, for_update=for_update)
    if not can(viewer, "view_energy", project):
        raise NotFound(_l("No such project."))
    return project


def mark_preinvestment(session: Session, actor: User, project: Project, repayment_percent: Any) -> Project:
    """The sponsor pre-invests the SME's share, repaid by this percent of each month's measured savings."""
    ensure(actor, "mark_preinvestment", project, _l("Only the project's sponsor marks it as an energy pre-investment."))
    if project.programme_id is None:
        raise Conflict(_l("Only a project with a sponsor programme can be pre-invested."))
    if project.status not in MARKABLE_STATES:
        raise Conflict(_l("A project is marked as a pre-investment before its money is committed."))
    if project.sme_share_krw <= 0:
        raise Conflict(_l("The SME pays no share of this project: there is nothing to pre-invest."))
    percent = repayment_percent
    if isinstance(percent, bool) or not isinstance(percent, int) or not 1 <= percent <= 100:
        raise fail("repayment_percent", _l("Enter a whole percent from 1 to 100."))
    project.energy_preinvestment, project.repayment_percent = True, percent
    session.flush()
    return project


def _check_saving(project: Project, month: Any, saved_krw: Any, saved_kwh: Any, today: date) -> date:
    """The month (its first day) when every value is sound, else the first field at fault."""
    if not isinstance(month, date):
        raise fail("month", _l("Enter the month measured."))
    first = month.replace(day=1)
    if first > today.replace(day=1):
        raise fail("month", _l("The month cannot be in the future."))
    if project.agreed_on is not None and first < project.agreed_on.replace(day=1):
        raise fail("month", _l("The month cannot be before the project was agreed."))
    if isinstance(saved_krw, bool) or not isinstance(saved_krw, int) or not 0 <= saved_krw <= MAX_LISTING_KRW:
        raise fail("saved_krw", _l("Enter the saving as a whole number of won, zero or more."))
    if saved_kwh is not None and (isinstance(saved_kwh, bool) or not isinstance(saved_kwh, int)):
        raise fail("saved_kwh", _l("Enter the saving as a whole number of kWh, zero or more."))
    if saved_kwh is not None and not 0 <= saved_kwh <= MAX_KWH:
        raise fail("saved_kwh", _l("Enter the saving as a whole number of kWh, zero or more."))
    return first


def record_saving(
    session: Session, ctx: ServiceContext, project: Project, month: Any, saved_krw: Any, saved_kwh: Any = None
) -> EnergySaving:
    """One month's measured saving and the repayment it makes (0 once the pre-investment is repaid);
    a month counts once it has ended, as of ctx.today."""
    actor = ctx.actor
    ensure(actor, "record_energy", project, _l("Only the SME, the sponsor or an officer records energy savings."))
    if not project.energy_preinvestment or project.programme_id is None:
        raise Conflict(_l("This project is not an energy pre-investment."))
    if project.status not in REPAYING_STATES:
        raise Conflict(_l("Savings are recorded once the project has passed inspection."))
    first = _check_saving(project, month, saved_krw, saved_kwh, ctx.today)
    taken = select(EnergySaving.id).where(EnergySaving.project_id == project.id, EnergySaving.month == first)
    if session.scalar(taken) is not None:
        raise Conflict(_l("A saving is already recorded for this month."))
    receivable = ledger.account(session, AccountKind.PREINVESTMENT_RECEIVABLE, project.id)
    percent = project.repayment_percent or 0
    repaid = min(saved_krw * percent // 100, receivable.balance_krw)
    transaction = None
    if repaid > 0:
        repaid_account = ledger.account(session, AccountKind.SPONSOR_REPAID, project.programme_id)
        memo = f"project {project.id}: energy savings of {first:%Y-%m} repay the pre-investment"
        transfer = Transfer(receivable, repaid_account, repaid)
        transaction = ledger.record(session, TransactionKind.REPAY, [transfer], actor, project.id, memo)
    saving = EnergySaving(
        project_id=project.id,
        month=first,
        saved_kwh=saved_kwh,
        saved_krw=saved_krw,
        repaid_krw=repaid,
        transaction_id=transaction.id if transaction else None,
        recorded_by_id=actor.id,
    )
    try:
        with session.begin_nested():
            session.add(saving)
    except IntegrityError as error:  # recorded by a concurrent request a moment ago
        raise Conflict(_l("A saving is already recorded for this month.")) from error
    return saving


def _receivable_movements(session: Session, project: Project) -> dict[str, int]:
    """The receivable's entries summed per transaction kind (commit, release, repay)."""
    statement = (
        select(LedgerTransaction.kind, func.sum(LedgerEntry.amount_krw))
        .join(LedgerEntry, LedgerEntry.transaction_id == LedgerTransaction.id)
        .join(LedgerAccount, LedgerAccount.id == LedgerEntry.account_id)
        .where(
            LedgerAccount.kind == AccountKind.PREINVESTMENT_RECEIVABLE,
            LedgerAccount.owner_id == project.id,
        )
        .group_by(LedgerTransaction.kind)
    )
    return {str(kind): int(total) for kind, total in session.execute(statement)}


def schedule(session: Session, project: Project) -> Schedule:
    """Past months (saved, repaid, still owed after) and the projection at the average monthly repayment."""
    movements = _receivable_movements(session, project)
    preinvested = movements.get(TransactionKind.COMMIT.value, 0) + movements.get(TransactionKind.RELEASE.value, 0)
    repaid = -movements.get(TransactionKind.REPAY.value, 0)
    outstanding = ledger.balance(session, AccountKind.PREINVESTMENT_RECEIVABLE, project.id)
    savings = session.scalars(
        select(EnergySaving).where(EnergySaving.project_id == project.id).order_by(EnergySaving.month)
    ).all()
    rows, owed = [], preinvested
    for saving in savings:
        owed -= saving.repaid_krw
        rows.append(ScheduleRow(saving.month, saving.saved_krw, saving.saved_kwh, saving.repaid_krw, owed))
    average = sum(row.repaid_krw for row in rows) // len(rows) if rows else 0
    months_left, end = None, None
    if outstanding == 0 and rows:
        months_left, end = 0, max((row.month for row in rows if row.repaid_krw), default=None)
    elif average > 0:
        months_left = -(-outstanding // average)  # rounded up
        end = add_months(rows[-1].month, months_left)
    return Schedule(preinvested, repaid, outstanding, rows, average, months_left, end)
