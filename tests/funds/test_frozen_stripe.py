"""A Stripe that accepts connections and never answers: the payment page and `funds reconcile` give up
within a bounded time with a clear message (each call: STRIPE_TIMEOUT_SECONDS, STRIPE_MAX_NETWORK_RETRIES).
Before the client had timeouts, the page waited 241 s and reconcile 4 minutes before five chained tracebacks.
"""

from __future__ import annotations

import time

import pytest

from funds.models import PaymentStatus
from tests.funds.paying import latest_payment_id, make_payers, pay_by_card, payment

BOUND_SECONDS = 30  # a hang, not a speed: with 1 s per attempt and 1 retry a call gives up in about 3 s


@pytest.fixture
def frozen_stripe(live, frozen_server):
    live.app.config |= {
        "STRIPE_API_BASE": f"http://127.0.0.1:{frozen_server}",
        "STRIPE_TIMEOUT_SECONDS": 1,
        "STRIPE_MAX_NETWORK_RETRIES": 1,
    }
    live.app.extensions.pop("stripe_gateway", None)  # built again from the settings above
    return live


def test_the_payment_page_gives_up_on_a_frozen_stripe_with_a_clear_message(live, frozen_stripe):
    payers = make_payers(live)
    started = time.monotonic()
    page = pay_by_card(live.client(payers.sme), f"/payments/project/{payers.project_id}", 1_000_000)
    assert time.monotonic() - started < BOUND_SECONDS
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "카드 결제 서비스가 응답하지 않았습니다" in text  # "The card service did not answer. …"
    paid = payment(live, latest_payment_id(live))
    assert paid.status == PaymentStatus.PENDING  # nothing credited, nothing reported as failed
    assert paid.captured_krw == 0


def test_reconcile_gives_up_on_a_frozen_stripe_in_one_line(live, frozen_stripe):
    started = time.monotonic()
    result = live.app.test_cli_runner().invoke(args=["funds", "reconcile"])
    assert time.monotonic() - started < BOUND_SECONDS
    assert result.exit_code == 1
    assert "Stripe did not answer" in result.output
    assert "nothing was changed" in result.output
    assert "Traceback" not in result.output
