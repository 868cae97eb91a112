"""Journey: a visitor opens the 반월·시화 smart industrial complex's page from the public statistics and reads its
figures and drawn charts, with no single firm's figure; an officer sees each firm's. Korean and English, phone and
desktop (the page checks look at 1400 and 390 px)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.journey import Journey


def test_a_visitor_reads_the_banwol_sihwa_page(journey: Journey) -> None:
    page = journey.page
    journey.goto("/")
    journey.follow(page.locator("nav.navbar").get_by_role("link", name=journey.say("통계", "Statistics")), "stats", 3)
    name = journey.say("반월·시화 스마트산단", "Banwol-Sihwa smart industrial complex")
    journey.follow(page.locator("#stats-complexes").get_by_role("link", name=name), "complex-public", charts=3)
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator("#complex-tenants-figures")).to_contain_text("10")
    expect(page.locator("#complex-money-figures")).to_contain_text(journey.words("억", "billion"))
    expect(page.locator("#complex-kpis tbody tr").first).to_contain_text("+")
    expect(page.locator("#complex-programmes")).to_contain_text(journey.say("3개 기업 미만", "fewer than 3 firms"))
    expect(page.locator("#complex-firms")).to_have_count(0)
    consulting = page.locator("#complex-consulting-figures")  # KEPCO's voucher to 반월도금: one firm, value hidden
    expect(consulting).to_contain_text(journey.say("3개 기업 미만", "fewer than 3 firms"))
    expect(consulting.locator(".figure-value").first).to_have_text("1")
    expect(page.locator("#complex-targets a").first).to_be_visible()
    expect(page.locator("#complex-courses tbody tr")).to_have_count(3)  # 한국산업단지공단's courses
    expect(page.locator("#complex-courses")).to_contain_text("AI 데이터 분석 실무")
    expect(page.locator("#complex-consortia")).to_contain_text("POSCO ICT")
    expect(page.locator("#complex-consortia")).to_contain_text("₩6,040,000,000")
    expect(page.locator("#complex-consortium-members")).to_have_count(0)  # each member's money: officers only


def test_an_officer_sees_each_firm(journey: Journey) -> None:
    page = journey.page
    journey.log_in("officer@sangsaeng-demo.kr")
    journey.goto("/stats/complexes/", "complexes-index")
    journey.follow(page.locator("#complexes a[href$='/banwol_sihwa']"), "complex-officer", charts=3)
    firms = page.locator("#complex-firms tbody tr")
    expect(firms).to_have_count(10)
    expect(page.locator("#complex-firms")).to_contain_text(journey.words("대성정밀", "Daesung Precision"))
    expect(page.locator(".hidden-figure")).to_have_count(0)
    expect(page.locator("#complex-consortium-members tbody tr")).to_have_count(7)
    expect(page.locator("#complex-consulting tbody tr")).to_have_count(1)
    expect(page.locator("#complex-consulting")).to_contain_text(journey.words("반월도금", "Banwol"))
