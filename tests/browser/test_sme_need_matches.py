"""Journey a: an SME registers with its business number, completes its profile, posts a Korean need and
reads its matches (solutions, sponsor programmes, mentors), each with reasons in its own language.

Run on the demo world (matches there) and on an empty site (no matches: the page says what to do next).
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from devtools.fake_stripe import FakeStripe
from marketplace.organisations.brn import complete_brn, format_brn
from tests.browser.conftest import open_journey
from tests.browser.journey import DEMO_PASSWORD, Journey
from tests.browser.people import agree_to_required_consents, confirm_sign_up
from tests.funds.paying import Live, live_app

MATCH_WAIT_SECONDS = 60  # the job worker reads a new need within seconds; a loaded host may take longer
HANGUL = re.compile(r"[가-힣]")
PROFILE_STEP = ("회사 정보를 완성", "Complete your organisation profile")
KINDS = ("solution", "programme", "mentor")


@pytest.fixture(scope="session")
def empty_site(database_url: str, fake_stripe: FakeStripe) -> Iterator[Live]:
    """The app served on a database of its own with no demo data: a site on its first day."""
    # No webhooks here: the fake Stripe keeps delivering to the demo site the payment journeys use.
    with live_app(database_url, fake_stripe, webhooks=False) as live:
        yield live


@pytest.fixture
def empty_journey(browser: Browser, empty_site: Live, lang: str, request: pytest.FixtureRequest) -> Iterator[Journey]:
    journey = open_journey(browser, empty_site, lang, f"{request.node.name}-empty", lambda: journey)
    yield journey
    journey.page.context.close()


def test_sme_registers_posts_a_korean_need_and_reads_its_matches(journey: Journey) -> None:
    company = register_sme(journey)
    complete_profile(journey, company)
    post_korean_need(journey, company)
    wait_for_matches(journey)
    # The job worker reads the new need within seconds; the page swaps in the sharper matches by itself.
    expect(journey.page.locator(".matches-waiting")).to_have_count(0, timeout=MATCH_WAIT_SECONDS * 1000)
    for kind in KINDS:
        assert_explained_matches(journey, kind)
    journey.check("need-matches")


def test_on_an_empty_site_a_new_need_says_what_to_do_next(empty_journey: Journey) -> None:
    journey = empty_journey
    company = register_sme(journey)
    post_korean_need(journey, company)
    page = journey.page
    expect(page.locator("#no-matches-yet")).to_have_text(journey.words("아직 맞는 항목이 없습니다", "No matches yet"))
    steps = page.locator("#need-next-steps")
    expect(steps.get_by_role("link", name=journey.words("수요 수정", "Edit the need"))).to_be_visible()
    expect(steps.get_by_role("link", name=journey.say("솔루션", "Solutions"), exact=True)).to_be_visible()
    expect(page.locator(".match")).to_have_count(0)
    journey.check("need-no-matches")


class Company:
    """The SME a journey registers: unique names and business number per run and language."""

    def __init__(self, lang: str) -> None:
        tag = uuid.uuid4().hex[:6]
        self.name = f"상생정밀 {lang}{tag}"
        self.name_en = f"Sangsaeng Precision {lang}{tag}"
        self.email = f"owner-{lang}-{tag}@example.kr"
        self.business_number = format_brn(complete_brn(f"{int(tag, 16) % 10**9:09d}"))
        self.need_title = f"사출 성형 불량 비전검사 도입 {tag}"

    def shown_name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name


def fill_registration(journey: Journey, company: Company, role: str, place: tuple[str, str, str]) -> None:
    """The registration form filled for the company: its role, industry (KSIC), region and complex ("" for none)."""
    page = journey.page
    page.select_option("#role", role)
    page.fill("#display_name", "김대표")
    page.fill("#email", company.email)
    page.fill("#password", DEMO_PASSWORD)
    page.fill("#confirm", DEMO_PASSWORD)
    page.fill("#name", company.name)
    page.fill("#name_en", company.name_en)
    page.fill("#business_number", company.business_number)
    page.select_option("#ksic_division", place[0])
    page.select_option("#region", place[1])
    page.select_option("#industrial_complex", place[2])
    agree_to_required_consents(journey)


def register_sme(journey: Journey) -> Company:
    """From the home page, through the top bar's Register link, to the dashboard with its next steps."""
    company, page = Company(journey.lang), journey.page
    journey.goto("/")
    journey.follow(page.locator("nav.navbar").get_by_role("link", name=journey.say("회원가입", "Register")), "register")
    fill_registration(journey, company, "sme", ("22", "gyeonggi", "banwol"))
    page.get_by_role("button", name=journey.say("회원가입", "Create account")).click()
    confirm_sign_up(journey, company.email, "김대표")
    expect(journey.flash().first).to_contain_text(journey.words("다음 단계", "next steps"))
    journey.use_language()
    steps = page.locator("#next-steps")
    expect(steps.locator("li")).to_have_count(3)
    expect(steps.get_by_role("link", name=journey.words(*PROFILE_STEP))).to_be_visible()
    # The organisation reads in the interface's language: its English name in English.
    expect(page.locator("main")).to_contain_text(company.shown_name(journey.lang))
    journey.check("dashboard-new-sme")
    return company


