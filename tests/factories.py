"""Factories for each model: valid defaults, any field overridable."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask
from sqlalchemy.orm import Session

from marketplace import clock
from marketplace.auth.models import ORGANISATION_ROLES, ApiToken, MemberRole, Role, User, members_of
from marketplace.auth.passwords import hash_password
from marketplace.auth.services import create_api_token
from marketplace.context import ServiceContext
from marketplace.db import utcnow
from marketplace.interests.models import Interest, TargetType
from marketplace.needs.models import Need, NeedStatus
from marketplace.organisations.brn import complete_brn
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.solutions.models import Solution, SolutionStatus
from marketplace.unit_of_work import commit

PASSWORD = "correct horse battery"
# Today where the users are: programme windows are dates in Korea.
TODAY = datetime.now(ZoneInfo("Asia/Seoul")).date()
_sequence = itertools.count(1)


SITE_URL = "http://127.0.0.1:5000"  # the test app's SITE_URL: where emailed links point


def context_of(user: User, today: date | None = None) -> ServiceContext:
    """What a view passes a service for this user: today in Korea (or the day given), Korean, the test site."""
    return ServiceContext(user, today or clock.today(), "ko", SITE_URL)


def make_organisation(session: Session, kind: OrganisationKind = OrganisationKind.SME, **fields) -> Organisation:
    n = next(_sequence)
    values = {
        "kind": kind,
        "name": f"테스트정밀 {n}",
        # Nine digits for any n: the whole suite makes more than 10,000 organisations.
        "business_number": complete_brn(f"{100 + n // 10_000 % 800:03d}81{n % 10_000:04d}"),
        "ksic_division": "25",
        "region": "gyeonggi",
        "industrial_complex": "sihwa",
        "employees": 40,
        "annual_revenue_krw": 8_000_000_000,
        "smart_factory_level": "basic",
        "contact_phone": "031-000-0000",
    } | fields
    organisation = Organisation(**values)
    session.add(organisation)
    commit(session)
    return organisation


def make_user(app: Flask, session: Session, role: Role = Role.SME, password: str = PASSWORD, **fields) -> User:
    n = next(_sequence)
    if "organisation" not in fields and role in ORGANISATION_ROLES:
        fields["organisation"] = make_organisation(session, ORGANISATION_ROLES[role])
    if role in ORGANISATION_ROLES:
        fields.setdefault("member_role", MemberRole.MANAGER)
    fields.setdefault("email_verified_at", utcnow())  # test users have confirmed their address, as the demo's
    with app.app_context():
        password_hash = hash_password(password)
    user = User(
        email=fields.pop("email", f"user{n}@example.kr"),
        display_name=fields.pop("display_name", f"사용자 {n}"),
        role=role,
        password_hash=password_hash,
        **fields,
    )
    session.add(user)
    commit(session)
    return user


def make_api_token(app: Flask, session: Session, user: User, name: str = "test") -> tuple[ApiToken, str]:
    with app.app_context():
        token, plain = create_api_token(session, user, name)
    commit(session)
    return token, plain


def make_api_caller(app: Flask, session: Session, role: Role = Role.SME) -> tuple[User, str]:
    """A new user of this role and the plain text of an API token of theirs."""
    user = make_user(app, session, role)
    _token, plain = make_api_token(app, session, user)
    return user, plain


def make_need(session: Session, owner: User, **fields) -> Need:
    values = {
        "title": "사출성형 라인 MES 구축",
        "description": "사출기 12대의 가동률과 불량률을 실시간으로 보고 싶습니다.",
        "category": "mes",
        "funding_tier": "basic",
        "budget_krw": 80_000_000,
        "region": owner.organisation.region,
        "industrial_complex": owner.organisation.industrial_complex,
        "status": NeedStatus.OPEN,
    } | fields
    need = Need(organisation_id=owner.organisation_id, author_id=owner.id, **values)
    session.add(need)
    commit(session)
    return need


def make_interest(session: Session, sender: User, target: Need | SponsorProgramme, **fields) -> Interest:
    """The sender's interest (for its firm) in a need or programme, sent to the firm that owns it; flushed."""
    values = {
        "sender_id": sender.id,
        "sender_organisation_id": sender.organisation_id,
        "recipient_organisation_id": target.organisation_id,
        "target_type": TargetType.PROGRAMME if isinstance(target, SponsorProgramme) else TargetType.NEED,
        "target_id": target.id,
        "target_title": target.title,
        "message": "관심 있습니다",
    }
    interest = Interest(**(values | fields))
    session.add(interest)
    session.flush()
    return interest


