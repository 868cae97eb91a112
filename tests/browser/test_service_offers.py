"""Journey: service offers. Samsung (sponsor@) grants a smart-production consulting voucher to a 반월·시화 SME;
SmartWorks (supplier@), the provider, reports delivery; the SME confirms it and the voucher counts at its
value; the sponsor offers one place more. An SME in 반월 (sme@) sees the tenant price beside the list price on a
solution, and its need's page shows the vouchers and discounted solutions that fit; a sponsor sees only that
tenants get a discount.

Each run grants to the first demo SME the grant form still offers (one voucher per SME and programme)."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from marketplace.auth.models import Role
from marketplace.demo.data import SMES
from marketplace.demo.people import demo_email
from marketplace.programmes.models import SponsorProgramme
from marketplace.solutions.models import Solution
from tests.browser.journey import Journey
from tests.browser.people import open_need_of

SPONSOR = "sponsor@sangsaeng-demo.kr"
SUPPLIER = "supplier@sangsaeng-demo.kr"
SME = "sme@sangsaeng-demo.kr"
PROGRAMME = "스마트공장 상생형 지원사업 2027"
DISCOUNTED = "가공·조립 공장 표준 MES (SmartWorks MES Standard)"
REPORT = "스마트 생산 진단 60시간: 사출기 12대 가동률 측정, 작업지시 흐름 개선안과 MES 도입 단계 제안."
EMAILS = {name: demo_email(Role.SME, number) for number, row in enumerate(SMES, 1) for name in (row.name, row.name_en)}


def ids(journey: Journey) -> tuple[int, int]:
    with journey.live.session() as session:
        programme = session.scalar(select(SponsorProgramme.id).where(SponsorProgramme.name == PROGRAMME))
        solution = session.scalar(select(Solution.id).where(Solution.title == DISCOUNTED))
    return programme, solution


def grant_to_next_sme(sponsor: Journey, programme_id: int) -> tuple[str, str]:
    """Grant the smart-production voucher to the first demo SME the form offers; its name and login."""
    sponsor.goto(f"/programmes/{programme_id}/vouchers", "programme-vouchers")
    offer = sponsor.page.locator("section.voucher-offer").first
    select_box = offer.locator("select")
    labels = [label.strip() for label in select_box.locator("option").all_inner_texts()]
    name = next(label for label in labels if label in EMAILS)
    select_box.select_option(label=name)
    sponsor.submit(offer.locator("form"))
    expect(sponsor.flash().first).to_contain_text(sponsor.say("바우처를 지급했습니다", "The voucher is granted"))
    expect(sponsor.page.locator(".voucher-status")).to_have_text(sponsor.say("지급됨", "Granted"))
    sponsor.check("voucher-granted")
    return name, EMAILS[name]


def test_a_voucher_is_granted_delivered_confirmed_and_tenants_see_their_price(journey: Journey) -> None:
    programme_id, solution_id = ids(journey)
    sponsor = journey
    sponsor.log_in(SPONSOR)
    sme_name, sme_email = grant_to_next_sme(sponsor, programme_id)
    voucher_path = re.sub(r"^https?://[^/]+", "", sponsor.page.url)

    # The sponsor offers one place more (never fewer than the vouchers granted).
    sponsor.goto(f"/programmes/{programme_id}/vouchers")
    places = sponsor.page.locator("section.voucher-offer").first.locator("input[name$=places]")
    places.fill(str(int(places.input_value()) + 1))
    sponsor.submit(places.locator("xpath=ancestor::form"))
    expect(sponsor.flash().first).to_contain_text(sponsor.say("인원을 변경했습니다", "The places are changed"))
    sponsor.check("voucher-places-changed")

    supplier = journey.another()
    supplier.log_in(SUPPLIER)
    supplier.goto(voucher_path, "voucher-to-report")
    supplier.page.locator("textarea[name=report]").fill(REPORT)
    supplier.page.locator("#voucher-report-delivery").click()
    supplier.page.wait_for_load_state()
    expect(supplier.page.locator(".voucher-status")).to_have_text(
        supplier.say("수행 완료, 확인 대기", "Delivered, to confirm")
    )
    expect(supplier.page.locator("#voucher-report")).to_have_text(REPORT)

    sme = journey.another()
    sme.log_in(sme_email)
    sme.goto("/vouchers", "vouchers-list")
    expect(sme.page.locator("#voucher-list")).to_contain_text(sme.say("스마트 생산", "Smart production"))
    sme.goto(voucher_path)
    sme.follow(sme.page.locator("#voucher-confirm"), "voucher-confirmed")
    expect(sme.page.locator(".voucher-status")).to_contain_text(sme.say("확인 완료", "Confirmed by the SME"))
    expect(sme.page.locator("#voucher-counted")).to_contain_text("₩20,000,000")
    expect(sme.page.locator("main")).to_contain_text(sme_name)

    # A tenant of 반월 sees its price beside the list price, and its need's page shows what fits it.
    tenant = journey.another()
    tenant.log_in(SME)
    tenant.goto(f"/solutions/{solution_id}", "solution-tenant-price")
    expect(tenant.page.locator("#tenant-price")).to_contain_text(tenant.say("입주기업가", "Tenant price"))
    expect(tenant.page.locator("#tenant-price")).to_contain_text(tenant.say("15% 할인", "15% off"))
    need_id, _title = open_need_of(tenant, SME)
    tenant.goto(f"/needs/{need_id}", "need-service-offers")
    offers = tenant.page.locator("#service-offers")
    expect(offers).to_contain_text(tenant.say("입주기업가", "Tenant price"))
    expect(offers.locator(".voucher-fit").first).to_be_visible()

    # Anyone else sees only that tenants get a discount.
    sponsor.goto(f"/solutions/{solution_id}")
    expect(sponsor.page.locator("#tenant-price")).to_have_count(0)
    expect(sponsor.page.locator("#tenant-note")).to_contain_text(sponsor.say("반월", "Banwol"))
