"""Journey b: an SME applies for a co-investment project, the sponsor selects it, the officer agrees (each after
a confirmation page), the SME is told at each step and pays its share by card on the fake Stripe; the receipt
turns from "waiting" to paid when Stripe's webhook arrives, and the project page shows the payment.

A fresh need of the demo SME each time (a unique title), so the journey runs in both languages on one demo world.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.journey import Journey
from tests.funds.paying import GOOD

SME, SPONSOR, OFFICER = "sme@sangsaeng-demo.kr", "sponsor@sangsaeng-demo.kr", "officer@sangsaeng-demo.kr"
SAMSUNG_PROGRAMME = "스마트공장 상생형 지원사업 2027"  # open, basic tier, 30 % from the sponsor
BUDGET_KRW = 60_000_000
DESCRIPTION = "사출 공정 생산 실적을 실시간으로 모으고 불량 원인을 추적할 MES가 필요합니다."


def krw(amount: int) -> str:
    return f"₩{amount:,}"


def unread(journey: Journey) -> int:
    """The number on the top bar's notification badge (none shown: 0)."""
    badge = journey.page.locator("#notification-unread")
    if not badge.count():
        return 0
    return int(re.match(r"\d+", badge.inner_text().strip()).group())  # type: ignore[union-attr]


def post_need(sme: Journey, title: str) -> None:
    sme.goto("/needs/new", check="need-form")
    form = sme.page.locator("main form")
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=description]").fill(DESCRIPTION)
    form.locator("select[name=category]").select_option("mes")
    form.locator("select[name=funding_tier]").select_option("basic")
    form.locator("input[name=budget_krw]").fill(str(BUDGET_KRW))
    form.locator("button[name=publish]").click(no_wait_after=True)
    # The first need page of a session may wait for the matching index to be built (issue 15 moves that out).
    expect(sme.page.locator("h1")).to_contain_text(title, timeout=120_000)


def apply_for_project(sme: Journey) -> int:
    """From the need's page to the apply form; a refused split first (it names the limit), then a good one."""
    sme.follow(sme.page.locator("#apply-for-co-investment"), "apply-form")
    form = sme.page.locator("main form")
    solution = form.locator("select[name=solution_id]")
    fitting = sme.say("우리 회사 수요에 맞는 솔루션", "Fit your need")
    expect(solution.locator(f"optgroup[label='{fitting}'] option:checked")).to_have_count(1)  # the best fit, chosen
    expect(form.locator("select[name=tier]")).to_have_value("basic")  # the need's tier
    cost = int(form.locator("input[name=cost_krw]").input_value())
    assert cost > 0  # the need's budget within the solution's price range
    programmes = form.locator("select[name=programme_id]")
    programmes.select_option(programmes.locator("option", has_text=SAMSUNG_PROGRAMME).first.get_attribute("value"))
    # Type 2 funds projects of at most ₩20,000,000: the refusal says so, with the amounts.
    form.locator("select[name=government_programme_id]").select_option(value="2")
    form.locator("button[name=apply]").click()
    refusal = sme.page.locator("main .invalid-feedback, main .alert-danger").first
    expect(refusal).to_contain_text(krw(20_000_000))
    expect(refusal).to_contain_text(krw(cost))
    sme.page.locator("main form select[name=government_programme_id]").select_option(value="1")  # type 1
    sme.page.locator("main form button[name=apply]").click()
    expect(sme.page.locator("h1 .project-status")).to_have_text(sme.say("신청", "Applied"))
    match = re.search(r"/projects/(\d+)$", sme.page.url)
    assert match, sme.page.url
    return int(match.group(1))


def confirm_move(person: Journey, title: str, button: str, page_name: str, consequence: str | None = None) -> None:
    """Open the project from the person's notifications, press the move, read the confirmation page, confirm."""
    person.goto("/notifications/")
    person.page.locator("main .list-group :is(a, button)", has_text=title).first.click()
    person.page.get_by_role("button", name=re.compile(re.escape(button))).click()
    expect(person.page.locator("#move-consequence")).to_be_visible()
    if consequence:
        expect(person.page.locator("#move-consequence")).to_contain_text(consequence)
    person.check(page_name)
    person.page.locator("#confirm-move").click()
    expect(person.flash().first).to_be_visible()


