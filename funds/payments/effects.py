"""Bringing our payments in step with what Stripe holds: the only place card money enters or leaves the ledger.

Whatever told us something changed (a webhook, a refund we sent, the reconciliation command), we re-fetch
the PaymentIntent from Stripe and `settle_payment` moves the ledger by the difference between what Stripe
has captured and refunded and what we had recorded. Differences are idempotent by nature, so events can
arrive twice, late or in any order and the result is the same. Each event is also recorded by id in
`stripe_events`, in the same transaction as its effect, so a second delivery is answered without work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from funds import ledger
from funds.ledger import Transfer
from funds.models import AccountKind, Payment, PaymentRefund, PaymentStatus, RefundStatus, StripeEvent
from funds.models import TransactionKind as T
from funds.payments.data import EventRef, GatewayError, IntentState, RefundState, UnknownAtStripe
from funds.payments.services import follow_intent, pending_refunds
from funds.projects.notices import notify_payment_outcome
from marketplace.auth.models import User
from marketplace.db import utcnow

if TYPE_CHECKING:
    from funds.payments.gateway import Gateway

S = PaymentStatus
ABANDONED_AFTER = timedelta(minutes=30)  # a payment never sent to Stripe for this long will not be
REFUND_STATUSES = {"succeeded": RefundStatus.SUCCEEDED, "failed": RefundStatus.FAILED, "canceled": RefundStatus.FAILED}


@dataclass
class Settlement:
    payment_id: int
    credited_krw: int = 0
    refunded_krw: int = 0
    status_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.credited_krw or self.refunded_krw or self.status_changed)


def settle_payment(
    session: Session, intent: IntentState, actor: User | None = None, *, site_url: str
) -> Settlement | None:
    """Make our payment agree with the intent Stripe holds now; None when the intent is not one of ours.

    The payers are told of a confirmed or failed payment by emails whose links start with `site_url`."""
    if intent.payment_id is None:
        return None
    payment = session.get(Payment, intent.payment_id, with_for_update=True, populate_existing=True)
    if payment is None or payment.stripe_payment_intent_id not in (None, intent.id):
        return None
    payment.stripe_payment_intent_id = intent.id  # known already, unless creating it timed out
    before = payment.status
    settlement = Settlement(payment.id)
    settlement.credited_krw = _credit(session, payment, intent, actor)
    settlement.refunded_krw = _refund(session, payment, intent, actor)
    _record_refunds(session, payment, intent)
    follow_intent(payment, intent)
    settlement.status_changed = payment.status != before
    session.flush()
    notify_payment_outcome(session, payment, before, site_url)
    return settlement


def _credit(session: Session, payment: Payment, intent: IntentState, actor: User | None) -> int:
    amount = intent.captured_krw - payment.captured_krw
    if amount <= 0:
        return 0
    _post(session, payment, T.PAYMENT, amount, actor, f"payment {payment.id}: ₩{amount:,} captured by card")
    payment.captured_krw = intent.captured_krw
    payment.succeeded_at = payment.succeeded_at or utcnow()
    return amount


def _refund(session: Session, payment: Payment, intent: IntentState, actor: User | None) -> int:
    amount = min(intent.refunded_krw, payment.captured_krw) - payment.refunded_krw
    if amount <= 0:
        return 0
    _post(session, payment, T.REFUND, amount, actor, f"payment {payment.id}: ₩{amount:,} refunded")
    payment.refunded_krw += amount
    return amount


def _post(session: Session, payment: Payment, kind: T, amount: int, actor: User | None, memo: str) -> None:
    payer = ledger.account(session, AccountKind.PAYER_FUNDS, payment.id)
    cash = ledger.account(session, AccountKind.PAYMENT_CASH, payment.id)
    transfer = Transfer(payer, cash, amount) if kind == T.PAYMENT else Transfer(cash, payer, amount)
    ledger.record(session, kind, [transfer], actor, payment.project_id, memo)


def _record_refunds(session: Session, payment: Payment, intent: IntentState) -> None:
    """Our refund rows follow Stripe's refunds; one made outside the app gets a row of its own."""
    ours = {refund.id: refund for refund in payment.refunds}
    by_stripe_id = {refund.stripe_refund_id: refund for refund in payment.refunds if refund.stripe_refund_id}
    for stripe_refund in intent.refunds:
        row = by_stripe_id.get(stripe_refund.id) or ours.get(stripe_refund.refund_id or 0)
        if row is None:
            row = PaymentRefund(payment=payment, amount_krw=stripe_refund.amount_krw, reason="refunded at Stripe")
            session.add(row)
        row.stripe_refund_id = stripe_refund.id
        row.status = REFUND_STATUSES.get(stripe_refund.status, RefundStatus.PENDING)


def event_intent(gateway: Gateway, event: EventRef) -> IntentState | None:
    """The intent an event is about, re-fetched from Stripe (the truth, not the event's copy); no database."""
    try:
        return gateway.retrieve_intent(event.intent_id) if event.intent_id else None
    except UnknownAtStripe:
        # Signed by Stripe, about an intent it does not hold for us (another app on the account, a deleted
        # test object): acknowledged and recorded, so Stripe stops retrying it for days; nothing changes.
        return None


