"""Paying by card: a sponsor its pledge (whole or in instalments), an SME its share of an agreed project; and
refunds, which never exceed what was captured.

Opening a payment checks who pays and how much is still due, under a lock on what is paid for, so two
payments at once cannot together pay more than is owed. Charging the card never credits anything: money
reaches the ledger only when Stripe's verified `payment_intent.succeeded` arrives or reconciliation finds
the capture (funds.payments.effects).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from funds.ledger.members import members_of
from funds.models import COMMITTED_STATES, Payment, PaymentPurpose, PaymentRefund, PaymentStatus, Project, RefundStatus
from funds.payments.data import Attempt, Card, GatewayError, IntentState
from funds.policies import SponsorReportOf
from funds.projects.notices import notify_payment_outcome
from marketplace.auth.models import User
from marketplace.errors import Conflict, DomainError, NotFound
from marketplace.permissions import require_verified_email
from marketplace.policy import ensure
from marketplace.programmes.models import SponsorProgramme
from marketplace.validation import fail

if TYPE_CHECKING:
    from funds.payments.gateway import Gateway

S = PaymentStatus
IN_FLIGHT = (S.PENDING, S.PROCESSING)
Target = SponsorProgramme | Project


class RefundTooLarge(Conflict):
    code = "refund_exceeds_captured"


class NotPayable(Conflict):
    code = "not_payable"


class GatewayUnavailable(DomainError):
    status = 502
    code = "payment_service_unavailable"


@dataclass(frozen=True)
class PaidSummary:
    """What was paid towards one pledge or share (or by one firm), from its payments."""

    paid_krw: int  # captured, less refunds
    pending_krw: int  # sent to the card service, not yet confirmed
    refunded_krw: int
    payments: list[Payment]


def summarise(payments: list[Payment]) -> PaidSummary:
    return PaidSummary(
        paid_krw=sum(p.net_krw for p in payments),
        pending_krw=sum(p.amount_krw for p in payments if p.status in IN_FLIGHT),
        refunded_krw=sum(p.refunded_krw for p in payments),
        payments=payments,
    )


def paid_towards(
    session: Session, purpose: PaymentPurpose, target_id: int, payer_organisation_id: int | None = None
) -> PaidSummary:
    """What was paid towards a pledge or a share; of a consortium's pledge, by one member (its payer)."""
    column: Any = Payment.programme_id if purpose == PaymentPurpose.PLEDGE else Payment.project_id
    statement = select(Payment).where(column == target_id).order_by(Payment.id)
    if payer_organisation_id is not None:
        statement = statement.where(Payment.payer_organisation_id == payer_organisation_id)
    return summarise(list(session.scalars(statement)))


def left_to_pay(owed_krw: int, paid_krw: int, pending_krw: int) -> int:
    """What may still be paid: owed, less what is paid and what is on its way (so nothing is paid twice)."""
    return max(owed_krw - paid_krw - pending_krw, 0)


@dataclass(frozen=True)
class Due:
    """What a pledge or an SME share owes, and how much of it is paid, under way and refunded."""

    owed_krw: int
    paid: PaidSummary

    @property
    def payable_krw(self) -> int:
        return left_to_pay(self.owed_krw, self.paid.paid_krw, self.paid.pending_krw)


def due(session: Session, purpose: PaymentPurpose, target: Target, payer_organisation_id: int | None = None) -> Due:
    """The pledge's or share's state of payment; of a consortium's pledge, the paying member's own part."""
    if isinstance(target, SponsorProgramme) and payer_organisation_id is not None:
        pledges = {m.organisation_id: m.pledged_krw for m in members_of(session, target.id)}
        if pledges:
            owed = pledges.get(payer_organisation_id, 0)
            return Due(owed, paid_towards(session, purpose, target.id, payer_organisation_id))
    return Due(_owed(purpose, target), paid_towards(session, purpose, target.id))


def _owed(purpose: PaymentPurpose, target: Target) -> int:
    if isinstance(target, SponsorProgramme):
        return target.pledged_pool_krw
    # An energy pre-investment's SME share is paid by the sponsor's pool and repaid from savings, not by card.
    return 0 if target.energy_preinvestment else target.sme_share_krw


