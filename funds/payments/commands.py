"""Payment commands that talk to Stripe: each records its intent in the caller's transaction, and Stripe is
asked after that transaction commits, outside any (no database lock is held while Stripe thinks). Stripe's
answer is recorded in a transaction of its own. If Stripe does not answer, or recording its answer fails,
the intent stays recorded (a pending payment or refund), `funds reconcile` repairs it, and the idempotency
keys (funds.payments) stop anything happening twice at Stripe. A money action that happened is therefore
never reported as failed.

Used by the pages, the API, the CLI and the job worker alike.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy.orm import Session

from funds.models import Payment, PaymentRefund
from funds.payments.data import Card
from funds.payments.effects import (
    Reconciliation,
    RefundOrder,
    ask_for_refund,
    reconcile_with,
    record_refund_sent,
    refund_orders,
)
from funds.payments.services import CardAnswer, ask_to_charge, record_card_answer, refund_by_officer
from marketplace.auth.models import User
from marketplace.context import site_url
from marketplace.db import db
from marketplace.unit_of_work import after_commit, reading, retrying, transaction

if TYPE_CHECKING:
    from funds.payments.gateway import Gateway


def gateway() -> Gateway:
    """The app's Stripe gateway, built on first use (the stripe client is not loaded before)."""
    if "stripe_gateway" not in current_app.extensions:
        from funds.payments.gateway import Gateway

        current_app.extensions["stripe_gateway"] = Gateway.from_config(current_app.config)
    found: Gateway = current_app.extensions["stripe_gateway"]
    return found


def _outside_a_transaction(session: Session) -> None:
    if session.in_transaction():
        raise RuntimeError("Stripe is called outside any database transaction")


def charge_card(session: Session, payment: Payment, card: Card) -> CardAnswer:
    """After the payment's commit: charge the card at Stripe, then record the answer (its own transaction)."""
    _outside_a_transaction(session)
    answer = ask_to_charge(gateway(), payment, card)
    retrying(session, lambda: record_card_answer(session, payment.id, answer, site_url=site_url()))
    return answer


def refund_payment(session: Session, actor: User, payment_id: int, amount_krw: int, reason: str) -> PaymentRefund:
    """An officer's refund: recorded in this transaction (under the payment's lock, so a concurrent refund
    counts it), sent to Stripe once it commits."""
    refund = refund_by_officer(session, actor, payment_id, amount_krw, reason)
    after_commit(partial(send_refunds, refund_ids=[refund.id]), session)
    return refund


def refund_now(session: Session, actor: User, payment_id: int, amount_krw: int, reason: str) -> PaymentRefund:
    """The refund committed now and sent to Stripe before the caller answers (its page or API body shows
    Stripe's answer). Domain errors roll it back and propagate."""
    return retrying(session, lambda: refund_payment(session, actor, payment_id, amount_krw, reason))


def send_project_refunds_after_commit(session: Session, project_id: int) -> None:
    """The project's cancellation queued refunds: they go to Stripe once it commits."""
    after_commit(partial(send_refunds, project_id=project_id), session)


def send_refunds(project_id: int | None = None, refund_ids: list[int] | None = None) -> int:
    """Send pending refunds (all, a project's, or these) to Stripe, each answer recorded on its own."""
    session = db.session
    with reading(session):
        orders = refund_orders(session, project_id, refund_ids)
    for order in orders:
        _send_refund(session, order)
    return len(orders)


def _send_refund(session: Session, order: RefundOrder) -> None:
    _outside_a_transaction(session)
    answer = ask_for_refund(gateway(), order)
    if answer is not None:
        retrying(session, lambda: record_refund_sent(session, order, *answer, site_url=site_url()))


def reconcile(session: Session) -> Reconciliation:
    """`funds reconcile` and the job: send pending refunds, list Stripe's intents and events (no transaction
    open), then apply what the webhooks missed in one transaction. GatewayError: nothing more was changed."""
    sent = send_refunds()
    _outside_a_transaction(session)
    intents, events = list(gateway().list_intents()), list(gateway().list_events())
    with transaction(session):
        return reconcile_with(session, intents, events, sent, site_url=site_url())
