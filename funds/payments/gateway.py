"""The one module that talks to Stripe (the official `stripe` client); the rest of the app sees plain data.

Every request carries an idempotency key made from our own ids (`sangsaeng:payment:7:intent`), so a retried
request never creates a second charge at Stripe. The local fake ignores those keys, so callers also guard
themselves: a payment has at most one PaymentIntent (a unique column) and a retry after a timeout first
looks for the intent carrying the payment's id in its metadata (`find_intent`).

Settings: STRIPE_API_KEY, STRIPE_API_BASE (empty: Stripe itself), STRIPE_WEBHOOK_SECRET.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import stripe

from funds.payments.data import (
    Attempt,
    Card,
    EventRef,
    GatewayError,
    IntentState,
    InvalidEvent,
    RefundState,
    UnknownAtStripe,
)
from marketplace.validation import whole_number

CURRENCY = "krw"  # a zero-decimal currency at Stripe: amounts are whole won
WEBHOOK_TOLERANCE_SECONDS = 300  # an event signed longer ago than this is refused as stale


class Gateway:
    """Stripe, as the app uses it. Built from the app's settings; one per process is enough."""

    def __init__(
        self, api_key: str, api_base: str = "", webhook_secret: str = "", timeout: float = 10, retries: int = 1
    ) -> None:
        addresses: Any = {"api": api_base} if api_base else None
        # Every call is bounded: `timeout` seconds per attempt (the client's default is 80), `retries` more
        # attempts. A Stripe that accepts and never answers fails a call in about (retries + 1) * timeout.
        http_client = stripe.new_default_http_client(timeout=timeout)
        self._client = stripe.StripeClient(
            api_key, base_addresses=addresses, max_network_retries=retries, http_client=http_client
        )
        self.webhook_secret = webhook_secret

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Gateway:
        return cls(
            config["STRIPE_API_KEY"],
            config.get("STRIPE_API_BASE", ""),
            config.get("STRIPE_WEBHOOK_SECRET", ""),
            timeout=float(config.get("STRIPE_TIMEOUT_SECONDS", 10)),
            retries=int(config.get("STRIPE_MAX_NETWORK_RETRIES", 1)),
        )

    # Charging a card

    def start_intent(self, payment_id: int, amount_krw: int, card: Card, description: str) -> Attempt:
        """The payment's PaymentIntent with this card on it, created once (found again after a timeout)."""
        method = self._call(
            self._client.v1.payment_methods.create,
            params={"type": "card", "card": _card_params(card)},
            options={"idempotency_key": f"sangsaeng:payment:{payment_id}:card"},
        )
        params = {
            "amount": amount_krw,
            "currency": CURRENCY,
            "payment_method": method.id,
            "metadata": {"payment_id": str(payment_id), "description": description[:200]},
        }
        key = f"sangsaeng:payment:{payment_id}:intent"
        try:
            intent = self._client.v1.payment_intents.create(params=params, options={"idempotency_key": key})  # type: ignore[arg-type]
        except stripe.APIConnectionError:
            found = self.find_intent(payment_id)  # the first request may have reached Stripe before timing out
            if found is None:
                intent = self._call(
                    self._client.v1.payment_intents.create, params=params, options={"idempotency_key": key}
                )
            else:
                return Attempt(found, method.card.brand, method.card.last4)
        except stripe.StripeError as error:
            raise GatewayError(str(error)) from error
        return Attempt(self._state(intent), method.card.brand, method.card.last4)

    def confirm_intent(self, payment_id: int, intent_id: str) -> IntentState:
        """Confirm the intent; a declined card is an outcome (the intent's state), not an error."""
        try:
            self._client.v1.payment_intents.confirm(
                intent_id, options={"idempotency_key": f"sangsaeng:payment:{payment_id}:confirm"}
            )
        except stripe.CardError:
            pass
        except stripe.StripeError as error:
            raise GatewayError(str(error)) from error
        return self.retrieve_intent(intent_id)

    def cancel_intent(self, intent_id: str) -> IntentState:
        self._call(self._client.v1.payment_intents.cancel, intent_id)
        return self.retrieve_intent(intent_id)

    def refund(self, intent_id: str, amount_krw: int, refund_id: int) -> RefundState:
        """Refund part or all of a captured intent; the caller has checked the amount against what is left."""
        refund = self._call(
            self._client.v1.refunds.create,
            params={"payment_intent": intent_id, "amount": amount_krw, "metadata": {"refund_id": str(refund_id)}},
            options={"idempotency_key": f"sangsaeng:refund:{refund_id}"},
        )
        return _refund_state(refund.to_dict(), refund_id)

    # Reading what Stripe holds

    def retrieve_intent(self, intent_id: str) -> IntentState:
        return self._state(self._call(self._client.v1.payment_intents.retrieve, intent_id))

    def find_intent(self, payment_id: int) -> IntentState | None:
        """The intent made for our payment, if one was made (looked up by the metadata we set)."""
        for intent in self.list_intents():
            if intent.payment_id == payment_id:
                return intent
        return None

    def list_intents(self) -> Iterator[IntentState]:
        """Every PaymentIntent at Stripe that carries one of our payment ids."""
        listing = self._call(self._client.v1.payment_intents.list, params={"limit": 100})
        try:
            for intent in listing.auto_paging_iter():  # later pages are requests too
                if intent.to_dict().get("metadata", {}).get("payment_id"):
                    yield self._state(intent)
        except stripe.StripeError as error:
            raise GatewayError(str(error)) from error

    def list_events(self) -> Iterator[EventRef]:
        listing = self._call(self._client.v1.events.list, params={"limit": 100})
        try:
            for event in listing.auto_paging_iter():  # later pages are requests too
                yield self._event_ref(event)
        except stripe.StripeError as error:
            raise GatewayError(str(error)) from error

    def verify_event(self, payload: bytes, signature: str | None) -> EventRef:
        """The event a webhook carries, once its signature (with our secret, recent enough) holds."""
        if not self.webhook_secret:
            raise InvalidEvent("no webhook secret is configured")
        try:
            event = stripe.Webhook.construct_event(
                payload, signature or "", self.webhook_secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
            )
        except (stripe.SignatureVerificationError, ValueError) as error:
            raise InvalidEvent(str(error)) from error
        if not getattr(event, "id", None) or not getattr(event, "type", None):
            raise InvalidEvent("the body is not an event")
        return self._event_ref(event)

    # Helpers

    def _call(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except stripe.InvalidRequestError as error:
            if error.http_status == 404:
                raise UnknownAtStripe(str(error)) from error
            raise GatewayError(str(error)) from error
        except stripe.StripeError as error:
            raise GatewayError(str(error)) from error

    def _state(self, stripe_intent: Any) -> IntentState:
        intent = stripe_intent.to_dict()
        payment_id = (intent.get("metadata") or {}).get("payment_id")
        refunds = tuple(_refund_state(refund, None) for refund in self._refunds(intent))
        error = intent.get("last_payment_error") or {}
        return IntentState(
            id=intent["id"],
            payment_id=whole_number(payment_id),
            status=intent["status"],
            amount_krw=int(intent["amount"]),
            failure_code=error.get("code"),
            refunds=refunds,
        )

    def _refunds(self, intent: dict[str, Any]) -> list[dict[str, Any]]:
        """The intent's refunds: those its charge carries when complete (no request), else listed from Stripe."""
        charge = intent.get("latest_charge")
        if not charge:
            return []
        inline = charge.get("refunds") if isinstance(charge, dict) else None
        if inline and not inline.get("has_more"):
            return list(inline.get("data") or [])
        listing = self._call(self._client.v1.refunds.list, params={"payment_intent": intent["id"], "limit": 100})
        return [refund.to_dict() for refund in listing.auto_paging_iter()]

    def _event_ref(self, stripe_event: Any) -> EventRef:
        event = stripe_event.to_dict()
        data = event.get("data") or {}
        found = data.get("object") or {}
        kind = found.get("object")
        intent_id = None
        if kind == "payment_intent":
            intent_id = found.get("id")
        elif kind in ("charge", "refund"):
            intent_id = found.get("payment_intent")
            if not intent_id and kind == "refund" and found.get("charge"):
                charge = self._call(self._client.v1.charges.retrieve, found["charge"]).to_dict()
                intent_id = charge.get("payment_intent")
        return EventRef(id=str(event["id"]), type=str(event["type"]), intent_id=intent_id)


def _card_params(card: Card) -> dict[str, Any]:
    return {"number": card.number, "exp_month": card.exp_month, "exp_year": card.exp_year, "cvc": card.cvc}


def _refund_state(refund: dict[str, Any], refund_id: int | None) -> RefundState:
    ours = (refund.get("metadata") or {}).get("refund_id")
    if refund_id is None:
        refund_id = whole_number(ours)
    return RefundState(id=refund["id"], amount_krw=int(refund["amount"]), status=refund["status"], refund_id=refund_id)
