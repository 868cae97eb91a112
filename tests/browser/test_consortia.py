"""Journey: a consortium is formed and each member sees its own figures and the consortium's.

POSCO ICT's demo user (the lead of the demo world's 반월·시화 consortium) has a new programme of its own (made
for this run, so each language starts fresh); from the programme's page it forms a consortium: a pledge left
empty gets the field's message, then Samsung Electronics joins with ₩400,000,000. Samsung's user signs in,
opens the programme and sees its share (its pledge, nothing committed yet) beside the consortium's figures,
and on the consortium's page no form to manage it. KT, a member of the demo's 반월·시화 consortium, finds the
consortium's projects in its project list and reads one, without the lead's buttons.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from funds.ledger.pools import sync_pledge
from marketplace import clock
from marketplace.auth.models import Role, User
from marketplace.demo.consortia import KT
from marketplace.demo.people import demo_email
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from tests.browser.journey import Journey

LEAD = "sponsor07@sangsaeng-demo.kr"  # POSCO ICT
MEMBER = "sponsor@sangsaeng-demo.kr"  # Samsung Electronics


def new_programme(journey: Journey) -> tuple[int, int]:
    """A fresh open programme of the lead's firm (₩1,000,000,000 pledged); its id, and the member's firm."""
    with journey.live.session() as session:
        lead = session.scalars(select(User).where(User.email == LEAD)).one()
        member_firm = session.scalar(select(User.organisation_id).where(User.email == MEMBER))
        programme = SponsorProgramme(
            organisation_id=lead.organisation_id,
            author_id=lead.id,
            name=f"반월·시화 공동 선투자 {journey.lang}-{uuid.uuid4().hex[:6]}",
            description="입주 기업의 설비 데이터 수집과 에너지 관리를 함께 지원합니다.",
            pledged_pool_krw=1_000_000_000,
            per_project_cap_krw=100_000_000,
            sponsor_share_percent=30,
            focus_categories=["fems"],
            focus_industries=[],
            focus_regions=[],
            focus_tiers=[],
            applications_open_on=clock.today() - timedelta(days=1),
            applications_close_on=clock.today() + timedelta(days=90),
            status=ProgrammeStatus.OPEN,
        )
        session.add(programme)
        session.flush()
        sync_pledge(session, programme.id, lead)
        session.commit()
        assert member_firm is not None
        return programme.id, member_firm


def test_the_lead_adds_a_member_who_sees_its_own_and_the_consortiums_figures(journey: Journey) -> None:
    programme_id, member_firm = new_programme(journey)
    lead = journey
    lead.log_in(LEAD)
    lead.goto(f"/programmes/{programme_id}", "programme-lead")
    lead.follow(lead.page.locator("#form-consortium"), "consortium-empty")
    form = lead.page.locator("form#add-member")
    form.locator("select[name=organisation_id]").select_option(str(member_firm))
    lead.submit(form)
    expect(lead.page.locator("form#add-member .invalid-feedback")).to_contain_text(
        lead.say("원 단위의 양의 정수를 입력해 주십시오.", "Enter a positive whole number of won.")
    )
    lead.check("consortium-refused")
    form = lead.page.locator("form#add-member")
    form.locator("select[name=organisation_id]").select_option(str(member_firm))
    form.locator("input[name=pledged_krw]").fill("400000000")
    lead.submit(form)
    expect(lead.flash().first).to_contain_text(lead.say("회원사를 추가", "The member is added"))
    rows = lead.page.locator("#consortium-members tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(lead.say("주관", "Lead"))
    expect(rows.nth(1)).to_contain_text("₩400,000,000")
    expect(lead.page.locator("#consortium-total")).to_contain_text(lead.say("14억", "1.4"))
    lead.check("consortium-formed")

    member = journey.another()
    member.log_in(MEMBER)
    member.goto(f"/programmes/{programme_id}")
    own = member.page.locator("#consortium-own")
    expect(own).to_contain_text(member.say("4억", "400"))
    expect(member.page.locator("#consortium-total")).to_contain_text(member.say("14억", "1.4"))
    expect(member.page.locator("#consortium-members tr.table-active")).to_contain_text("₩400,000,000")
    member.check("programme-member")
    member.follow(
        member.page.get_by_role("link", name=member.say("컨소시엄 페이지", "The consortium’s page")),
        "consortium-member",
    )
    expect(member.page.locator("form#add-member")).to_have_count(0)
    expect(member.page.locator("#pay-own-pledge")).to_contain_text("400,000,000")


def test_a_member_reads_the_consortiums_projects(journey: Journey) -> None:
    member = journey
    member.log_in(demo_email(Role.SPONSOR, KT))
    member.goto("/projects/", "projects-consortium-member")
    project = member.page.get_by_role("link", name="도금액 농도·pH·온도 자동 측정 및 이탈 알림")
    member.follow(project.first, "project-consortium-reader")
    expect(member.page.locator("#consortium-reader")).to_be_visible()
    expect(member.page.locator("#project-actions button")).to_have_count(0)
