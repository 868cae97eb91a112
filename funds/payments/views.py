"""Payment pages (pay a pledge or a share, a payment's receipt, refunds) and Stripe's webhook."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from funds.forms import PaymentForm, RefundForm
from funds.models import Payment, PaymentPurpose, PaymentStatus
from funds.payments import commands as payment_commands
from funds.payments import reads as payment_reads
from funds.payments.data import Card, GatewayError, InvalidEvent
from funds.payments.effects import apply_event, event_intent
from funds.payments.services import (
    GATEWAY_UNAVAILABLE,
    due,
    open_payment,
    payment_target,
)
from marketplace.auth.models import Role
from marketplace.context import site_url
from marketplace.db import db
from marketplace.errors import DomainError, error_response
from marketplace.extensions import configured_limit, limiter
from marketplace.forms import apply_domain_error
from marketplace.permissions import allowed, requires
from marketplace.policy import can
from marketplace.unit_of_work import after_commit

bp = Blueprint("payments", __name__, url_prefix="/payments")
webhooks = Blueprint("webhooks", __name__)
# Starting a payment or a refund calls Stripe: a client may do it PAYMENT_RATE_LIMIT times (pages are free).
limiter.limit(configured_limit("PAYMENT_RATE_LIMIT"), methods=["POST"])(bp)


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
        try:
            payment = open_payment(db.session, current_user, purpose, target_id, form.amount_krw.data or 0)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            # The payment is committed before any card is charged (a retry finds it); the card goes after.
            after_commit(partial(_charge, payment, form.card()))
            return redirect(url_for("payments.show", payment_id=payment.id))
    target = payment_target(db.session, current_user, purpose, target_id)
    state = due(db.session, purpose, target, current_user.organisation_id)
    if not form.is_submitted():
        form.amount_krw.data = state.payable_krw
    test_mode = str(current_app.config.get("STRIPE_API_KEY", "")).startswith("sk_test")
    return render_template(
        "payments/pay.html", form=form, purpose=purpose, target=target, due=state, test_mode=test_mode
    )


def _charge(payment: Payment, card: Card) -> None:
    answer = payment_commands.charge_card(db.session, payment, card)
    if not answer.answered:
        flash(str(GATEWAY_UNAVAILABLE), "warning")
    elif payment.status == PaymentStatus.FAILED:
        flash(_("The payment did not go through."), "danger")
    else:
        flash(_("Your card was accepted. The payment is credited as soon as the card service confirms it."), "success")


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
        payment_commands.refund_now(
            db.session, current_user, payment_id, form.amount_krw.data or 0, form.reason.data or ""
        )
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
        event = payment_commands.gateway().verify_event(request.get_data(), request.headers.get("Stripe-Signature"))
    except InvalidEvent as error:
        return error_response(400, "invalid_event", f"The event was refused: {error}")
    try:
        intent = event_intent(payment_commands.gateway(), event)  # before the transaction begins
    except GatewayError:  # Stripe will send it again, and `funds reconcile` finds it anyway
        return error_response(503, "payment_service_unavailable", "Stripe could not be reached to re-read the event.")
    outcome = apply_event(db.session, event, intent, site_url=site_url())
    return {"received": event.id, "outcome": outcome}, 200
