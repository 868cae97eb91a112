"""Reading payments: who may see one, the lists on the payments page, a project's and a programme's sums."""

from __future__ import annotations

from collections import defaultdict

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from funds.models import Payment, Project
from funds.payments.services import REFUNDERS, PaidSummary, summarise
from funds.projects.services import parties, visible_condition
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


def paid_by(session: Session, organisation_id: int, programme_id: int | None = None) -> PaidSummary:
    """What one firm paid: a sponsor's pledge payments (to one programme, or all), an SME's share payments."""
    statement = select(Payment).where(Payment.payer_organisation_id == organisation_id).order_by(Payment.id)
    if programme_id is not None:
        statement = statement.where(Payment.programme_id == programme_id)
    return summarise(list(session.scalars(statement)))


def paid_by_programme(session: Session, organisation_id: int) -> dict[int, PaidSummary]:
    """A sponsor's pledge payments, summed per programme, in one query."""
    found: dict[int, list[Payment]] = defaultdict(list)
    for payment in paid_by(session, organisation_id).payments:
        if payment.programme_id is not None:
            found[payment.programme_id].append(payment)
    return {programme_id: summarise(payments) for programme_id, payments in found.items()}