def payment_target(
    session: Session, actor: User, purpose: PaymentPurpose, target_id: int, lock: bool = False
) -> Target:
    """What the actor would pay: its own programme's pledge, or its own agreed project's SME share."""
    target: Target | None
    if purpose == PaymentPurpose.PLEDGE:
        target = session.get(SponsorProgramme, target_id, with_for_update=lock, populate_existing=lock)
    else:
        target = session.get(Project, target_id, with_for_update=lock, populate_existing=lock)
    if target is None:
        raise NotFound(_l("There is nothing to pay here."))
    if isinstance(target, SponsorProgramme):
        # A consortium's members each pay their own pledge; a programme of one sponsor, that sponsor.
        payers = {m.organisation_id for m in members_of(session, target.id)} or {target.organisation_id}
        payer = actor.organisation_id if actor.organisation_id in payers else target.organisation_id
        ensure(
            actor,
            "pay_pledges",
            SponsorReportOf(payer),
            _l("Only the sponsor firm that pledged may pay its pledge."),
        )
        return target
    ensure(actor, "pay_share", target, _l("Only the project's SME pays its share."))
    if target.status not in COMMITTED_STATES:
        raise NotPayable(_l("The SME's share is paid once the project is agreed, and not after it is cancelled."))
    return target


def open_payment(session: Session, actor: User, purpose: PaymentPurpose, target_id: int, amount_krw: int) -> Payment:
    """Record a payment of `amount_krw` towards what is due (refused beyond it), before any card is charged."""
    require_verified_email(actor)
    target = payment_target(session, actor, purpose, target_id, lock=True)
    if amount_krw <= 0:
        raise fail("amount_krw", _l("Enter an amount of at least ₩1."))
    payable = due(session, purpose, target, actor.organisation_id).payable_krw
    if amount_krw > payable:
        raise fail("amount_krw", _l("At most ₩%(payable)s is still due.", payable=f"{payable:,}"))
    payment = Payment(
        purpose=purpose,
        programme_id=target.id if purpose == PaymentPurpose.PLEDGE else None,
        project_id=target.id if purpose == PaymentPurpose.SME_SHARE else None,
        payer_organisation_id=actor.organisation_id,
        created_by_id=actor.id,
        amount_krw=amount_krw,
        status=S.PENDING,
    )
    session.add(payment)
    session.flush()
    return payment


@dataclass(frozen=True)
class CardAnswer:
    """What Stripe said to a card, asked outside any transaction: the attempt (intent and card), the
    confirmed intent, or None where it did not answer (the payment stays pending; reconcile finds it)."""

    attempt: Attempt | None = None
    intent: IntentState | None = None
    authentication_required: bool = False

    @property
    def answered(self) -> bool:
        return self.intent is not None


def ask_to_charge(gateway: Gateway, payment: Payment, card: Card) -> CardAnswer:
    """Put the card on the payment's one PaymentIntent and confirm it (idempotent by payment id).

    A card that needs 3-D Secure is not completed here: its intent is cancelled and the payment fails with
    that reason, so nothing is charged.
    """
    attempt = None
    try:
        attempt = gateway.start_intent(payment.id, payment.amount_krw, card, _description(payment))
        intent = gateway.confirm_intent(payment.id, attempt.intent.id)
        if intent.status == "requires_action":
            return CardAnswer(attempt, gateway.cancel_intent(intent.id), authentication_required=True)
    except GatewayError:
        return CardAnswer(attempt)
    return CardAnswer(attempt, intent)


def record_card_answer(session: Session, payment_id: int, answer: CardAnswer, *, site_url: str) -> Payment:
    """Record what Stripe answered to the card. Credits nothing (see module doc); never moves a settled payment."""
    payment = session.get(Payment, payment_id, with_for_update=True, populate_existing=True)
    if payment is None:
        raise NotFound(_l("No such payment."))
    if answer.attempt is not None and payment.stripe_payment_intent_id in (None, answer.attempt.intent.id):
        _remember(session, payment, answer.attempt)
    if answer.intent is not None:
        if answer.authentication_required:
            payment.failure_code = "authentication_required"
        record_attempt(payment, answer.intent)
        notify_payment_outcome(session, payment, PaymentStatus.PENDING, site_url)
    return payment