def sme_is_told(sme: Journey, title: str, before: int, status: str) -> int:
    """The SME's badge has gone up, and its list says what happened to the project."""
    sme.goto("/dashboard")
    now = unread(sme)
    assert now > before, f"badge {before} → {now}"
    sme.page.locator("nav.navbar a[href$='/notifications/']").first.click()
    told = sme.page.locator("main .list-group :is(a, button)", has_text=title).first
    expect(told).to_contain_text(status)
    return unread(sme)


def test_apply_select_agree_and_pay_the_share(journey):
    title = f"사출 MES 구축 {journey.lang}-{uuid.uuid4().hex[:6]}"
    sme = journey
    sme.log_in(SME)
    post_need(sme, title)
    sme.check("need-page")
    project_id = apply_for_project(sme)
    sme.check("project-applied")
    expect(sme.page.locator("#project-events")).to_contain_text(sme.say("대성정밀(주)가 신청함", "applied"))
    badge = unread(sme)

    sponsor = journey.another()
    sponsor.log_in(SPONSOR)
    confirm_move(sponsor, title, sponsor.say("과제 선정", "Select the project"), "confirm-select")
    selected = sponsor.say("삼성전자(주)가 선정함", "selected the project")
    expect(sponsor.page.locator("#project-events")).to_contain_text(selected)
    badge = sme_is_told(sme, title, badge, sme.say("대기업 선정", "Selected by the sponsor"))
    sme.check("notifications")

    officer = journey.another()
    officer.log_in(OFFICER)
    agree = officer.say("정부 지원금 승인", "Approve the government share")
    confirm_move(officer, title, agree, "confirm-agree", consequence=officer.say("정부 예산에서", "is committed from"))
    agreed = officer.say("협약 (자금 약정)", "Agreed: money committed")
    expect(officer.page.locator("h1 .project-status")).to_have_text(agreed)
    sme_is_told(sme, title, badge, agreed)

    sme.goto(f"/projects/{project_id}")
    share = sme.page.locator("#project-split tbody tr").nth(2).locator("td").nth(1).inner_text()
    sme.follow(sme.page.locator("#pay-share"), "pay")
    form = sme.page.locator("main form")
    expect(form.locator("input[name=amount_krw]")).to_have_value(share.replace("₩", "").replace(",", ""))
    form.locator("input[name=card_number]").fill(GOOD)
    form.locator("input[name=exp_month]").fill("12")
    form.locator("input[name=exp_year]").fill("2031")
    form.locator("input[name=cvc]").fill("123")
    form.locator("button[name=pay]").click()  # not yet confirmed: nothing is charged, the box asks to be ticked
    expect(sme.page.locator("main form .invalid-feedback")).to_contain_text(
        sme.say("결제하려면 확인란에 표시하세요.", "Tick the box to confirm the payment.")
    )
    sme.page.locator("main form input[name=card_number]").fill(GOOD)
    sme.page.locator("main form input[name=cvc]").fill("123")
    sme.page.locator("main form input[name=confirm]").check()
    sme.page.locator("main form button[name=pay]").click()

    # The receipt waits for Stripe's webhook and refreshes itself until the payment is confirmed.
    expect(sme.page.locator("h1 .payment-status")).to_have_attribute("data-status", "succeeded", timeout=30_000)
    expect(sme.page.locator("#payment-receipt [data-field=net]")).to_have_text(share)
    expect(sme.page.locator("#payment-waiting")).to_have_count(0)
    sme.check("receipt")
    sme.page.locator(f"#payment-receipt a[href$='/projects/{project_id}']").click()
    payments = sme.page.locator("#project-payments")
    expect(payments.locator("[data-field=paid]")).to_have_text(share)
    expect(payments.locator(".payment-status")).to_have_text(sme.say("납부 완료", "Paid"))
    expect(sme.page.locator("#pay-share")).to_have_count(0)  # nothing left to pay
    sme.check("project-paid")
    sme.page.locator("#project-payments a[href^='/payments/']").first.click()  # its receipt, from the project
    sme.goto("/payments/", check="payments")
    expect(sme.page.locator(".payments-table tbody tr").first).to_contain_text(share)
    officer.goto("/projects/", check="officer-projects")  # every project, as an officer sees them
    expect(officer.page.locator("#projects")).to_contain_text(title)
