"""/api/v1/payments: a payment's receipt, and refunds (officers and admins)."""

from __future__ import annotations

from typing import Any

from funds.models import Payment
from funds.payments import commands as payment_commands
from funds.payments import reads as payment_reads
from funds.schemas import PaymentOut, RefundIn
from marketplace.api import bp
from marketplace.api.conventions import dump, parse_body
from marketplace.api.openapi import creates, operation
from marketplace.db import db
from marketplace.permissions import actor, allowed, requires


def payment_body(payment: Payment) -> dict[str, Any]:
    return dump(PaymentOut, payment)


@bp.get("/payments/<int:payment_id>")
@operation("A payment you made or that pays for your project (officers: all)", "payments", response=PaymentOut)
@requires()
def get_payment(payment_id: int) -> dict[str, Any]:
    return payment_body(payment_reads.get_payment(db.session, actor(), payment_id))


@bp.post("/payments/<int:payment_id>/refunds")
@creates(
    "Refund part or all of a payment (officers and admins); never more than was captured",
    "payments",
    RefundIn,
    PaymentOut,
)
@allowed("refund", Payment)
def refund_payment(payment_id: int) -> tuple[dict[str, Any], int]:
    body = parse_body(RefundIn)
    payment_commands.refund_now(db.session, actor(), payment_id, body.amount_krw, body.reason)
    return payment_body(payment_reads.get_payment(db.session, actor(), payment_id)), 201
