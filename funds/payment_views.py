"""Payment pages (pay a pledge or a share, a payment's receipt, refunds) and Stripe's webhook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import OperationalError
from werkzeug.wrappers import Response

from funds import payment_reads
from funds.forms import PaymentForm, RefundForm
from funds.models import Payment, PaymentPurpose, PaymentStatus
from funds.payment_effects import apply_event, send_pending_refunds, send_refund
from funds.payment_services import (
    GatewayUnavailable,
    charge_card,
    due,
    open_payment,
    payment_target,
    refund_by_officer,
)
from funds.payment_types import GatewayError, InvalidEvent
from marketplace.auth.models import Role, User
from marketplace.db import begin_writing, commit_retrying, db
from marketplace.errors import DomainError, error_response
from marketplace.extensions import configured_limit, limiter
from marketplace.forms import apply_domain_error
from marketplace.permissions import allowed, requires
from marketplace.policy import can

if TYPE_CHECKING:
    from funds.payments import Gateway

bp = Blueprint("payments", __name__, url_prefix="/payments")
webhooks = Blueprint("webhooks", __name__)
# Starting a payment or a refund calls Stripe: a client may do it PAYMENT_RATE_LIMIT times (pages are free).
limiter.limit(configured_limit("PAYMENT_RATE_LIMIT"), methods=["POST"])(bp)


def gateway() -> Gateway:
    """The app's Stripe gateway, built on first use (the stripe client is not loaded before)."""
    if "stripe_gateway" not in current_app.extensions:
        from funds.payments import Gateway

        current_app.extensions["stripe_gateway"] = Gateway.from_config(current_app.config)
    found: Gateway = current_app.extensions["stripe_gateway"]
    return found


def refund_now(actor: User, payment_id: int, amount_krw: int, reason: str) -> None:
    """An officer's refund: recorded and committed first (so a concurrent refund counts it), then sent to Stripe.

    Once recorded the refund is made, whatever happens next: if sending it fails on the database too, it
    stays pending for `funds reconcile` and the officer is not told it failed (and so does not refund twice).
    """
    refund = commit_retrying(db.session, lambda: refund_by_officer(db.session, actor, payment_id, amount_krw, reason))
    try:
        commit_retrying(db.session, lambda: send_refund(db.session, gateway(), refund))
    except OperationalError:
        current_app.logger.exception("refund %s recorded, not yet sent: funds reconcile sends it", refund.id)


def send_project_refunds(project_id: int) -> None:
    """After a cancellation is committed: send its queued refunds to Stripe (reconcile retries any left)."""
    begin_writing(db.session)
    send_pending_refunds(db.session, gateway(), project_id)
    db.session.commit()


@bp.get("/")
@requires()
def browse() -> str:
    return render_template("payments/browse.html", payments=payment_reads.visible_payments(db.session, current_user))


@bp.route("/pledge/<int:programme_id>", methods=["GET", "POST"])
@requires(Role.SPONSOR)
def pay_pledge(programme_id: int) -> str | Response:
    return _pay(PaymentPurpose.PLEDGE, programme_id)


@bp.route("/project/<int:project_id>", methods=["GET", "POST"])
@requires(Role.SME)
def pay_share(project_id: int) -> str | Response:
    return _pay(PaymentPurpose.SME_SHARE, project_id)


def _pay(purpose: PaymentPurpose, target_id: int) -> str | Response:
    form = PaymentForm()
    if form.validate_on_submit():
        begin_writing(db.session)
        try:
            payment = open_payment(db.session, current_user, purpose, target_id, form.amount_krw.data or 0)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()  # the payment exists before any card is charged: a retry finds it
            return _charge(payment, form)
    target = payment_target(db.session, current_user, purpose, target_id)
    state = due(db.session, purpose, target)
    if not form.is_submitted():
        form.amount_krw.data = state.payable_krw
    test_mode = str(current_app.config.get("STRIPE_API_KEY", "")).startswith("sk_test")
    return render_template(
        "payments/pay.html", form=form, purpose=purpose, target=target, due=state, test_mode=test_mode
    )


def _charge(payment: Payment, form: PaymentForm) -> Response:
    begin_writing(db.session)
    try:
        charge_card(db.session, gateway(), payment, form.card())
    except GatewayUnavailable as error:
        db.session.commit()
        flash(str(error.message), "warning")
        return redirect(url_for("payments.show", payment_id=payment.id))
    db.session.commit()
    if payment.status == PaymentStatus.FAILED:
        flash(_("The payment did not go through."), "danger")
    else:
        flash(_("Your card was accepted. The payment is credited as soon as the card service confirms it."), "success")
    return redirect(url_for("payments.show", payment_id=payment.id))


@bp.get("/<int:payment_id>")
@requires()
def show(payment_id: int) -> str:
    payment = payment_reads.get_payment(db.session, current_user, payment_id)
    form = RefundForm() if can(current_user, "refund", payment) and payment.refundable_krw > 0 else None
    if form is not None and not form.is_submitted():
        form.amount_krw.data = payment.refundable_krw
    return render_template("payments/show.html", payment=payment, form=form)


@bp.post("/<int:payment_id>/refunds")
@allowed("refund", Payment)
def refund(payment_id: int) -> str | Response:
    form = RefundForm()
    if not form.validate_on_submit():
        payment = payment_reads.get_payment(db.session, current_user, payment_id)
        return render_template("payments/show.html", payment=payment, form=form)
    try:
        refund_now(current_user, payment_id, form.amount_krw.data or 0, form.reason.data or "")
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
        return redirect(url_for("payments.show", payment_id=payment_id))
    flash(_("The refund is sent to the card service."), "success")
    return redirect(url_for("payments.show", payment_id=payment_id))


@webhooks.post("/webhooks/stripe")
def stripe_webhook() -> tuple[dict[str, str], int] | Response:
    """Stripe's events: signature checked, each event applied once, in one transaction with its effect."""
    try:
        event = gateway().verify_event(request.get_data(), request.headers.get("Stripe-Signature"))
    except InvalidEvent as error:
        return error_response(400, "invalid_event", f"The event was refused: {error}")
    begin_writing(db.session)
    try:
        outcome = apply_event(db.session, gateway(), event)
    except GatewayError:
        db.session.rollback()  # Stripe will send it again, and `funds reconcile` finds it anyway
        return error_response(503, "payment_service_unavailable", "Stripe could not be reached to re-read the event.")
    db.session.commit()
    return {"received": event.id, "outcome": outcome}, 200