def complete_profile(journey: Journey, company: Company) -> None:
    page = journey.page
    journey.follow(
        page.locator("#next-steps").get_by_role("link", name=journey.words(*PROFILE_STEP)), "organisation-edit"
    )
    page.fill("#employees", "42")
    page.fill("#annual_revenue_krw", "8500000000")
    page.fill("#contact_phone", "031-492-1234")
    page.select_option("#smart_factory_level", "basic")
    page.get_by_role("button", name=journey.say("저장", "Save")).click()
    expect(journey.flash()).to_contain_text(journey.words("저장", "saved"))
    expect(page.locator("h1")).to_contain_text(company.shown_name(journey.lang))
    expect(page.locator("main dl")).to_contain_text("8,500,000,000")
    journey.check("organisation")
    page.locator("nav.navbar").get_by_role("link", name=journey.say("대시보드", "Dashboard")).click()
    expect(page.locator("#next-steps li[data-step=profile]")).to_have_class(re.compile("text-decoration-line-through"))


def post_korean_need(journey: Journey, company: Company) -> None:
    page = journey.page
    journey.follow(
        page.locator("#next-steps").get_by_role("link", name=journey.words("첫 수요", "Post your first need")),
        "need-form",
    )
    page.fill("#title", company.need_title)
    page.fill(
        "#description",
        "반월공단에서 자동차 부품을 사출 성형합니다. 외관 불량(미성형, 버, 기포)을 작업자가 육안으로 검사해 "
        "불량률이 3%입니다. 카메라 비전검사와 불량 데이터 수집으로 불량을 줄이고 싶습니다.",
    )
    page.select_option("#category", "vision_quality")
    page.select_option("#funding_tier", "basic")
    page.fill("#budget_krw", "60000000")
    page.get_by_role("button", name=journey.say("게시", "Publish")).click(no_wait_after=True)
    page.wait_for_url(re.compile(r"/needs/\d+$"), timeout=MATCH_WAIT_SECONDS * 1000)
    expect(journey.flash()).to_contain_text(journey.words("게시되었습니다", "need is published"))
    expect(page.locator("h1")).to_contain_text(company.need_title)
    expect(page.locator("#need-next-steps")).to_be_visible()


def wait_for_matches(journey: Journey) -> None:
    """Reload the need's page until its matches are listed (bounded)."""
    page, deadline = journey.page, time.monotonic() + MATCH_WAIT_SECONDS
    while not all(page.locator(f".match[data-kind={kind}]").count() for kind in KINDS):
        assert time.monotonic() < deadline, f"no matches of every kind after {MATCH_WAIT_SECONDS} s"
        page.wait_for_timeout(2_000)
        page.reload()


def assert_explained_matches(journey: Journey, kind: str) -> None:
    """The kind's section lists matches, the first with reasons written in words of the page's language."""
    first = journey.page.locator(f".match[data-kind={kind}]").first
    expect(first.get_by_role("link")).to_be_visible()
    reasons = first.locator(".chip-good, .chip-term").all_inner_texts()
    assert reasons, f"the first {kind} match gives no reason"
    for reason in first.locator(".chip-good, .chip-bad").all_inner_texts():
        assert "_" not in reason, f"{kind} reason shows a code: {reason!r}"
        if journey.lang == "ko":
            assert HANGUL.search(reason), f"{kind} reason is not in Korean: {reason!r}"
        else:
            assert not HANGUL.search(reason), f"{kind} reason is not in English: {reason!r}"
            assert re.search("[a-z]{3}", reason), f"{kind} reason has no English word: {reason!r}"
