"""People the mentoring and interest journeys register through the site, fresh for every run."""

from __future__ import annotations

import re
import uuid
from datetime import date

from playwright.sync_api import expect
from sqlalchemy import select

from marketplace.auth.models import User
from marketplace.needs.models import Need, NeedStatus
from marketplace.notifications.models import OutboxEmail
from tests.browser.journey import DEMO_PASSWORD, Journey


def unique(prefix: str, journey: Journey) -> str:
    return f"{prefix}-{journey.lang}-{uuid.uuid4().hex[:8]}"


def register_mentor(journey: Journey, name: str) -> str:
    """A retired engineer signs up as a mentor (no organisation); returns the login."""
    email = f"{name.lower()}@mentor-test.kr"
    page = journey.page
    journey.goto("/account/register")
    journey.use_language()
    page.select_option("select[name=role]", "mentor")
    page.fill("input[name=display_name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.fill("input[name=confirm]", DEMO_PASSWORD)
    agree_to_required_consents(journey)
    journey.submit(page.locator("main form").first)
    confirm_sign_up(journey, email, name)
    return email


def agree_to_required_consents(journey: Journey) -> None:
    journey.page.check("input[name=consent_terms]")
    journey.page.check("input[name=consent_privacy]")


def emailed_path(journey: Journey, recipient: str, kind: str) -> str:
    """The link of the newest email of this kind in the outbox, as the recipient would open it."""
    with journey.live.session() as session:
        statement = select(OutboxEmail.body).where(OutboxEmail.recipient == recipient, OutboxEmail.kind == kind)
        body = session.scalars(statement.order_by(OutboxEmail.id.desc())).first()
    assert body, f"no {kind} email to {recipient}"
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)


def confirm_sign_up(journey: Journey, email: str, name: str) -> None:
    """After the sign-up form: the page says to check the mailbox; the emailed link (read from the outbox),
    confirmed, opens the account on the dashboard, with no reminder left to confirm the address."""
    expect(journey.page.locator("#registration-sent")).to_contain_text(email)
    journey.check("registration-sent")
    journey.goto(emailed_path(journey, email, "verify_email"), "verify-email")
    journey.submit(journey.page.locator("form#confirm-email"))
    expect(journey.flash().first).to_contain_text(journey.say("확인되었습니다", "confirmed"))
    expect(journey.flash().first).to_contain_text(name)
    expect(journey.page.locator("#verify-reminder")).to_have_count(0)


def write_mentor_profile(journey: Journey, available_from: date) -> int:
    """From the dashboard, the new mentor writes a profile; returns its id (from the page it lands on)."""
    page = journey.page
    journey.follow(
        page.get_by_role("link", name=journey.say("멘토 프로필 만들기", "Create your mentor profile")),
        "mentor-profile-form",
    )
    page.fill("input[name=headline]", "사출성형 불량 개선 30년 — 전 LG전자 생산기술")
    page.fill("textarea[name=bio]", "LG전자 창원 사업장에서 사출·금형 생산기술을 30년 맡았습니다.")
    page.fill("textarea[name=expertise]", "사출 성형 불량(미성형, 웰드라인) 개선, 금형 온도 관리, MES 도입")
    page.fill("input[name=former_employer]", "LG전자")
    page.fill("input[name=years_experience]", "30")
    page.select_option("select[name=specialties]", ["mes", "vision_quality"])
    page.select_option("select[name=languages]", ["ko", "en"])
    page.fill("input[name=available_from]", available_from.isoformat())
    # The profile page it lands on computes the new mentor's matches in the request (20 s or more when the
    # matching engine is cold; issue 15 moves that to a worker), so this one navigation gets a longer wait.
    page.locator("main form").first.locator("button[type=submit]").click(no_wait_after=True)
    expect(journey.flash().first).to_contain_text(journey.say("멘토 프로필", "mentor profile"), timeout=120_000)
    return int(page.url.rstrip("/").rsplit("/", 1)[-1])


def badge(person: Journey, badge_id: str) -> int:
    """The number on a top-bar badge (`interest-unread`, `notification-unread`); 0 when it is not shown."""
    found = person.page.locator(f"#{badge_id}")
    return int(re.match(r"\d+", found.inner_text()).group()) if found.count() else 0  # type: ignore[union-attr]


def open_need_of(journey: Journey, email: str) -> tuple[int, str]:
    """The id and title of the first open need of the user's organisation in the demo world."""
    with journey.live.session() as session:
        organisation_id = session.scalar(select(User.organisation_id).where(User.email == email))
        statement = select(Need.id, Need.title).where(
            Need.organisation_id == organisation_id, Need.status == NeedStatus.OPEN
        )
        need = session.execute(statement.order_by(Need.id).limit(1)).first()
    assert need, f"the demo world has no open need of {email}"
    return need.id, need.title
