"""Card payments end to end, against a real localstripe process delivering real webhooks to the served app:
success, decline, 3-D Secure, instalments, refunds (never more than captured) and a cancelled project's refund.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from funds.models import LedgerTransaction, PaymentStatus, ProjectStatus, TransactionKind
from marketplace.notifications.models import Notification
from tests.conftest import assert_error_shape, bearer, post_form
from tests.factories import make_api_token
from tests.funds.paying import (
    DECLINED,
    GOOD,
    NEEDS_3DS,
    Payers,
    check_ledger,
    events_for,
    latest_payment_id,
    ledger_count,
    make_payers,
    pay_by_card,
    payment,
    project,
    stripe_get,
    wait_until,
)

SHARE = 30_000_000  # the SME's share of a ₩60M government-only project (50 %)


@pytest.fixture
def payers(live) -> Payers:
    return make_payers(live)


def settled(live, payment_id: int) -> bool:
    return payment(live, payment_id).status not in (PaymentStatus.PENDING, PaymentStatus.PROCESSING)


def test_an_sme_pays_its_share_and_the_ledger_counts_it_only_once_stripe_confirms(live, payers):
    client = live.client(payers.sme)
    page = pay_by_card(client, f"/payments/project/{payers.project_id}", SHARE)
    payment_id = latest_payment_id(live)
    assert "카드가 승인되었습니다" in page.get_data(as_text=True) or "card was accepted" in page.get_data(as_text=True)
    assert wait_until(lambda: settled(live, payment_id))

    paid = payment(live, payment_id)
    assert (paid.status, paid.captured_krw, paid.refunded_krw) == (PaymentStatus.SUCCEEDED, SHARE, 0)
    assert (paid.card_brand, paid.card_last4) == ("visa", "4242")
    assert stripe_get(live.fake, f"/v1/payment_intents/{paid.stripe_payment_intent_id}")["status"] == "succeeded"
    with live.session() as session:
        credit = session.scalars(select(LedgerTransaction).where(LedgerTransaction.kind == TransactionKind.PAYMENT))
        assert [entry.amount_krw for t in credit for entry in t.entries if entry.amount_krw > 0] == [SHARE]
    project_page = client.get(f"/projects/{payers.project_id}", headers={"Accept-Language": "en"})
    assert '<td class="text-end" data-field="paid">₩30,000,000</td>' in project_page.get_data(as_text=True)
    assert 'id="pay-share"' not in project_page.get_data(as_text=True)  # nothing left to pay
    assert notified(live, payers.sme, "payment_succeeded") == [f"/payments/{payment_id}"]
    check_ledger(live)


def test_a_declined_card_says_so_and_credits_nothing(live, payers):
    before = ledger_count(live, TransactionKind.PAYMENT)
    client = live.client(payers.sme)
    page = pay_by_card(client, f"/payments/project/{payers.project_id}", 1_000_000, DECLINED)
    payment_id = latest_payment_id(live)
    failed = payment(live, payment_id)
    assert failed.status == PaymentStatus.FAILED
    assert failed.failure_code == "card_declined"
    assert 'id="payment-failure"' in page.get_data(as_text=True)
    # Stripe's payment_failed event arrives a moment later and changes nothing.
    assert wait_until(lambda: events_for(live.fake, failed.stripe_payment_intent_id) != [])
    assert wait_until(
        lambda: payment(live, payment_id).captured_krw == 0 and ledger_count(live, TransactionKind.PAYMENT) == before
    )
    english = client.get(f"/payments/{payment_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Your card was declined. Nothing was charged" in english
    assert f"/payments/{payment_id}" in notified(live, payers.sme, "payment_failed")
    check_ledger(live)


def test_a_card_that_needs_3d_secure_ends_with_a_message_and_nothing_charged(live, payers):
    client = live.client(payers.sme)
    pay_by_card(client, f"/payments/project/{payers.project_id}", 2_000_000, NEEDS_3DS)
    failed = payment(live, latest_payment_id(live))
    assert failed.status == PaymentStatus.FAILED
    assert failed.failure_code == "authentication_required"
    intent = stripe_get(live.fake, f"/v1/payment_intents/{failed.stripe_payment_intent_id}")
    assert intent["status"] == "canceled"  # it can never be completed later
    english = client.get(f"/payments/{failed.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "3-D Secure" in english
    assert "Nothing was charged" in english
    assert failed.captured_krw == 0
    check_ledger(live)


def test_a_sponsor_pays_its_pledge_in_instalments_and_cannot_pay_more_than_it_pledged(live, payers):
    client = live.client(payers.sponsor)
    path = f"/payments/pledge/{payers.programme_id}"
    first = pay_by_card(client, path, 60_000_000)
    first_id = latest_payment_id(live)
    assert first.status_code == 200
    too_much = pay_by_card(client, path, 30_000_001)  # ₩90M pledged: ₩30M is left
    assert latest_payment_id(live) == first_id  # nothing written
    assert "30,000,000" in too_much.get_data(as_text=True)
    pay_by_card(client, path, 30_000_000)
    second_id = latest_payment_id(live)
    assert wait_until(lambda: settled(live, first_id) and settled(live, second_id))
    report = client.get(f"/reports/sponsors/{payers.sponsor.organisation_id}", headers={"Accept-Language": "en"})
    assert report.status_code == 200
    assert "₩90,000,000" in report.get_data(as_text=True)
    csv = client.get(f"/reports/sponsors/{payers.sponsor.organisation_id}.csv").get_data(as_text=True)
    assert ",90000000," in csv
    check_ledger(live)


def test_refunds_never_exceed_what_was_captured(live, payers):
    client = live.client(payers.sme)
    pay_by_card(client, f"/payments/project/{payers.project_id}", 10_000_000)
    payment_id = latest_payment_id(live)
    assert wait_until(lambda: settled(live, payment_id))
    token = make_token(live, payers)
    api = live.app.test_client()
    refused = api.post(
        f"/api/v1/payments/{payment_id}/refunds", json={"amount_krw": 10_000_001, "reason": "x"}, headers=token
    )
    assert_error_shape(refused, 409, "refund_exceeds_captured")
    made = api.post(
        f"/api/v1/payments/{payment_id}/refunds", json={"amount_krw": 4_000_000, "reason": "over-billed"}, headers=token
    )
    assert made.status_code == 201, made.get_data(as_text=True)
    assert made.get_json()["refunded_krw"] == 4_000_000
    again = api.post(
        f"/api/v1/payments/{payment_id}/refunds", json={"amount_krw": 6_000_001, "reason": "x"}, headers=token
    )
    assert_error_shape(again, 409, "refund_exceeds_captured")  # ₩6M is left, not more
    refunded = payment(live, payment_id)
    assert (refunded.captured_krw, refunded.refunded_krw, refunded.status) == (
        10_000_000,
        4_000_000,
        PaymentStatus.SUCCEEDED,
    )
    assert ledger_count(live, TransactionKind.REFUND) >= 1
    officer = live.client(payers.officer)
    form = post_form(
        officer,
        f"/payments/{payment_id}/refunds",
        {"amount_krw": "6000001", "reason": "x", "confirm": "y", "refund": "1"},
        follow_redirects=True,
    )
    assert payment(live, payment_id).refunded_krw == 4_000_000
    assert "6,000,000" in form.get_data(as_text=True)
    check_ledger(live)


def test_only_the_payer_side_may_pay_and_only_officers_refund(live, payers):
    other = live.client(payers.sponsor)
    assert other.get(f"/payments/project/{payers.project_id}").status_code == 403
    sme = live.client(payers.sme)
    assert sme.get(f"/payments/pledge/{payers.programme_id}").status_code == 403
    pay_by_card(sme, f"/payments/project/{payers.project_id}", 1_000)
    payment_id = latest_payment_id(live)
    token = make_token(live, payers, payers.sme)
    response = live.app.test_client().post(
        f"/api/v1/payments/{payment_id}/refunds", json={"amount_krw": 1, "reason": "x"}, headers=token
    )
    assert_error_shape(response, 403, "forbidden")
    assert other.get(f"/payments/{payment_id}").status_code == 404  # another firm's payment does not exist for it


def test_cancelling_a_project_refunds_what_its_sme_paid(live, payers):
    client = live.client(payers.sme)
    pay_by_card(client, f"/payments/project/{payers.project_id}", 12_000_000)
    payment_id = latest_payment_id(live)
    assert wait_until(lambda: settled(live, payment_id))
    response = post_form(
        client,
        f"/projects/{payers.project_id}/transitions",
        {"action": "cancel", "reason": "공장 이전", "confirmed": "yes"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert project(live, payers.project_id).status == ProjectStatus.CANCELLED
    refunded = payment(live, payment_id)
    assert (refunded.captured_krw, refunded.refunded_krw) == (12_000_000, 12_000_000)
    intent = stripe_get(live.fake, f"/v1/refunds?payment_intent={refunded.stripe_payment_intent_id}")
    assert sum(refund["amount"] for refund in intent["data"]) == 12_000_000
    assert client.get(f"/payments/project/{payers.project_id}").status_code == 409  # no paying a cancelled project
    check_ledger(live)


def notified(live, user, kind: str) -> list[str]:
    """The links of the user's notifications of this kind."""
    with live.session() as session:
        statement = select(Notification.link).where(Notification.user_id == user.id, Notification.kind == kind)
        return list(session.scalars(statement))


