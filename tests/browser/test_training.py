"""Journey: the complex operator publishes a course; an SME enrols a learner; the operator adds a seat; the
operator records attendance;
the SME downloads the learner's completion certificate (a PDF with the learner's name); the need page shows
courses that fit it."""

from __future__ import annotations

import uuid
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from marketplace import clock
from tests.browser.journey import Journey

OPERATOR = "operator@sangsaeng-demo.kr"
SME = "sme@sangsaeng-demo.kr"


def test_a_course_from_publishing_to_the_certificate(journey: Journey) -> None:
    tag = f"{journey.lang}-{uuid.uuid4().hex[:6]}"
    title = f"AI 불량 분석 실습 {tag}"
    learner = f"홍길동 {tag}"
    operator = journey
    operator.log_in(OPERATOR)
    operator.goto("/courses/", "courses-browse")
    expect(operator.page.locator("main")).to_contain_text("AI 데이터 분석 실무")  # the demo's courses
    operator.follow(operator.page.locator("#publish-course"), "course-new")
    form = operator.page.locator("main form")
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=description]").fill("사출 공정 데이터로 불량 원인을 찾는 AI 분석 실습")
    form.locator("select[name=topic]").select_option("ai")
    form.locator("select[name=level]").select_option("stage2")
    form.locator("select[name=audience]").select_option("staff")
    first = clock.today() + timedelta(days=10)
    form.locator("textarea[name=sessions]").fill(f"{first.isoformat()} 14:00-17:00")
    form.locator("input[name=place]").fill("경기도 안산시 단원구 산단로 325")
    form.locator("select[name=industrial_complex]").select_option("banwol")
    form.locator("input[name=capacity]").fill("1")
    operator.submit(form)
    expect(operator.flash().first).to_contain_text(operator.say("수강 신청을 받고", "open for enrolment"))
    expect(operator.page.locator("h1")).to_contain_text(title)
    operator.check("course-published")
    course_url = operator.page.url

    sme = operator.another()
    sme.log_in(SME)
    sme.goto(course_url, "course-to-enrol")
    enrol = sme.page.locator("#enrol-form")
    enrol.locator("input[name=learner_name]").fill(learner)
    enrol.locator("input[name=learner_role]").fill("생산기술팀 대리")
    sme.submit(enrol)
    expect(sme.flash().first).to_contain_text(learner)
    expect(sme.page.locator("#seats")).to_contain_text("1 / 1")
    sme.check("course-enrolled")

    # The course is full: the operator adds a seat (fewer than the seat taken would be refused).
    operator.goto(course_url)
    operator.follow(operator.page.locator("#edit-course"), "course-edit")
    edit = operator.page.locator("main form")
    edit.locator("input[name=capacity]").fill("2")
    operator.submit(edit)
    expect(operator.flash().first).to_contain_text(operator.say("교육 과정이 변경되었습니다", "The course is changed"))
    expect(operator.page.locator("#seats")).to_contain_text("1 / 2")

    operator.goto(course_url)
    operator.follow(operator.page.locator("#manage-enrolments"), "course-enrolments")
    attendance = operator.page.locator("#attendance-1")
    attendance.get_by_label(learner).check()
    operator.submit(attendance)
    expect(operator.flash().last).to_contain_text(learner)
    expect(operator.page.locator("main table")).to_contain_text(operator.say("수료", "Completed"))
    operator.check("course-attendance")

    sme.goto("/courses/mine", "my-courses")
    row = sme.page.locator("li", has_text=learner)
    with sme.page.expect_download() as waiting:
        row.get_by_role("link", name=sme.say("수료증(PDF)", "Certificate (PDF)")).click()
    download = waiting.value
    assert download.suggested_filename.endswith(".pdf")
    body = Path(download.path()).read_bytes()
    assert body.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(body)).pages)
    assert learner in text
    assert title in text


def test_a_need_page_shows_the_courses_that_fit_it(journey: Journey) -> None:
    sme = journey
    sme.log_in(SME)
    sme.goto("/courses/?complex=banwol", "courses-banwol")
    sme.goto("/needs/?complex=banwol")
    needs = sme.page.locator("main article a")
    expect(needs.first).to_be_visible()
    sme.follow(needs.first, "need-with-courses")
    section = sme.page.locator("#fitting-courses")
    if section.count():
        expect(section).to_contain_text(sme.say("이 수요에 맞는 교육 과정", "Training courses that fit this need"))
