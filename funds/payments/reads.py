"""Reading payments: who may see one, the lists on the payments page, a project's and a programme's sums."""

from __future__ import annotations

from collections import defaultdict

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from funds.models import Payment
from funds.payments.services import PaidSummary, summarise
from marketplace.auth.models import User
from marketplace.policy import found, visible

LIST_LIMIT = 200


def get_payment(session: Session, viewer: User, payment_id: int) -> Payment:
    return found(viewer, session.get(Payment, payment_id), _l("No such payment."))


def visible_payments(session: Session, viewer: User) -> list[Payment]:
    """Newest first: everything for officers and admins, else the viewer's firm's and its projects'."""
    statement = select(Payment).where(visible(viewer, Payment)).order_by(Payment.id.desc()).limit(LIST_LIMIT)
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