def make_solution(session, author, **fields) -> Solution:
    """A valid solution of the author's organisation; any field overridable."""
    n = next(_sequence)
    values = {
        "title": f"스마트 솔루션 {n}",
        "description": "생산 현장을 위한 솔루션입니다.",
        "categories": ["mes"],
        "price_min_krw": 10_000_000,
        "price_max_krw": 50_000_000,
        "funding_tiers": ["basic"],
        "regions_served": [],
        "installations": 0,
        "notable_customers": "",
        "status": SolutionStatus.ACTIVE,
    } | fields
    solution = Solution(organisation_id=author.organisation_id, author_id=author.id, **values)
    session.add(solution)
    commit(session)
    return solution


def make_programme(app, session, sponsor=None, **fields) -> SponsorProgramme:
    """A valid open programme of `sponsor`'s firm (a new sponsor firm if none is given)."""
    sponsor = sponsor or make_user(app, session, Role.SPONSOR)
    values = {
        "name": "상생형 스마트공장 지원사업",
        "description": "협력사의 생산성 향상을 위한 공동 투자",
        "pledged_pool_krw": 5_000_000_000,
        "per_project_cap_krw": 100_000_000,
        "sponsor_share_percent": 30,
        "focus_categories": [],
        "focus_industries": [],
        "focus_regions": [],
        "focus_tiers": [],
        "applications_open_on": TODAY - timedelta(days=10),
        "applications_close_on": TODAY + timedelta(days=50),
        "offers_mentoring": False,
        "status": ProgrammeStatus.OPEN,
    } | fields
    programme = SponsorProgramme(organisation_id=sponsor.organisation_id, author_id=sponsor.id, **values)
    session.add(programme)
    commit(session)
    return programme


def make_mentor(app: Flask, session: Session, verified: bool = True, user: User | None = None, **fields):
    """A mentor user with a profile (verified unless told), available from 2026 with capacity 2."""
    from marketplace.db import utcnow
    from mentors.models import MentorProfile

    user = user or make_user(app, session, Role.MENTOR)
    values = {
        "headline": "사출성형 불량 개선 30년",
        "bio": "LG전자 생산기술원에서 사출성형 공정을 30년간 담당했습니다.",
        "former_employer": "전 LG전자",
        "years_experience": 30,
        "specialties": ["mes", "vision_quality"],
        "expertise": "사출 성형조건 최적화, 은줄·미성형 불량 원인 분석",
        "industries": ["22"],
        "regions": ["gyeonggi"],
        "languages": ["ko"],
        "available_from": date(2026, 1, 1),
        "available_until": None,
        "capacity": 2,
        "engaged": 0,
        "verified_at": utcnow() if verified else None,
    } | fields
    profile = MentorProfile(user=user, **values)
    session.add(profile)
    commit(session)
    return profile


def make_engagement(session: Session, mentor, need: Need, proposer: User | None = None, **fields):
    """An engagement in any state; states that hold a slot take one on the mentor (as accepting does)."""
    from marketplace.db import utcnow
    from mentors.models import HOLDS_A_SLOT, Engagement, EngagementStatus

    status = EngagementStatus(fields.pop("status", EngagementStatus.PROPOSED))
    proposer = proposer or members_of(need.organisation)[0]
    values = {
        "start_date": clock.today() + timedelta(days=7),
        "months": 3,
        "active_since": utcnow() if status in (EngagementStatus.ACTIVE,) else None,
    } | fields
    engagement = Engagement.for_need(mentor, need, proposer, status=status, **values)
    session.add(engagement)
    if status in HOLDS_A_SLOT:
        mentor.engaged += 1
    commit(session)
    return engagement


def make_project(app: Flask, session: Session, sme: User, need: Need, **fields):
    """An applied project of the SME's need on the government-only track (no sponsor needed), through the service."""
    from funds.projects.services import apply_for_project
    from funds.schemas import ProjectIn

    supplier = make_user(app, session, Role.SUPPLIER)
    values = {
        "need_id": need.id,
        "solution_id": make_solution(session, supplier).id,
        "programme_id": None,
        "government_programme_id": 3,  # seeded by migration 0005: the government-only track
        "tier": "basic",
        "cost_krw": 60_000_000,
    } | fields
    with app.test_request_context():
        project = apply_for_project(session, context_of(sme), ProjectIn.model_construct(**values))
    commit(session)
    return project
