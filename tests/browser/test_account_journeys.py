"""Accounts: forgot password -> the email in the outbox -> reset -> log in; invite a colleague -> accept.

(Sign-up with the consents -> confirm the email is every registration's path: `people.register_mentor`,
checked here on its own.) Emails are read from the outbox rows, as the recipient would open them.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from marketplace.auth.models import User
from marketplace.demo.people import DEMO_PASSWORD
from tests.browser.journey import Journey
from tests.browser.people import agree_to_required_consents, emailed_path, register_mentor, unique

NEW_PASSWORD = "a new password 2026"
MANAGER = "supplier@sangsaeng-demo.kr"


def test_sign_up_with_consents_and_confirm_the_email(journey: Journey) -> None:
    email = register_mentor(journey, unique("Consenting", journey))
    journey.goto("/account/privacy", "privacy")
    expect(journey.page.locator("#consents")).to_contain_text(journey.say("버전에 동의", "Agreed to version"))
    with journey.live.session() as session:
        assert session.scalar(select(User.email_verified_at).where(User.email == email)) is not None


def test_forgot_password_reset_and_log_in(journey: Journey) -> None:
    """Registered in one browser, the person forgets the password on another computer; the reset ends the
    first browser's session too."""
    email = register_mentor(journey, unique("Forgetful", journey))
    person = journey.another()
    person.goto("/account/login")
    link = person.say("비밀번호를 잊으셨나요?", "Forgot your password?")
    person.follow(person.page.get_by_role("link", name=link), "forgot")
    person.page.fill("input[name=email]", email)
    person.submit(person.page.locator("main form").first)
    expect(person.page.locator("#reset-sent")).to_contain_text(email)
    person.check("forgot-sent")
    person.goto(emailed_path(person, email, "reset_password"), "reset")
    person.page.fill("input[name=new_password]", NEW_PASSWORD)
    person.page.fill("input[name=confirm]", NEW_PASSWORD)
    person.submit(person.page.locator("main form").first)
    expect(person.flash().first).to_contain_text(person.say("새 비밀번호", "new password"))
    person.log_in(email, NEW_PASSWORD)
    person.check("after-reset")
    journey.page.goto("/dashboard")
    expect(journey.page).to_have_url(re.compile(r"/account/login"))  # the first browser's session ended


def test_invite_a_colleague_who_accepts(journey: Journey) -> None:
    manager = journey
    manager.log_in(MANAGER, DEMO_PASSWORD)
    with manager.live.session() as session:
        organisation_id = session.scalar(select(User.organisation_id).where(User.email == MANAGER))
    manager.goto(f"/organisations/{organisation_id}/members", "members")
    colleague_email = f"{unique('colleague', manager).lower()}@supplier-test.kr"
    manager.page.fill("input[name=email]", colleague_email)
    manager.page.select_option("select[name=member_role]", "member")
    manager.page.select_option("select[name=language]", manager.lang)
    manager.submit(manager.page.locator("main form").last)
    expect(manager.page.locator("#pending-invitations")).to_contain_text(colleague_email)
    manager.check("members-invited")

    colleague = manager.another()
    colleague.goto(emailed_path(colleague, colleague_email, "invitation"), "accept-invitation")
    colleague.use_language()
    colleague.page.fill("input[name=display_name]", "박서연")
    colleague.page.fill("input[name=password]", DEMO_PASSWORD)
    colleague.page.fill("input[name=confirm]", DEMO_PASSWORD)
    agree_to_required_consents(colleague)
    colleague.submit(colleague.page.locator("main form").first)
    expect(colleague.flash().first).to_contain_text(colleague.say("환영합니다", "Welcome"))
    expect(colleague.page.locator("#verify-reminder")).to_have_count(0)
    colleague.check("colleague-dashboard")


def test_download_my_data_then_close_the_account(journey: Journey) -> None:
    """A person takes their data with them, then closes the account: the password again and a tick; after
    that the address and password no longer open anything."""
    email = register_mentor(journey, unique("Leaving", journey))
    journey.goto("/account/privacy", "privacy-before-closing")
    with journey.page.expect_download() as download:
        journey.page.locator("#download-data").click()
    assert download.value.suggested_filename.startswith("sangsaeng-my-data-")
    with open(download.value.path(), encoding="utf-8") as saved:
        assert email in saved.read()
    closing = journey.say("회원 탈퇴", "Close my account")
    journey.follow(journey.page.locator("main a", has_text=journey.words(closing, closing)), "close")
    journey.page.fill("input[name=password]", "not my password")
    journey.page.check("input[name=understood]")
    journey.submit(journey.page.locator("main form").first)
    expect(journey.page.locator("main .invalid-feedback, main .alert-danger").first).to_be_visible()
    journey.check("close-refused")
    journey.page.fill("input[name=password]", DEMO_PASSWORD)
    journey.page.check("input[name=understood]")
    journey.submit(journey.page.locator("main form").first)
    expect(journey.flash().first).to_contain_text(journey.say("탈퇴", "closed"))
    journey.check("closed")
    journey.goto("/account/login")
    journey.page.fill("input[name=email]", email)
    journey.page.fill("input[name=password]", DEMO_PASSWORD)
    journey.page.locator("main form button[type=submit]").click()
    journey.page.wait_for_load_state()
    expect(journey.page.locator("nav.navbar form[action$='/logout'] button")).to_have_count(0)
