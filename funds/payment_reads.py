"""Reading payments: who may see one, the lists on the payments page, a project's and a programme's sums."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from funds.models import Payment, PaymentPurpose, PaymentStatus, Project
from funds.payment_services import REFUNDERS
from funds.projects import parties, visible_condition
from marketplace.auth.models import User
from marketplace.errors import NotFound

LIST_LIMIT = 200


def may_see_payment(session: Session, viewer: User, payment: Payment) -> bool:
    """The payer, the parties to the project it pays for, officers and admins."""
    if viewer.role in REFUNDERS or viewer.organisation_id == payment.payer_organisation_id:
        return True
    project = session.get(Project, payment.project_id) if payment.project_id is not None else None
    return project is not None and bool(parties(viewer, project))


def get_payment(session: Session, viewer: User, payment_id: int) -> Payment:
    payment = session.get(Payment, payment_id)
    if payment is None or not may_see_payment(session, viewer, payment):
        raise NotFound(_l("No such payment."))
    return payment


def visible_payments(session: Session, viewer: User) -> list[Payment]:
    """Newest first: everything for officers and admins, else the viewer's firm's and its projects'."""
    statement = select(Payment).order_by(Payment.id.desc()).limit(LIST_LIMIT)
    if viewer.role not in REFUNDERS:
        own_projects = select(Project.id).where(visible_condition(viewer))
        statement = statement.where(
            or_(Payment.payer_organisation_id == viewer.organisation_id, Payment.project_id.in_(own_projects))
        )
    return list(session.scalars(statement))


@dataclass(frozen=True)
class PaidSummary:
    """What was paid towards one pledge or share: shown on the project page and the sponsor report."""

    paid_krw: int  # captured, less refunds
    pending_krw: int  # sent to the card service, not yet confirmed
    refunded_krw: int
    payments: list[Payment]


def summarise(payments: list[Payment]) -> PaidSummary:
    pending = sum(p.amount_krw for p in payments if p.status in (PaymentStatus.PENDING, PaymentStatus.PROCESSING))
    return PaidSummary(
        paid_krw=sum(p.net_krw for p in payments),
        pending_krw=pending,
        refunded_krw=sum(p.refunded_krw for p in payments),
        payments=payments,
    )


def paid_towards(session: Session, purpose: PaymentPurpose, target_id: int) -> PaidSummary:
    column: Any = Payment.programme_id if purpose == PaymentPurpose.PLEDGE else Payment.project_id
    return summarise(list(session.scalars(select(Payment).where(column == target_id).order_by(Payment.id))))


def paid_by(session: Session, organisation_id: int, programme_id: int | None = None) -> PaidSummary:
    """What one firm paid: a sponsor's pledge payments (to one programme, or all), an SME's share payments."""
    statement = select(Payment).where(Payment.payer_organisation_id == organisation_id).order_by(Payment.id)
    if programme_id is not None:
        statement = statement.where(Payment.programme_id == programme_id)
    return summarise(list(session.scalars(statement)))