GATEWAY_UNAVAILABLE = _l(
    "The card service did not answer. Nothing is credited until it confirms; check this payment again soon."
)


def _remember(session: Session, payment: Payment, attempt: Attempt) -> None:
    payment.stripe_payment_intent_id = attempt.intent.id
    payment.card_brand, payment.card_last4 = attempt.card_brand[:20], attempt.card_last4[-4:]
    session.flush()  # the unique intent id: a second intent for this payment is refused here


def record_attempt(payment: Payment, intent: IntentState) -> None:
    """What confirming told us, short of money: under way, declined or cancelled. Never moves a settled payment."""
    if payment.status == S.PENDING:
        follow_intent(payment, intent)


def follow_intent(payment: Payment, intent: IntentState) -> None:
    """Our status for the intent's, once `captured_krw` is settled: the one mapping from Stripe's statuses."""
    if payment.captured_krw > 0:
        payment.status = S.SUCCEEDED
    elif intent.status in ("succeeded", "processing", "requires_capture"):
        payment.status = S.PROCESSING  # confirmed at Stripe; money only with the verified capture
    elif intent.status == "canceled":
        payment.status = S.FAILED if payment.failure_code else S.CANCELED
    elif intent.status == "requires_payment_method":  # our intents carry a card from the start: it failed
        payment.status = S.FAILED
        payment.failure_code = payment.failure_code or intent.failure_code or "card_declined"


def _description(payment: Payment) -> str:
    if payment.purpose == PaymentPurpose.PLEDGE:
        return f"Sangsaeng payment {payment.id}: pledge of sponsor programme {payment.programme_id}"
    return f"Sangsaeng payment {payment.id}: SME share of project {payment.project_id}"


def request_refund(session: Session, actor: User, payment: Payment, amount_krw: int, reason: str) -> PaymentRefund:
    """Record a refund of `amount_krw`; refused beyond what was captured less what is refunded or under way.

    The caller holds the payment's row lock (get_payment(for_update=True)), so two refunds at once are
    checked one after the other.
    """
    if amount_krw <= 0:
        raise fail("amount_krw", _l("Enter an amount of at least ₩1."))
    if amount_krw > payment.refundable_krw:
        raise RefundTooLarge(
            _l("At most ₩%(left)s of this payment can still be refunded.", left=f"{payment.refundable_krw:,}"),
            fields={"amount_krw": [str(_l("More than is left to refund."))]},
        )
    refund = PaymentRefund(payment=payment, amount_krw=amount_krw, reason=reason[:300], actor_id=actor.id)
    session.add(refund)
    session.flush()
    return refund


def refund_by_officer(session: Session, actor: User, payment_id: int, amount_krw: int, reason: str) -> PaymentRefund:
    """An officer or admin refunds (part of) a payment, with a reason."""
    ensure(actor, "refund", Payment, _l("Only programme officers and admins refund payments."))
    if not reason.strip():
        raise fail("reason", _l("Say why the payment is refunded."))
    payment = session.get(Payment, payment_id, with_for_update=True, populate_existing=True)
    if payment is None:
        raise NotFound(_l("No such payment."))
    return request_refund(session, actor, payment, amount_krw, reason.strip())


def queue_project_refunds(session: Session, actor: User, project: Project) -> list[PaymentRefund]:
    """The project was cancelled: refund what its SME paid (sent to Stripe once this transaction commits)."""
    payments = session.scalars(
        select(Payment).where(Payment.project_id == project.id, Payment.captured_krw > 0).with_for_update()
    ).all()
    reason = f"project {project.id} cancelled"
    return [request_refund(session, actor, p, p.refundable_krw, reason) for p in payments if p.refundable_krw > 0]


def pending_refunds(session: Session, project_id: int | None = None) -> list[PaymentRefund]:
    statement = select(PaymentRefund).where(PaymentRefund.status == RefundStatus.PENDING).order_by(PaymentRefund.id)
    if project_id is not None:
        statement = statement.join(Payment).where(Payment.project_id == project_id)
    return list(session.scalars(statement))
