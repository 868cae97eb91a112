"""Stripe's webhooks: one signed event delivered 20 times credits once; forged events write nothing; events
about one payment converge on the same state whatever order they arrive in. Real localstripe events, sent to
the served app over HTTP.
"""

from __future__ import annotations

import copy
import itertools
import json
import time
import urllib.error
import urllib.request

import pytest
from sqlalchemy import func, select

from funds.models import AccountKind, LedgerAccount, LedgerTransaction, Payment, PaymentStatus, TransactionKind
from tests.conftest import run_at_once
from tests.funds.paying import (
    Payers,
    check_ledger,
    deliver,
    event_count,
    events_for,
    make_payers,
    paid_without_webhooks,
    payment,
    signature,
    stripe_post,
)


@pytest.fixture
def payers(live) -> Payers:
    return make_payers(live)


def succeeded_event(live, intent_id: str) -> dict:
    return next(event for event in events_for(live.fake, intent_id) if event["type"] == "payment_intent.succeeded")


def payment_credits(live, payment_id: int) -> int:
    with live.session() as session:
        statement = (
            select(func.count())
            .select_from(LedgerTransaction)
            .where(
                LedgerTransaction.kind == TransactionKind.PAYMENT,
                LedgerTransaction.memo.like(f"payment {payment_id}:%"),
            )
        )
        return session.scalar(statement) or 0


def post_over_http(live, event: dict) -> int:
    payload = json.dumps(event).encode()
    request = urllib.request.Request(  # noqa: S310 (the app under test, on 127.0.0.1)
        live.webhook_url, data=payload, headers={"Stripe-Signature": signature(payload)}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_one_event_delivered_twenty_times_credits_once(live, payers):
    waiting = paid_without_webhooks(live, payers, 1_500_000)
    event = succeeded_event(live, waiting.stripe_payment_intent_id)
    events_before = event_count(live)
    statuses = [post_over_http(live, event) for _ in range(10)]  # ten in a row
    outcomes: list[int] = []
    run_at_once(lambda _: outcomes.append(post_over_http(live, event)), range(10))  # ten at once
    assert statuses + outcomes == [200] * 20
    paid = payment(live, waiting.id)
    assert (paid.status, paid.captured_krw) == (PaymentStatus.SUCCEEDED, 1_500_000)
    assert payment_credits(live, waiting.id) == 1
    assert event_count(live) == events_before + 1
    check_ledger(live)


def test_forged_events_get_400_and_write_nothing(live, payers):
    waiting = paid_without_webhooks(live, payers, 700_000)
    event = succeeded_event(live, waiting.stripe_payment_intent_id)
    payload = json.dumps(event).encode()
    tampered = copy.deepcopy(event)
    tampered["data"]["object"]["amount"] = 70_000_000
    client = live.app.test_client()
    forgeries = {
        "unsigned": client.post("/webhooks/stripe", data=payload),
        "wrong secret": deliver(client, event, secret="whsec_not_ours"),
        "tampered body": client.post(
            "/webhooks/stripe", data=json.dumps(tampered).encode(), headers={"Stripe-Signature": signature(payload)}
        ),
        "old timestamp": deliver(client, event, at=int(time.time()) - 3600),
    }
    events_before = event_count(live)
    for name, response in forgeries.items():
        assert response.status_code == 400, name
        assert response.get_json()["error"]["code"] == "invalid_event", name
    assert event_count(live) == events_before
    assert payment(live, waiting.id).status == PaymentStatus.PROCESSING
    assert payment_credits(live, waiting.id) == 0


ORDERS = list(itertools.permutations(("succeeded", "payment_failed", "refunded")))


def three_events(live, intent_id: str) -> dict[str, dict]:
    """The real succeeded event, a stale payment_failed about the same intent, and a charge.refunded."""
    succeeded = succeeded_event(live, intent_id)
    failed = copy.deepcopy(succeeded) | {"id": succeeded["id"] + "_failed", "type": "payment_intent.payment_failed"}
    charge = {"object": "charge", "id": "ch_for_" + intent_id, "payment_intent": intent_id}
    refunded = {
        "id": succeeded["id"] + "_refunded",
        "object": "event",
        "type": "charge.refunded",
        "created": int(time.time()),
        "data": {"object": charge},
    }
    return {"succeeded": succeeded, "payment_failed": failed, "refunded": refunded}


def test_succeeded_failed_and_refunded_in_all_six_orders_end_in_the_same_state(live, payers):
    client = live.app.test_client()
    finals = set()
    for order in ORDERS:
        waiting = paid_without_webhooks(live, payers, 1_000_000)
        stripe_post(live.fake, "/v1/refunds", f"payment_intent={waiting.stripe_payment_intent_id}&amount=250000")
        events = three_events(live, waiting.stripe_payment_intent_id)
        for name in order:
            assert deliver(client, events[name]).status_code == 200, (order, name)
        with live.session() as session:
            done = session.get(Payment, waiting.id)
            refunds = len(done.refunds)
            cash = session.scalar(
                select(LedgerAccount.balance_krw).where(
                    LedgerAccount.kind == AccountKind.PAYMENT_CASH, LedgerAccount.owner_id == waiting.id
                )
            )
        finals.add((done.status, done.captured_krw, done.refunded_krw, cash, refunds))
    assert finals == {(PaymentStatus.SUCCEEDED, 1_000_000, 250_000, 750_000, 1)}
    check_ledger(live)


def test_a_signed_event_for_an_intent_we_do_not_know_is_acknowledged_and_recorded(live, payers):
    waiting = paid_without_webhooks(live, payers, 500_000)
    stranger = copy.deepcopy(succeeded_event(live, waiting.stripe_payment_intent_id))
    stranger["id"] = "evt_not_ours_" + stranger["id"]
    stranger["data"]["object"]["id"] = "pi_never_made_by_us"
    stranger["data"]["object"]["description"] = "a NUL \x00 in Stripe's text"  # Stripe's body, not our input
    events_before = event_count(live)
    response = deliver(live.app.test_client(), stranger)
    assert response.status_code == 200, response.get_json()  # not 503: Stripe would retry it for days
    assert response.get_json() == {"received": stranger["id"], "outcome": "ignored"}
    assert event_count(live) == events_before + 1  # recorded, so a second delivery is a duplicate
    assert deliver(live.app.test_client(), stranger).get_json()["outcome"] == "duplicate"
    assert payment(live, waiting.id).status == PaymentStatus.PROCESSING  # and nothing else changed
    assert payment_credits(live, waiting.id) == 0