def make_token(live, payers: Payers, user=None) -> dict[str, str]:
    with live.session() as session:
        _, token = make_api_token(live.app, session, user or payers.officer)
        session.commit()
    return bearer(token) | {"Accept-Language": "en"}


def test_the_payment_form_refuses_bad_card_input_with_field_messages(live, payers):
    client = live.client(payers.sme)
    before = latest_payment_id(live)
    page = post_form(
        client,
        f"/payments/project/{payers.project_id}",
        {"amount_krw": "abc", "card_number": "4242", "exp_month": "13", "exp_year": "29", "cvc": "1", "pay": "1"},
        headers={"Accept-Language": "en"},
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    for message in ("A card number has 16 digits.", "1 to 12.", "Four digits, e.g. 2029.", "3 digits."):
        assert message in text
    assert latest_payment_id(live) == before
    assert GOOD not in text


def test_the_card_is_charged_only_once_the_payer_ticks_the_confirmation(live, payers):
    client = live.client(payers.sme)
    before = latest_payment_id(live)
    card = {"amount_krw": "1000", "card_number": GOOD, "exp_month": "12", "exp_year": "2031", "cvc": "123", "pay": "1"}
    page = post_form(client, f"/payments/project/{payers.project_id}", card, headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "Tick the box to confirm the payment." in page.get_data(as_text=True)
    assert latest_payment_id(live) == before  # nothing opened, nothing charged
    pay_by_card(client, f"/payments/project/{payers.project_id}", 1_000)
    assert latest_payment_id(live) != before


def test_a_refund_is_sent_only_once_the_officer_ticks_the_confirmation(live, payers):
    pay_by_card(live.client(payers.sme), f"/payments/project/{payers.project_id}", 2_000)
    payment_id = latest_payment_id(live)
    assert wait_until(lambda: settled(live, payment_id))
    officer = live.client(payers.officer)
    refund = {"amount_krw": "1000", "reason": "x", "refund": "1"}
    page = post_form(officer, f"/payments/{payment_id}/refunds", refund, headers={"Accept-Language": "en"})
    assert "Tick the box to confirm the refund." in page.get_data(as_text=True)
    assert payment(live, payment_id).refunded_krw == 0
    post_form(officer, f"/payments/{payment_id}/refunds", refund | {"confirm": "y"})
    assert payment(live, payment_id).refunded_krw == 1_000
