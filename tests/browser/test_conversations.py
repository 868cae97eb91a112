"""Journey g: after a match the parties talk on the platform.

The demo supplier `supplier@` has an interest in a fresh need of the demo SME `sme2@` (a unique title per run,
accepted before the journey: expressing and accepting are journey f's). The supplier goes from the interest's
page to its conversation and writes; the SME sees the unread count in the top bar (at 1400 px and, beside the
folded menu, at 390 px), finds the thread in the inbox, reads it (the count falls) and answers; the supplier is
told. Then a project's SME and an engagement's mentor each open their own thread from its page. Counts are read
before and after in the same test, so other runs touching the same demo users do not matter.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from funds.models import Project
from marketplace.auth.models import User
from marketplace.interests.models import Interest, InterestStatus, TargetType
from marketplace.needs.models import Need, NeedStatus
from mentors.models import Engagement, MentorProfile
from tests.browser.journey import Journey
from tests.browser.people import badge, unique

SME, SUPPLIER, MENTOR = "sme2@sangsaeng-demo.kr", "supplier@sangsaeng-demo.kr", "mentor@sangsaeng-demo.kr"
PROJECT_SME = "sme@sangsaeng-demo.kr"


def accepted_interest(journey: Journey, title: str) -> int:
    """A fresh open need of the SME's firm and the supplier's accepted interest in it; the interest's id."""
    with journey.live.session() as session:
        sme = session.scalar(select(User).where(User.email == SME))
        supplier = session.scalar(select(User).where(User.email == SUPPLIER))
        assert sme is not None
        assert supplier is not None
        need = Need(
            organisation_id=sme.organisation_id,
            author_id=sme.id,
            title=title,
            description="사출기 8대의 불량률을 실시간으로 보고 싶습니다.",
            category="mes",
            funding_tier="basic",
            budget_krw=60_000_000,
            region="gyeonggi",
            status=NeedStatus.OPEN,
        )
        session.add(need)
        session.flush()
        interest = Interest(
            sender_id=supplier.id,
            sender_organisation_id=supplier.organisation_id,
            recipient_organisation_id=sme.organisation_id,
            target_type=TargetType.NEED,
            target_id=need.id,
            target_title=title,
            message="MES 구축 경험이 많습니다.",
            status=InterestStatus.ACCEPTED,
        )
        session.add(interest)
        session.commit()
        return interest.id


def first_id(journey: Journey, statement) -> int:  # type: ignore[no-untyped-def]
    with journey.live.session() as session:
        found = session.scalar(statement.limit(1))
    assert found, f"the demo world has no {statement}"
    return int(found)


def open_from(person: Journey, path: str, check: str) -> None:
    """From a subject's page, press "Open the conversation" and land on its thread."""
    person.goto(path, check=check)
    button = person.page.locator("#open-conversation")
    expect(button).to_contain_text(person.say("대화 열기", "Open the conversation"))
    person.follow(button, f"{check}-thread")
    expect(person.page).to_have_url(re.compile(r"/conversations/\d+"))


def write(person: Journey, text: str) -> None:
    form = person.page.locator("form#latest")
    form.locator("textarea[name=body]").fill(text)
    person.submit(form)
    expect(person.flash().first).to_contain_text(person.say("메시지를 보냈습니다", "Your message has been sent"))
    expect(person.page.locator("#messages .message").last).to_contain_text(text)


def test_an_sme_and_a_supplier_talk_after_an_accepted_interest(journey: Journey) -> None:
    title = unique("대화 MES", journey)
    interest_id = accepted_interest(journey, title)
    supplier = journey
    supplier.log_in(SUPPLIER)

    sme = journey.another()
    sme.log_in(SME)
    before = badge(sme, "message-unread")

    # The interest's page leads to the conversation before the contact details.
    supplier.goto(f"/interests/{interest_id}", check="interest-conversation")
    panel = supplier.page.locator("#conversation-panel")
    expect(panel).to_be_visible()
    open_from(supplier, f"/interests/{interest_id}", "interest")
    expect(supplier.page.locator("h1")).to_contain_text(title)
    question = "안녕하세요. 다음 주 화요일 10시에 방문 상담이 가능할까요?"
    write(supplier, question)
    supplier.check("conversation-written")

    # The SME's top bar counts it, at 1400 px and beside the folded menu at 390 px.
    sme.page.reload()
    assert badge(sme, "message-unread") == before + 1
    sme.page.set_viewport_size({"width": 390, "height": 800})
    expect(sme.page.locator("#message-unread-compact")).to_be_visible()
    sme.page.set_viewport_size({"width": 1400, "height": 900})
    sme.follow(sme.page.get_by_role("link", name=re.compile(sme.say("^대화", "^Messages"))).first, "conversation-inbox")
    line = sme.page.locator("#conversations a", has_text=title)
    expect(line).to_contain_text(sme.say("읽지 않음", "unread"))
    expect(line).to_contain_text("방문 상담")
    sme.follow(line, "conversation-thread")
    expect(sme.page.locator("#messages")).to_contain_text(question)
    expect(sme.page.locator("#first-unread")).to_be_visible()
    assert badge(sme, "message-unread") == before  # reading it clears its count
    answer = "네, 화요일 10시에 뵙겠습니다. 공장 정문에서 연락 주세요."
    supplier_before = badge(supplier, "message-unread")
    write(sme, answer)
    sme.page.reload()
    assert badge(sme, "message-unread") == before

    # The supplier is told: the count and a notification leading to the thread.
    supplier.goto("/conversations/")
    assert badge(supplier, "message-unread") == supplier_before + 1
    supplier.goto("/notifications/")
    told = supplier.page.locator("#notifications form", has_text=title).first
    expect(told).to_contain_text(answer[:20])
    told.get_by_role("button").click()
    expect(supplier.page).to_have_url(re.compile(r"/conversations/\d+"))
    expect(supplier.page.locator("#messages")).to_contain_text(answer)
    supplier.page.reload()
    assert badge(supplier, "message-unread") == supplier_before


def test_a_project_party_and_an_engagement_party_reach_their_threads(journey: Journey) -> None:
    sme = journey
    sme.log_in(PROJECT_SME)
    with journey.live.session() as session:
        organisation_id = session.scalar(select(User.organisation_id).where(User.email == PROJECT_SME))
    project_id = first_id(journey, select(Project.id).where(Project.sme_organisation_id == organisation_id))
    open_from(sme, f"/projects/{project_id}", "project")
    write(sme, "설계 일정표를 이번 주 안에 공유해 주실 수 있을까요?")

    mentor = journey.another()
    mentor.log_in(MENTOR)
    mentored = select(Engagement.id).join(MentorProfile).join(User, User.id == MentorProfile.user_id)
    engagement_id = first_id(journey, mentored.where(User.email == MENTOR).order_by(Engagement.id))
    open_from(mentor, f"/mentors/engagements/{engagement_id}", "engagement")
    write(mentor, "다음 방문 때 금형 온도 기록을 함께 보겠습니다.")
