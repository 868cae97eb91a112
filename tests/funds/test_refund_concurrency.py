"""Twenty officers refund one payment at once (the served app, the real fake Stripe and its webhooks): no
server error, no deadlock, never more refunded than captured, and every refund answered as made was made.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from funds.models import PaymentRefund
from tests.conftest import run_at_once
from tests.funds.paying import check_ledger, latest_payment_id, make_payers, pay_by_card, payment, wait_until
from tests.funds.test_payment_flows import make_token, settled

CAPTURED, EACH, OFFICERS = 10_000_000, 1_000_000, 20


def test_twenty_concurrent_refunds_of_one_payment(live):
    payers = make_payers(live)
    pay_by_card(live.client(payers.sme), f"/payments/project/{payers.project_id}", CAPTURED)
    payment_id = latest_payment_id(live)
    assert wait_until(lambda: settled(live, payment_id))
    token = make_token(live, payers)
    # Used once first, so its last-use write (issue 19's token race, not this test's) is behind us.
    assert live.app.test_client().get("/api/v1/me", headers=token).status_code == 200
    answers: list[int] = []

    def refund(number: int) -> None:
        response = live.app.test_client().post(
            f"/api/v1/payments/{payment_id}/refunds", json={"amount_krw": EACH, "reason": f"#{number}"}, headers=token
        )
        answers.append(response.status_code)

    run_at_once(refund, range(OFFICERS))
    counts = Counter(answers)
    assert set(counts) <= {201, 409}, counts  # no 500, whatever the interleaving
    assert counts[201] == CAPTURED // EACH  # each refund that fits was made; the rest refused
    with live.session() as session:
        rows = session.scalars(select(PaymentRefund).where(PaymentRefund.payment_id == payment_id)).all()
    assert len(rows) == counts[201]  # an answer of "made" is a refund recorded, and only those
    assert wait_until(lambda: payment(live, payment_id).refunded_krw == CAPTURED)
    assert payment(live, payment_id).refunded_krw <= payment(live, payment_id).captured_krw
    check_ledger(live)
