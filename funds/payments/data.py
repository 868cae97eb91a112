"""Payments as plain data: what the app knows of a card, a PaymentIntent, a refund and an event.

Kept apart from funds.payments.gateway (the only module importing `stripe`), so the web app can be built and
imported without loading the Stripe client.
"""

from __future__ import annotations

from dataclasses import dataclass

SUCCEEDED = "succeeded"


class GatewayError(Exception):
    """Stripe could not be reached or refused the request for a reason other than the card."""


class UnknownAtStripe(GatewayError):
    """Stripe answered that no such object exists (HTTP 404): not an outage, nothing to retry."""


class InvalidEvent(Exception):
    """A webhook whose signature is missing, wrong or stale, or whose body is not an event."""


@dataclass(frozen=True)
class Card:
    number: str
    exp_month: int
    exp_year: int
    cvc: str


@dataclass(frozen=True)
class RefundState:
    id: str
    amount_krw: int
    status: str
    refund_id: int | None  # ours, from the metadata; None for a refund made outside the app


@dataclass(frozen=True)
class IntentState:
    """A PaymentIntent as Stripe holds it now, with its refunds."""

    id: str
    payment_id: int | None  # ours, from the metadata
    status: str
    amount_krw: int
    failure_code: str | None
    refunds: tuple[RefundState, ...] = ()

    @property
    def captured_krw(self) -> int:
        return self.amount_krw if self.status == SUCCEEDED else 0

    @property
    def refunded_krw(self) -> int:
        return sum(refund.amount_krw for refund in self.refunds if refund.status == SUCCEEDED)


@dataclass(frozen=True)
class EventRef:
    """A verified event: its id and type, and the PaymentIntent it concerns (None when it concerns none)."""

    id: str
    type: str
    intent_id: str | None


@dataclass(frozen=True)
class Attempt:
    """What confirming a card gave: the intent, and the card's brand and last four digits for the receipt."""

    intent: IntentState
    card_brand: str
    card_last4: str
