"""Journey c: an SME proposes a mentor; the mentor accepts, starts and writes a monthly log; the SME confirms it.

A fresh mentor signs up for every run (capacity 2: the two engagements here fill it), an officer verifies
them, and the demo SME `sme@` proposes two engagements: one planned today, which runs the whole way, and
one planned next month, which the mentor accepts but cannot start yet (the page says from when). Starting
on or after a later date and logging then is held by tests/mentors/test_planned_start.py, which moves the
clock through the services' `today`.
"""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date
from playwright.sync_api import expect

from marketplace import clock
from marketplace.dates import add_months
from tests.browser.journey import Journey
from tests.browser.people import badge, register_mentor, unique, write_mentor_profile

SME = "sme@sangsaeng-demo.kr"
OFFICER = "officer@sangsaeng-demo.kr"


def test_a_mentor_is_proposed_accepted_started_and_logs_a_month(journey: Journey) -> None:
    today = clock.today()
    next_month = add_months(today, 1)
    mentor_name = unique("Mentor", journey)
    mentor = journey
    register_mentor(mentor, mentor_name)
    mentor.check("register")
    write_mentor_profile(mentor, available_from=today)
    mentor.check("mentor-profile")

    officer = journey.another()
    officer.log_in(OFFICER)
    verify_mentor(officer, mentor_name)

    sme = journey.another()
    sme.log_in(SME)
    find_mentor(sme, mentor_name)
    company = propose(sme, need_index=0, start=today)
    expect(sme.page.locator("#next-step")).to_contain_text(sme.say("멘토의 수락", "the mentor to accept"))
    sme.check("engagement-proposed")
    find_mentor(sme, mentor_name)
    propose(sme, need_index=1, start=next_month)

    # The mentor's dashboard names the SME being coached, not the mentor, and says what to do next.
    mentor.page.goto("/dashboard")
    proposals = mentor.page.locator("#mentor-proposals")
    expect(proposals.locator("tbody tr")).to_have_count(2)
    expect(proposals).to_contain_text(company)
    expect(proposals).not_to_contain_text(mentor_name)
    expect(proposals).to_contain_text(mentor.say("수락하거나 거절", "accept or decline"))
    mentor.check("mentor-dashboard")

    # The engagement planned for today: accept, start, write this month's log.
    planned_today = proposals.locator("tbody tr", has_text=format_date(today, locale=mentor.lang))
    planned_today.get_by_role("link").click()
    act(mentor, mentor.say("수락", "Accept"), status=mentor.say("수락됨", "Accepted"))
    expect(mentor.page.locator("#next-step")).to_contain_text(mentor.say("멘토링 시작", "Start the engagement"))
    act(mentor, mentor.say("멘토링 시작", "Start the engagement"), status=mentor.say("활성", "Active"))
    write_log(mentor, today)
    mentor.check("engagement-active")

    # The engagement planned for next month: accepted, but no start before its date, and the page says when.
    mentor.page.goto("/dashboard")
    later_row = mentor.page.locator("#mentor-proposals tbody tr", has_text=format_date(next_month, locale=mentor.lang))
    later_row.get_by_role("link").click()
    act(mentor, mentor.say("수락", "Accept"), status=mentor.say("수락됨", "Accepted"))
    expect(mentor.page.get_by_role("button", name=mentor.say("멘토링 시작", "Start the engagement"))).to_have_count(0)
    expect(mentor.page.locator("#next-step")).to_contain_text(format_date(next_month, locale=mentor.lang))

    # The SME is told of the log, follows the notification (which is then read), and confirms the log.
    confirm_from_notification(sme, mentor_name)


def verify_mentor(officer: Journey, name: str) -> None:
    page = officer.page
    officer.search_from_menu(("멘토", "Mentors"), name, verified="no")
    page.get_by_role("link", name=name).click()
    page.get_by_role("button", name=officer.say("이 멘토 검증하기", "Verify this mentor")).click()
    expect(officer.flash().first).to_contain_text(officer.say("멘토를 검증했습니다", "The mentor is verified"))


def find_mentor(sme: Journey, name: str) -> None:
    sme.search_from_menu(("멘토", "Mentors"), name)
    sme.page.get_by_role("link", name=name).click()


def propose(sme: Journey, need_index: int, start: date) -> str:
    """Propose from the mentor's page; returns the SME's name as its engagement page shows it."""
    form = sme.page.locator("#propose form")
    form.locator("select[name=need_id]").select_option(index=need_index)
    form.locator("input[name=start_date]").fill(start.isoformat())
    form.locator("input[name=months]").fill("3")
    form.locator("textarea[name=message]").fill("사출 불량률을 낮추고 싶습니다. 월 1회 방문 부탁드립니다.")
    sme.submit(form)
    expect(sme.flash().first).to_contain_text(sme.say("멘토에게 제안을 보냈습니다", "Your proposal is sent"))
    sme_label = sme.say("중소기업", "SME")
    return sme.page.locator(f"dt:text-is('{sme_label}') + dd").inner_text().strip()


def act(person: Journey, button: str, status: str) -> None:
    person.page.get_by_role("button", name=button, exact=True).click()
    expect(person.flash().first).to_contain_text(status)
    expect(person.page.locator("h1 .badge")).to_have_text(status)


def write_log(mentor: Journey, today: date) -> None:
    form = mentor.page.locator("#log-form form")
    expect(form.locator("input[name=log_date]")).to_have_value(today.isoformat())  # today's visit, prefilled
    form.locator("input[name=hours]").fill("8")
    form.locator("textarea[name=topics]").fill("사출기 3호기 미성형 불량 원인 분석")
    form.locator("textarea[name=advice]").fill("금형 온도를 5도 올리고 보압 시간을 늘리도록 권고")
    form.locator("textarea[name=next_steps]").fill("다음 방문 때 불량률 데이터 확인")
    mentor.submit(form)
    expect(mentor.flash().first).to_contain_text(mentor.say("일지를 저장했습니다", "Your log is saved"))
    expect(mentor.page.locator("article.card")).to_contain_text(mentor.say("확인 대기", "Awaiting confirmation"))
    expect(mentor.page.locator("#next-step")).to_contain_text(
        mentor.say("이번 달 일지를 썼습니다", "This month's log is written")
    )


def confirm_from_notification(sme: Journey, mentor_name: str) -> None:
    page = sme.page
    page.get_by_role("link", name=re.compile(sme.say("^알림", "^Notifications"))).first.click()
    before = badge(sme, "notification-unread")
    told = page.locator("#notifications form", has_text=mentor_name).filter(
        has_text=sme.say("확인해 주세요", "confirm it")
    )
    expect(told).to_have_count(1)
    expect(told).to_contain_text(sme.say("새 알림", "New"))
    sme.check("notifications")
    told.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/mentors/engagements/\d+$"))
    assert badge(sme, "notification-unread") == before - 1
    expect(page.locator("#next-step")).to_contain_text(sme.say("일지를 읽고 확인", "confirm it"))
    page.get_by_role("button", name=sme.say("확인", "Confirm"), exact=True).click()
    expect(sme.flash().first).to_contain_text(sme.say("일지를 확인했습니다", "The log is confirmed"))
    expect(page.locator("article.card")).to_contain_text(sme.say("기업 확인 완료", "Confirmed by the SME"))
    expect(page.locator("#next-step")).to_contain_text(sme.say("멘토의 월간 일지를 기다리", "Waiting for the mentor"))
