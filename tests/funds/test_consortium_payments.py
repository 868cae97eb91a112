"""Each consortium member pays its own pledge through the card flow (a real localstripe process, real webhooks),
and an officer's refund of one member's payment leaves the others' untouched; `funds check` holds throughout."""

from __future__ import annotations

from funds.consortia.commands import MemberIn
from funds.consortia.figures import programme_members
from funds.consortia.services import add_member
from funds.models import PaymentStatus
from marketplace.auth.models import Role
from marketplace.unit_of_work import begin_writing
from tests.conftest import bearer
from tests.factories import context_of, make_api_token, make_user
from tests.funds.paying import check_ledger, latest_payment_id, make_payers, pay_by_card, payment, wait_until

PARTNER_PLEDGE = 40_000_000  # beside the lead's ₩90M


def test_each_member_pays_its_own_pledge_and_is_refunded_its_own(live):
    payers = make_payers(live)
    with live.session() as session, live.app.test_request_context():
        begin_writing(session)
        partner = make_user(live.app, session, Role.SPONSOR)
        command = MemberIn.model_construct(organisation_id=partner.organisation_id, pledged_krw=PARTNER_PLEDGE)
        add_member(session, context_of(payers.sponsor), payers.programme_id, command)
        session.commit()
    path = f"/payments/pledge/{payers.programme_id}"
    partners_client = live.client(partner)
    refused = pay_by_card(partners_client, path, PARTNER_PLEDGE + 1)
    assert "40,000,000" in refused.get_data(as_text=True)  # at most its own pledge is due
    pay_by_card(partners_client, path, PARTNER_PLEDGE)
    partners_payment = latest_payment_id(live)
    pay_by_card(live.client(payers.sponsor), path, 90_000_000)
    leads_payment = latest_payment_id(live)
    done = (PaymentStatus.SUCCEEDED,)
    assert wait_until(
        lambda: payment(live, partners_payment).status in done and payment(live, leads_payment).status in done
    )
    with live.session() as session:
        lead, member = programme_members(session, payers.programme_id)
    assert (lead.paid_krw, member.paid_krw) == (90_000_000, PARTNER_PLEDGE)
    check_ledger(live)

    with live.session() as session:
        token = bearer(make_api_token(live.app, session, payers.officer)[1])
    refund = live.app.test_client().post(
        f"/api/v1/payments/{partners_payment}/refunds", json={"amount_krw": 5_000_000, "reason": "정정"}, headers=token
    )
    assert refund.status_code == 201, refund.get_json()
    assert wait_until(lambda: payment(live, partners_payment).refunded_krw == 5_000_000)
    with live.session() as session:
        lead, member = programme_members(session, payers.programme_id)
    assert (lead.paid_krw, lead.refunded_krw) == (90_000_000, 0)
    assert (member.paid_krw, member.refunded_krw) == (PARTNER_PLEDGE - 5_000_000, 5_000_000)
    check_ledger(live)