def apply_event(
    session: Session, event: EventRef, intent: IntentState | None, source: str = "webhook", *, site_url: str
) -> str:
    """Apply one verified event and its intent (`event_intent`, fetched before the transaction):
    "applied", "duplicate" (seen before) or "ignored" (not about our payments)."""
    payment_id = intent.payment_id if intent is not None else None
    known = payment_id is not None and session.get(Payment, payment_id) is not None
    try:
        with session.begin_nested():
            session.add(
                StripeEvent(id=event.id, type=event.type, payment_id=payment_id if known else None, source=source)
            )
    except IntegrityError:
        return "duplicate"
    if intent is None or not known:
        return "ignored"
    settle_payment(session, intent, site_url=site_url)
    return "applied"


@dataclass(frozen=True)
class RefundOrder:
    """A recorded refund to ask Stripe for: read in one transaction, sent outside any."""

    refund_id: int
    intent_id: str
    amount_krw: int


def refund_orders(
    session: Session, project_id: int | None = None, refund_ids: list[int] | None = None
) -> list[RefundOrder]:
    """The pending refunds (of one project, or these ones) whose payment reached Stripe."""
    refunds = pending_refunds(session, project_id)
    chosen = [r for r in refunds if refund_ids is None or r.id in refund_ids]
    return [
        RefundOrder(r.id, r.payment.stripe_payment_intent_id, r.amount_krw)
        for r in chosen
        if r.payment.stripe_payment_intent_id is not None
    ]


def ask_for_refund(gateway: Gateway, order: RefundOrder) -> tuple[RefundState, IntentState] | None:
    """Stripe's part of a refund, outside any transaction; None if Stripe did not answer (the refund stays
    pending: `funds reconcile` sends it again, and the idempotency key stops a double refund at Stripe)."""
    try:
        state = gateway.refund(order.intent_id, order.amount_krw, order.refund_id)
        return state, gateway.retrieve_intent(order.intent_id)
    except GatewayError:
        return None


def record_refund_sent(
    session: Session, order: RefundOrder, state: RefundState, intent: IntentState, *, site_url: str
) -> None:
    """Stripe took the refund: remember its id and settle the payment from the intent."""
    refund = session.get(PaymentRefund, order.refund_id)
    if refund is None:
        return
    # Rows are locked in one order everywhere, the payment before its refunds (settle_payment does too):
    # writing the refund row first would deadlock against a settlement holding the payment.
    session.get(Payment, refund.payment_id, with_for_update=True, populate_existing=True)
    refund.stripe_refund_id = state.id
    settle_payment(session, intent, None, site_url=site_url)


@dataclass
class Reconciliation:
    intents: int = 0
    events: int = 0
    events_applied: int = 0
    refunds_sent: int = 0
    abandoned: int = 0
    settlements: list[Settlement] = field(default_factory=list)
    unmatched: list[int] = field(default_factory=list)

    @property
    def credited_krw(self) -> int:
        return sum(settlement.credited_krw for settlement in self.settlements)

    @property
    def refunded_krw(self) -> int:
        return sum(settlement.refunded_krw for settlement in self.settlements)


def reconcile_with(
    session: Session, intents: list[IntentState], events: list[EventRef], refunds_sent: int, *, site_url: str
) -> Reconciliation:
    """Apply whatever webhooks missed, from the intents and events just listed at Stripe."""
    report = Reconciliation(refunds_sent=refunds_sent)
    seen: dict[int, IntentState] = {}
    for intent in intents:
        report.intents += 1
        settlement = settle_payment(session, intent, site_url=site_url)
        if settlement is not None:
            seen[settlement.payment_id] = intent
            if settlement.changed:
                report.settlements.append(settlement)
    report.events, report.events_applied = _record_missed_events(session, events, seen)
    report.abandoned = _close_abandoned(session, seen)
    report.unmatched = unmatched_payments(session, seen)
    return report


def _record_missed_events(session: Session, events: list[EventRef], seen: dict[int, IntentState]) -> tuple[int, int]:
    """Stripe's events about our payments that no webhook delivered. Their effect came with the intents just
    settled, so they are only recorded (no second fetch each), and a late delivery finds them done.
    Returns how many events were listed and how many were recorded."""
    payment_of = {intent.id: payment_id for payment_id, intent in seen.items()}
    known = set(session.scalars(select(StripeEvent.id)))
    listed = recorded = 0
    for event in events:
        listed += 1
        payment_id = payment_of.get(event.intent_id or "")
        if payment_id is None or event.id in known:
            continue
        try:
            with session.begin_nested():
                session.add(StripeEvent(id=event.id, type=event.type, payment_id=payment_id, source="reconcile"))
        except IntegrityError:  # delivered by a webhook a moment ago
            continue
        recorded += 1
    return listed, recorded


def _close_abandoned(session: Session, seen: dict[int, IntentState]) -> int:
    """Payments that never reached Stripe (no intent carries their id) and are long past: nothing was charged."""
    cutoff = utcnow() - ABANDONED_AFTER
    stale = session.scalars(
        select(Payment).where(Payment.status == S.PENDING, Payment.created_at < cutoff).with_for_update()
    ).all()
    closed = [payment for payment in stale if payment.id not in seen]
    for payment in closed:
        payment.status, payment.failure_code = S.CANCELED, "not_sent"
    return len(closed)


def unmatched_payments(session: Session, seen: dict[int, IntentState]) -> list[int]:
    """Payments whose captured or refunded sums differ from Stripe's, or whose intent Stripe does not list."""
    unmatched = []
    for payment in session.scalars(select(Payment).where(Payment.stripe_payment_intent_id.is_not(None))):
        intent = seen.get(payment.id)
        if intent is None or (intent.captured_krw, intent.refunded_krw) != (payment.captured_krw, payment.refunded_krw):
            unmatched.append(payment.id)
    return unmatched
