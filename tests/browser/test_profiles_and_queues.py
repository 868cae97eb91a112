"""Journeys of profiles and work queues, in Korean and English (each page checked at 1400, 1280 and 390 px):

- a new supplier fills its public profile by following the dashboard's hint, step by step, and the hint
  advances until the profile is complete; the organisation's page then shows it;
- an SME choosing a mentor sees the SMEs' rating and comments in the list and on the mentor's page;
- each demo role's dashboard begins with its work queue, the counts are right (counted here on their own,
  as other journeys of the same run change the demo world), and an item leads to the thing to do.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import func, select

from funds.models import PaymentPurpose, Project, ProjectStatus
from funds.payments.services import due
from marketplace.auth.models import User
from marketplace.organisations.models import Organisation
from mentors.log_dates import log_due
from mentors.models import Engagement, EngagementLog, EngagementStatus, MentorProfile
from tests.browser.journey import Journey
from tests.browser.people import confirm_sign_up
from tests.browser.test_sme_need_matches import Company, fill_registration

RATED_MENTOR = "박상철"  # the demo world's mentor03: one completed engagement, rated 4 with a comment
RATED_COMMENT = "윤활 관리부터 짚어 준 것이 가장 효과가 컸습니다."


def progress(journey: Journey, done: int, total: int) -> str:
    return journey.say(f"{total}단계 중 {done}단계 완료", f"{done} of {total} done")


def register_supplier(journey: Journey) -> Company:
    company, page = Company(journey.lang), journey.page
    journey.goto("/account/register")
    journey.use_language()
    fill_registration(journey, company, "supplier", ("29", "gyeongnam", "changwon"))
    journey.submit(page.locator("main form").first)
    confirm_sign_up(journey, company.email, "김대표")
    journey.use_language()
    expect(page.locator("#profile-hint")).to_be_visible()
    return company


def follow_hint(journey: Journey, step: str, done: int) -> None:
    hint = journey.page.locator("#profile-hint")
    expect(hint.locator(".profile-progress")).to_have_text(progress(journey, done, 5))
    link = hint.locator(f"a[data-step={step}]")
    journey.follow(link, f"profile-step-{step}")
    expect(journey.page.locator("h1")).to_contain_text(journey.say("공개 프로필", "Public profile"))


def save_profile(journey: Journey) -> None:
    journey.page.locator("#profile-form").get_by_role("button", name=journey.say("저장", "Save")).click()
    journey.page.wait_for_load_state()


def test_a_supplier_fills_its_profile_following_the_hint(journey: Journey) -> None:
    company = register_supplier(journey)
    page = journey.page
    # The dashboard starts with the queue: nothing waits for a new supplier, and it says so plainly.
    expect(page.locator("main section").first).to_have_id("work-queue")
    expect(page.locator("#queue-empty")).to_have_text(journey.say("지금 할 일이 없습니다.", "Nothing to do now."))
    expect(page.locator("#profile-hint")).to_contain_text(journey.say("회사 소개를 쓰세요", "Add a description"))
    journey.check("dashboard-new-supplier")

    follow_hint(journey, "description", 0)
    page.fill("#description", "자동차 부품용 비전 검사 장비와 불량 판정 소프트웨어를 만듭니다.")
    save_profile(journey)
    expect(page).to_have_url(re.compile(r"/dashboard#profile-hint$"))
    follow_hint(journey, "products", 1)
    page.fill("#products", "비전 검사기 VC-200\nAI 불량 판정 SW")
    save_profile(journey)
    follow_hint(journey, "certifications", 2)
    page.select_option("#certifications-0-code", "iatf16949")
    page.fill("#certifications-0-number", "IATF-0412345")
    page.fill("#certifications-0-expires_on", "2027-06-30")
    save_profile(journey)
    follow_hint(journey, "reference_projects", 3)
    page.fill("#reference_projects-0-title", "용접 비드 검사 자동화")
    page.fill("#reference_projects-0-customer", "창원 A정밀")
    page.fill("#reference_projects-0-year", "2024")
    save_profile(journey)
    follow_hint(journey, "website", 4)
    page.fill("#website", "javascript:alert(1)")
    save_profile(journey)
    expect(page.locator("#website")).to_have_class(re.compile("is-invalid"))
    expect(page.locator("#profile-form .invalid-feedback").first).to_contain_text("https://www.example.co.kr")
    journey.check("profile-bad-website")
    page.fill("#website", "www.vision-check.co.kr")
    save_profile(journey)
    expect(page.locator("#profile-hint")).to_have_count(0)  # complete: no more hint

    # What SMEs and sponsors read on the organisation's page.
    with journey.live.session() as session:
        organisation_id = session.scalar(select(Organisation.id).where(Organisation.name == company.name))
    journey.goto(f"/organisations/{organisation_id}")
    expect(page.locator("h1")).to_contain_text(company.shown_name(journey.lang))
    website = page.locator("#org-website")
    expect(website).to_have_attribute("rel", "noopener nofollow")
    expect(website).to_have_attribute("href", "https://www.vision-check.co.kr")
    expect(page.locator("#org-certifications")).to_contain_text("IATF 16949")
    expect(page.locator("#org-certifications")).to_contain_text("IATF-0412345")
    expect(page.locator("#org-references")).to_contain_text("창원 A정밀")
    journey.check("organisation-public-profile")


def test_an_sme_choosing_a_mentor_sees_the_rating_and_comments(journey: Journey) -> None:
    journey.log_in("sme@sangsaeng-demo.kr")
    page = journey.page
    page.locator("nav.navbar").get_by_role("link", name=journey.say("멘토", "Mentors"), exact=True).click()
    search = page.locator("form[role=search]")
    search.locator("input[name=q]").fill(RATED_MENTOR)
    search.get_by_role("button", name=journey.say("검색", "Search")).click()
    card = page.locator("article", has_text=RATED_MENTOR).first
    expect(card.locator(".mentor-record")).to_contain_text(journey.say("5점 만점에 4.0점", "4.0 of 5"))
    expect(card.locator(".mentor-record")).to_contain_text(journey.say("완료한 멘토링 1건", "1 completed engagement"))
    journey.check("mentors-with-ratings")
    journey.follow(card.get_by_role("link", name=RATED_MENTOR), "mentor-with-ratings")
    record = page.locator("#mentor-record")
    expect(record).to_contain_text(journey.say("5점 만점에 4.0점", "4.0 of 5"))
    expect(record.locator("#rating-comments")).to_contain_text(RATED_COMMENT)


def _count(journey: Journey, statement) -> int:
    with journey.live.session() as session:
        return int(session.scalar(statement) or 0)


def _projects(status: ProjectStatus, **party: int) -> object:
    conditions = [getattr(Project, column) == value for column, value in party.items()]
    return select(func.count(Project.id)).where(Project.status == status, *conditions)


def expected_counts(journey: Journey, email: str) -> dict[str, int]:
    """What each item of this demo person's queue should count now, counted here without the queue's SQL."""
    with journey.live.session() as session:
        user = session.scalar(select(User).where(User.email == email))
        assert user is not None
        org, role = user.organisation_id, user.role.value
        if role == "sme":
            committed = session.scalars(select(Project).where(Project.sme_organisation_id == org))
            shares = sum(
                1
                for project in committed
                if project.status.value in ("agreed", "designing", "building", "inspected", "completed")
                and due(session, PaymentPurpose.SME_SHARE, project).payable_krw > 0
            )
            unconfirmed = select(func.count(EngagementLog.id)).join(Engagement)
            logs = session.scalar(
                unconfirmed.where(Engagement.organisation_id == org, EngagementLog.confirmed_at.is_(None))
            )
            return {"payments_due": shares, "logs_to_confirm": int(logs or 0)}
        if role == "mentor":
            mine = select(Engagement).join(MentorProfile).where(MentorProfile.user_id == user.id)
            active = session.scalars(mine.where(Engagement.status == EngagementStatus.ACTIVE))
            return {"logs_due": sum(1 for engagement in active if log_due(engagement))}
    if role == "sponsor":
        applied = _projects(ProjectStatus.APPLIED, sponsor_organisation_id=org)
        return {"applications_to_review": _count(journey, applied)}
    if role == "supplier":
        agreed = _projects(ProjectStatus.AGREED, supplier_organisation_id=org)
        return {"projects_to_start": _count(journey, agreed)}
    return {
        "agreements_to_approve": _count(journey, _projects(ProjectStatus.SELECTED)),
        "inspections_to_do": _count(journey, _projects(ProjectStatus.BUILDING)),
    }


# Where a waiting item leads: one thing (its page, and what to do there) or the list of them.
ONE = {
    "applications_to_review": (r"/projects/\d+$", "#project-actions button"),
    "agreements_to_approve": (r"/projects/\d+$", "#project-actions button"),
    "inspections_to_do": (r"/projects/\d+$", "#project-actions button"),
    "projects_to_start": (r"/projects/\d+$", "#project-actions button"),
    "payments_due": (r"/projects/\d+#pay-share$", "#pay-share"),
    "logs_due": (r"/mentors/engagements/\d+#log-form$", "#log-form"),
    "logs_to_confirm": (r"/mentors/engagements/\d+#logs$", "#logs"),
}


def test_each_dashboard_begins_with_its_queue_and_its_items_lead_to_the_work(journey: Journey) -> None:
    people = [
        "sponsor@sangsaeng-demo.kr",
        "officer@sangsaeng-demo.kr",
        "supplier05@sangsaeng-demo.kr",
        "mentor@sangsaeng-demo.kr",
        "sme@sangsaeng-demo.kr",
    ]
    for number, email in enumerate(people):
        person = journey if number == 0 else journey.another()
        person.log_in(email)
        page = person.goto("/dashboard")
        expect(page.locator("main section").first).to_have_id("work-queue")
        expected = expected_counts(person, email)
        waiting = {name: count for name, count in expected.items() if count}
        items = page.locator("#work-queue .queue-item")
        expect(items).to_have_count(len(waiting))
        for name, count in waiting.items():
            item = page.locator(f".queue-item[data-item={name}]")
            expect(item).to_have_attribute("data-count", str(count))
            expect(item.locator("a")).to_contain_text(str(count))
        if not waiting:
            expect(page.locator("#queue-empty")).to_be_visible()
            continue
        person.check(f"queue-{email.split('@')[0]}")
        name, count = next(iter(waiting.items()))
        person.follow(page.locator(f".queue-item[data-item={name}] a"), f"queue-{name}")
        if count == 1:
            path, action = ONE[name]
            expect(page).to_have_url(re.compile(path))
            expect(page.locator(action).first).to_be_visible()
        elif name.startswith("logs_"):
            expect(page).to_have_url(re.compile(r"/dashboard#"))
        else:
            expect(page.locator("#projects tbody tr")).to_have_count(count)
