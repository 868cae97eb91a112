"""Service offer pages: a programme's vouchers, granting, the voucher's moves, tenant prices where they show."""

from __future__ import annotations

from funds.benefits import discounts
from funds.benefits.schemas import TenantDiscountIn
from funds.models import ConsultingVoucher, TenantDiscount, VoucherStatus
from marketplace.auth.models import Role
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, context_of, make_need, make_organisation, make_solution, make_user
from tests.funds.benefits import grant, voucher_world

EN = {"Accept-Language": "en"}
KO = {"Accept-Language": "ko"}


def as_user(client, user):
    post_form(client, "/account/logout", {})
    log_in(client, user.email, PASSWORD)


def test_sponsor_offers_and_grants_provider_reports_sme_confirms(client, app, db_session):
    world = voucher_world(app, db_session)
    as_user(client, world.sponsor)
    url = f"/programmes/{world.programme.id}/vouchers"
    page = client.get(url, headers=EN).get_data(as_text=True)
    assert "Energy efficiency" in page
    assert world.sme.organisation.name in page  # eligible: a choice of the grant form
    added = post_form(
        client,
        f"/programmes/{world.programme.id}/vouchers/offers",
        {
            "scope": "management",
            "provider": f"org:{world.supplier.organisation_id}",
            "value_krw": "",
            "hours": "8",
            "places": "2",
        },
        headers=EN,
    )
    assert added.status_code == 200
    assert "Enter a positive whole number of won." in added.get_data(as_text=True)
    granted = post_form(
        client,
        f"/voucher-offers/{world.offer.id}/grants",
        {f"offer{world.offer.id}-sme_organisation_id": str(world.sme.organisation_id)},
    )
    assert granted.status_code == 302, granted.get_data(as_text=True)
    voucher = db_session.query(ConsultingVoucher).one()
    as_user(client, world.supplier)
    empty = post_form(client, f"/vouchers/{voucher.id}/transitions", {"action": "report", "report": " "}, headers=EN)
    assert empty.status_code == 400
    assert "This field is required." in empty.get_data(as_text=True)
    reported = post_form(client, f"/vouchers/{voucher.id}/transitions", {"action": "report", "report": "진단 완료"})
    assert reported.status_code == 302
    as_user(client, world.sme)
    assert "voucher-confirm" in client.get(f"/vouchers/{voucher.id}", headers=KO).get_data(as_text=True)
    post_form(client, f"/vouchers/{voucher.id}/transitions", {"action": "confirm"})
    db_session.refresh(voucher)
    assert voucher.status == VoucherStatus.CONFIRMED
    listed = client.get("/vouchers", headers=EN).get_data(as_text=True)
    assert "Confirmed by the SME" in listed


def test_a_voucher_is_hidden_from_others_and_moves_are_checked(client, app, db_session):
    world = voucher_world(app, db_session)
    voucher = grant(db_session, world)
    as_user(client, world.outsider)
    assert client.get(f"/vouchers/{voucher.id}").status_code == 404
    as_user(client, world.sme)
    refused = post_form(client, f"/vouchers/{voucher.id}/transitions", {"action": "cancel"})
    assert refused.status_code == 403
    as_user(client, world.outsider)
    assert (
        post_form(client, f"/programmes/{world.programme.id}/vouchers/offers", {"scope": "management"}).status_code
        == 403
    )


def test_only_tenants_see_the_tenant_price(client, app, db_session):
    seller = make_user(app, db_session, Role.SUPPLIER)
    solution = make_solution(
        db_session, seller, categories=["fems"], price_min_krw=20_000_000, price_max_krw=30_000_000
    )
    command = TenantDiscountIn.model_construct(complex_code="banwol", percent=15, price_krw=None)
    discounts.set_discount(db_session, context_of(seller), solution, command)
    tenant = make_user(
        app, db_session, Role.SME, organisation=make_organisation(db_session, industrial_complex="banwol")
    )
    other = make_user(
        app, db_session, Role.SME, organisation=make_organisation(db_session, industrial_complex="changwon")
    )
    need = make_need(db_session, tenant, category="fems")
    as_user(client, tenant)
    page = client.get(f"/solutions/{solution.id}", headers=EN).get_data(as_text=True)
    assert "Tenant price ₩17,000,000 – ₩25,500,000 (15% off)" in page
    assert "Tenant price ₩17,000,000" in client.get("/solutions/?category=fems", headers=EN).get_data(as_text=True)
    need_page = client.get(f"/needs/{need.id}", headers=EN).get_data(as_text=True)
    assert 'id="service-offers"' in need_page
    assert f'data-solution="{solution.id}"' in need_page
    as_user(client, other)
    page = client.get(f"/solutions/{solution.id}", headers=EN).get_data(as_text=True)
    assert "Tenant price" not in page
    assert "For tenants of Banwol National Industrial Complex." in page


def test_the_seller_sets_and_removes_discounts_on_the_page(client, app, db_session):
    seller = make_user(app, db_session, Role.SUPPLIER)
    solution = make_solution(db_session, seller)
    as_user(client, seller)
    assert 'id="tenant-discounts"' in client.get(f"/solutions/{solution.id}").get_data(as_text=True)
    bad = post_form(
        client, f"/solutions/{solution.id}/tenant-discounts", {"complex_code": "sihwa", "percent": "0"}, headers=EN
    )
    assert bad.status_code == 302
    assert db_session.query(TenantDiscount).count() == 0
    post_form(client, f"/solutions/{solution.id}/tenant-discounts", {"complex_code": "sihwa", "percent": "10"})
    discount = db_session.query(TenantDiscount).one()
    assert discount.percent == 10
    post_form(client, f"/solutions/{solution.id}/tenant-discounts/{discount.id}/removal", {})
    assert db_session.query(TenantDiscount).count() == 0
    other = make_user(app, db_session, Role.SUPPLIER)
    as_user(client, other)
    assert 'id="tenant-discounts"' not in client.get(f"/solutions/{solution.id}").get_data(as_text=True)
    refused = post_form(
        client, f"/solutions/{solution.id}/tenant-discounts", {"complex_code": "sihwa", "percent": "10"}
    )
    assert refused.status_code == 302
    assert db_session.query(TenantDiscount).count() == 0
