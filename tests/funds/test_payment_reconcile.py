"""`flask funds reconcile` repairs what lost webhooks left undone: with every fifth webhook dropped on its way
to the app (the fake never retries), reconciliation leaves no payment unmatched, the ledger checks, and a
second run changes nothing.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from funds.models import Payment, PaymentStatus
from marketplace.jobs import jobs_of
from tests.funds.paying import Payers, check_ledger, make_payers, pay_by_card, wait_until, webhooks_to

PAYMENTS = 10


class DroppingProxy:
    """Forwards webhooks to the app, except every fifth one, which it answers 503 and loses (20 %)."""

    def __init__(self, target: str) -> None:
        self.target, self.seen, self.dropped = target, 0, 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with proxy.lock:
                    proxy.seen += 1
                    drop = proxy.seen % 5 == 0
                    proxy.dropped += drop
                status = 503 if drop else proxy.forward(body, self.headers.get("Stripe-Signature", ""))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def forward(self, body: bytes, signature: str) -> int:
        request = urllib.request.Request(  # noqa: S310 (the app under test)
            self.target, data=body, headers={"Stripe-Signature": signature}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


@pytest.fixture
def proxy(live) -> Iterator[DroppingProxy]:
    proxy = DroppingProxy(live.webhook_url)
    thread = threading.Thread(target=proxy.server.serve_forever, daemon=True)
    thread.start()
    with webhooks_to(live, proxy.url):
        yield proxy
    proxy.server.shutdown()
    proxy.server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def payers(live) -> Payers:
    return make_payers(live)


def statuses(live) -> list[PaymentStatus]:
    with live.session() as session:
        return list(session.scalars(select(Payment.status).order_by(Payment.id)))


def test_reconcile_applies_what_dropped_webhooks_missed_and_is_safe_to_run_twice(live, payers, proxy):
    sme, sponsor = live.client(payers.sme), live.client(payers.sponsor)
    for number in range(PAYMENTS):
        client, path = (
            (sme, f"/payments/project/{payers.project_id}")
            if number % 2
            else (sponsor, f"/payments/pledge/{payers.programme_id}")
        )
        assert pay_by_card(client, path, 1_000_000 + number).status_code == 200
    assert wait_until(lambda: proxy.seen >= PAYMENTS)  # every succeeded event was sent once
    assert wait_until(lambda: statuses(live).count(PaymentStatus.SUCCEEDED) == PAYMENTS - proxy.dropped)
    assert proxy.dropped == PAYMENTS // 5
    assert statuses(live).count(PaymentStatus.PROCESSING) == proxy.dropped  # waiting for events that never came

    first = live.app.test_cli_runner().invoke(args=["funds", "reconcile"])
    assert first.exit_code == 0, first.output
    assert f"settled {proxy.dropped} payments (credited 2," in first.output  # two of 1,000,0xx each
    assert first.output.rstrip().endswith("0 unmatched")
    assert statuses(live) == [PaymentStatus.SUCCEEDED] * PAYMENTS
    second = live.app.test_cli_runner().invoke(args=["funds", "reconcile"])
    assert second.exit_code == 0, second.output
    assert "applied 0 missed events; settled 0 payments (credited 0 KRW, refunded 0 KRW)" in second.output
    assert second.output.rstrip().endswith("0 unmatched")
    check_ledger(live)
    # The job worker's periodic task calls the same service: running it now (twice) changes nothing either.
    reconcile_task = jobs_of(live.app).tasks["reconcile_payments"]
    assert reconcile_task.call_local() == reconcile_task.call_local() == {"settled": 0, "applied": 0, "unmatched": []}
    assert statuses(live) == [PaymentStatus.SUCCEEDED] * PAYMENTS
    check_ledger(live)
