"""Journey: saved searches and their alerts. A supplier searches the needs for a word, saves the search, finds it
on the saved-searches page and renames it; an SME, in a browser of its own, posts a need with that word; the job
worker alerts the supplier, whose notifications show it; the supplier opens the need from the alert, then deletes
the saved search. In Korean and English; every page checked at 1400 and 390 px."""

from __future__ import annotations

import time
import uuid

from playwright.sync_api import Locator, expect

from tests.browser.journey import Journey

SUPPLIER, SME = "supplier@sangsaeng-demo.kr", "sme@sangsaeng-demo.kr"
ALERT_TIMEOUT = 150  # the worker refreshes after the save; on a loaded host that can take a while
DESCRIPTION = "사출기 불량을 실시간으로 보고 싶어요. 금형 온도와 불량률을 같이 보고 싶습니다."


def test_a_saved_search_alerts_a_new_fitting_need(journey: Journey) -> None:
    word = f"알림{journey.lang}{uuid.uuid4().hex[:6]}"
    supplier = journey
    supplier.log_in(SUPPLIER)
    supplier.search_from_menu(("수요", "Needs"), word)
    supplier.check("needs-searched")
    form = supplier.page.locator("#save-search")
    form.locator("input[name=name]").fill(f"{word} 수요")
    supplier.follow(form.get_by_role("button", name=supplier.say("이 검색 저장", "Save this search")), "saved-searches")
    expect(supplier.flash().first).to_contain_text(supplier.say("저장했습니다", "is saved"))
    saved = supplier.page.locator("#saved-searches article", has_text=f"{word} 수요")
    expect(saved).to_have_count(1)
    expect(saved).to_contain_text(supplier.say("알림 켬", "alerts on"))

    name = f"{word} 사출"  # renamed: the alert names the search as it is called now
    saved.locator("input[name$='-name']").fill(name)
    supplier.follow(saved.get_by_role("button", name=supplier.say("변경 저장", "Save changes")), "saved-search-renamed")
    saved = supplier.page.locator("#saved-searches article", has_text=name)
    expect(saved).to_have_count(1)

    title = f"{word} 사출 라인 불량 추적"
    sme = journey.another()
    sme.log_in(SME)
    post_need(sme, title)

    told = wait_for_alert(supplier, name)
    expect(told).to_contain_text(title)
    supplier.check("notifications-with-alert")
    supplier.follow(told.get_by_role("button"), "need-from-alert")
    expect(supplier.page.locator("h1")).to_contain_text(title)

    supplier.page.locator("#account-menu").click()
    menu_link = supplier.page.get_by_role("link", name=supplier.say("저장한 검색", "Saved searches"))
    supplier.follow(menu_link, "saved-again")
    saved = supplier.page.locator("#saved-searches article", has_text=name)
    saved.get_by_role("button", name=supplier.say("삭제", "Delete")).click()
    expect(supplier.flash().first).to_contain_text(supplier.say("삭제했습니다", "is deleted"))
    expect(supplier.page.locator("#saved-searches article", has_text=name)).to_have_count(0)
    supplier.check("saved-search-deleted")


def post_need(sme: Journey, title: str) -> None:
    sme.goto("/needs/new", check="need-form")
    form = sme.page.locator("main form")
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=description]").fill(DESCRIPTION)
    form.locator("select[name=category]").select_option("mes")
    form.locator("select[name=funding_tier]").select_option("basic")
    form.locator("input[name=budget_krw]").fill("80000000")
    form.locator("button[name=publish]").click(no_wait_after=True)
    expect(sme.page.locator("h1")).to_contain_text(title, timeout=120_000)


def wait_for_alert(person: Journey, search_name: str) -> Locator:
    """The person's notifications, read again until the saved search's alert is there (the worker sends it)."""
    deadline = time.monotonic() + ALERT_TIMEOUT
    told = person.page.locator("#notifications form", has_text=search_name)
    while True:
        person.goto("/notifications/")
        if told.count() or time.monotonic() > deadline:
            break
        time.sleep(2)
    expect(told).to_have_count(1)
    expect(told).to_contain_text(person.say("저장한 검색", "saved search"))
    return told
