"""Journey e: a visitor searches the browse pages in Korean, with a typo and in English, filters them and
pages through the results (needs, solutions, sponsor programmes, mentors) on the demo world.

Other journeys add listings to the same site while this runs, so the assertions name what the demo world
holds for sure (titles found, every shown card fitting the filter), never an exact total.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.browser.journey import Journey

RESULTS = re.compile(r"(\d[\d,]*)")


def test_search_filter_and_page_through_needs(journey: Journey) -> None:
    page = journey.page
    open_browse_page(journey, ("수요", "Needs"), "/needs/")
    journey.check("needs-browse")
    assert search_button(journey).inner_text().strip() == journey.say("검색", "Search")

    search(journey, "사출")  # Korean, written with or without the space: 사출성형, 사출 성형
    expect(titles(page)).to_contain_text(["사출성형 MES 도입 (사출기 24대)"])
    for card in page.locator("main article").all():
        assert "사출" in card.inner_text().replace(" ", ""), card.inner_text()

    search(journey, "사출성헝")  # a typo: no need says 성헝, the title is matched by its spelling
    # 사출성형 or 사출 성형: both compact alike and score alike (another journey's need may be newer and first).
    expect(titles(page).first).to_contain_text(re.compile(r"사출\s*성형"))

    search(journey, "vision")  # English finds Korean needs through their category's English name
    expect(titles(page)).to_contain_text(["Inline vision inspection of welds on body sub-assemblies"])
    expect(titles(page)).to_contain_text(["사출품 외관 불량 비전검사기 도입 (2개 라인)"])

    clear_and_filter(journey, {"#f-category": "vision_quality", "#f-region": "gyeonggi"})
    category = journey.say("비전검사·품질관리", "Vision inspection / quality")
    region = journey.say("경기도", "Gyeonggi")
    cards = page.locator("main article")
    expect(cards.first).to_be_visible()
    for card in cards.all():
        expect(card).to_contain_text(category)
        expect(card).to_contain_text(region)

    page.get_by_role("link", name=journey.say("필터 초기화", "Clear filters")).click()
    page.select_option("#f-sort", "start")
    search_button(journey).click()
    page_through(journey, "#f-sort", "start")
    a_missing_need_leads_back_to_the_needs(journey)


def test_search_filter_and_page_through_solutions(journey: Journey) -> None:
    page = journey.page
    open_browse_page(journey, ("솔루션", "Solutions"), "/solutions/")
    journey.check("solutions-browse")
    search(journey, "비전검사")
    expect(titles(page)).to_contain_text(["사출·프레스 부품 외관 비전검사기 (VI-Eye 300)"])
    search(journey, "energy")
    expect(titles(page)).to_contain_text(["FEMS 에너지 모니터링 (도금·열처리)"])
    clear_and_filter(journey, {"#f-category": "robots"})
    label = journey.say("로봇·협동로봇", "Robots and cobots")
    expect(titles(page)).to_contain_text(["용접용 협동로봇 셀 (Cobot Weld)"])
    for card in page.locator("main article").all():
        expect(card).to_contain_text(label)
    page.get_by_role("link", name=journey.say("필터 초기화", "Clear filters")).click()
    page_through(journey)


def test_search_and_filter_programmes_and_mentors(journey: Journey) -> None:
    page = journey.page
    open_browse_page(journey, ("지원사업", "Programmes"), "/programmes/")
    journey.check("programmes-browse")
    search(journey, "에너지효율")
    expect(titles(page)).to_contain_text(["한전 에너지효율 상생형 스마트공장 2027"])
    clear_and_filter(journey, {"#f-status": "closed"})
    expect(titles(page)).to_contain_text(["한전 에너지효율 상생형 스마트공장 2026"])
    for badge in page.locator("main article .badge").all():
        expect(badge).to_have_text(journey.say("마감", "Closed"))

    journey.log_in("sme2@sangsaeng-demo.kr")  # mentors are listed to members
    open_browse_page(journey, ("멘토", "Mentors"), "/mentors/")
    journey.check("mentors-browse")
    search(journey, "용접")
    expect(page.locator("main article").first).to_contain_text("용접")
    expect(page.locator("main article")).to_contain_text(["압력용기·발전설비 용접 32년 — 전 두산중공업 용접기술"])
    search(journey, "vision")  # English: a specialty's English name
    expect(page.locator("main article")).to_contain_text(["전자부품·광학 비전검사 23년 — 전 삼성전기"])
    clear_and_filter(journey, {"#f-specialty": "fems"})
    for card in page.locator("main article").all():
        expect(card).to_contain_text(journey.say("FEMS·에너지관리", "FEMS / energy management"))
    page.get_by_role("link", name=journey.say("필터 초기화", "Clear filters")).click()
    page.select_option("#f-per-page", "10")
    search_button(journey).click()
    page_through(journey, "#f-per-page", "10")


def a_missing_need_leads_back_to_the_needs(journey: Journey) -> None:
    """An old or mistyped link: the page says it was not found and offers the browse pages."""
    page = journey.page
    response = page.goto("/needs/987654321")
    assert response is not None
    assert response.status == 404
    # Chromium logs the 404 of the page itself as a console error: expected here, so not a fault.
    journey.checks.errors[:] = [e for e in journey.checks.errors if "status of 404" not in e]
    expect(page.locator("h1")).to_have_text(journey.say("페이지를 찾을 수 없음", "Page not found"))
    journey.check("not-found")
    page.locator("main").get_by_role("link", name=journey.say("수요", "Needs"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/needs/$"))


def open_browse_page(journey: Journey, menu: tuple[str, str], path: str) -> None:
    """Through the top bar, as a visitor would (the entry may sit under More in a narrow bar)."""
    journey.goto("/")
    journey.page.locator("nav.navbar").get_by_role("link", name=journey.say(*menu), exact=True).click()
    expect(journey.page).to_have_url(re.compile(re.escape(path) + "$"))


def search_button(journey: Journey) -> Locator:
    return journey.page.locator("main form[role=search]").get_by_role("button", name=journey.say("검색", "Search"))


def search(journey: Journey, words: str) -> None:
    page = journey.page
    page.fill("#f-q", words)
    search_button(journey).click()
    expect(page.locator("#f-q")).to_have_value(words)
    assert result_count(page) > 0, f"nothing found for {words!r}"


def clear_and_filter(journey: Journey, choices: dict[str, str]) -> None:
    page = journey.page
    page.get_by_role("link", name=journey.say("필터 초기화", "Clear filters")).click()
    expect(page.locator("#f-q")).to_have_value("")
    for select, value in choices.items():
        page.select_option(select, value)
    search_button(journey).click()
    for select, value in choices.items():
        expect(page.locator(select)).to_have_value(value)
    assert result_count(page) > 0, f"nothing found for {choices}"


def page_through(journey: Journey, kept: str | None = None, value: str = "") -> None:
    """Next page: other listings, the page number said, the chosen filter kept; Previous comes back."""
    page = journey.page
    first_page = titles(page).all_inner_texts()
    pages = page.get_by_role("navigation", name=journey.say("페이지 이동", "Pages"))
    pages.get_by_role("link", name=journey.say("다음", "Next")).click()
    expect(page.locator("main [role=status]")).to_contain_text(journey.words("2 / ", "page 2 of"))
    second_page = titles(page).all_inner_texts()
    assert second_page, "the second page is empty"
    assert not set(first_page) & set(second_page), "the second page repeats the first"
    if kept:
        expect(page.locator(kept)).to_have_value(value)
    pages.get_by_role("link", name=journey.say("이전", "Previous")).click()
    expect(titles(page).first).to_have_text(first_page[0])


def titles(page) -> Locator:
    return page.locator("main article h2 a")


def result_count(page) -> int:
    found = RESULTS.search(page.locator("main [role=status]").inner_text())
    assert found, "no result count shown"
    return int(found.group(1).replace(",", ""))
