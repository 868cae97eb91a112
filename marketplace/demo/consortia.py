"""The demo world's consortium programmes (part of `seed-demo`): the 반월·시화 smart-complex consortium and a
round the public power companies co-fund with the complex's operator.

The real consortium (POSCO ICT with KT, KEPCO and a machinery firm of the complex) pre-invests ₩60.4bn; the demo
pledges a tenth of it in the same proportions (POSCO ICT ₩2.4bn, KT ₩1.6bn, KEPCO ₩1.4bn, the machinery firm
₩0.64bn). Each programme is posted by its lead and its members added through funds.consortia's service, so the
ledger holds each member's pledge; two tenant SMEs' projects then draw on the consortium pro rata. A programme
is identified by (lead, name): one already stored is left alone, so seeding twice changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from funds.consortia.commands import MemberIn
from funds.consortia.services import add_member
from funds.ledger.pools import sync_pledge
from marketplace import clock
from marketplace.context import ServiceContext
from marketplace.demo.listings import _new_programme
from marketplace.demo.listings_data import DemoProgramme
from marketplace.demo.people import demo_members
from marketplace.demo.projects import _Cast, _seed_project
from marketplace.demo.projects_data import DemoProject
from marketplace.organisations.models import OrganisationKind
from marketplace.programmes.models import SponsorProgramme

# Positions in data.SPONSORS, from 1.
KEPCO, POSCO_ICT, KT, SIHWA_MACHINERY, EAST_WEST_POWER, SOUTH_EAST_POWER, KICOX = 5, 7, 8, 9, 10, 11, 12
BANWOL_SIHWA = "반월·시화 스마트산업단지 선도 컨소시엄 (POSCO ICT·KT·한국전력)"
PUBLIC_ROUND = "공공기관 공동 스마트공장 지원 (반월·시화, 2027년 1차)"


class DemoConsortium(NamedTuple):
    programme: DemoProgramme  # posted by its lead, pledging programme.pledged_pool_krw
    members: tuple[tuple[int, int], ...]  # (position in SPONSORS, pledge) of the other members, in joining order


CONSORTIA = (
    DemoConsortium(
        DemoProgramme(
            POSCO_ICT,
            BANWOL_SIHWA,
            "반월·시화 스마트산업단지 입주 기업의 스마트공장 구축을 POSCO ICT, KT, 한국전력, 시화정밀기계가 함께"
            " 선투자합니다(실제 컨소시엄 604억 원의 10분의 1 규모)."
            " 생산관리(MES), 에너지관리(FEMS), 설비 데이터 수집(IoT) 중심이며,"
            " 과제마다 후원 기업 몫은 회원사가 약정 비율대로 나누어 부담합니다.",
            2_400_000_000,
            150_000_000,
            30,
            ("mes", "fems", "iot_sensors"),
            (),
            ("gyeonggi",),
            ("basic", "advanced1", "advanced2"),
            date(2026, 9, 1),
            date(2027, 6, 30),
            True,
            "open",
        ),
        ((KT, 1_600_000_000), (KEPCO, 1_400_000_000), (SIHWA_MACHINERY, 640_000_000)),
    ),
    DemoConsortium(
        DemoProgramme(
            EAST_WEST_POWER,
            PUBLIC_ROUND,
            "한국동서발전과 한국남동발전이 산업단지 운영기관 한국산업단지공단과 함께 반월·시화 입주 중소기업 10~22곳의"
            " 에너지 효율·스마트공장 구축을 공동 지원합니다.",
            600_000_000,
            50_000_000,
            30,
            ("fems", "iot_sensors", "mes"),
            (),
            ("gyeonggi",),
            ("basic",),
            date(2026, 10, 1),
            date(2027, 3, 31),
            False,
            "open",
        ),
        ((SOUTH_EAST_POWER, 500_000_000), (KICOX, 300_000_000)),
    ),
)

# Tenants of 반월 and 시화 whose projects draw on the consortium (positions in SMES and SUPPLIERS, from 1).
PROJECTS = (
    DemoProject(4, "도금액 농도·pH·온도 자동 측정 및 이탈 알림", 4, "FEMS 에너지 모니터링 (도금·열처리)",
                BANWOL_SIHWA, 1, "basic", 38_000_000, "building", 2),
    DemoProject(9, "배합 공정 레시피·칭량 관리 MES 고도화", 1, "가공·조립 공장 표준 MES (SmartWorks MES Standard)",
                BANWOL_SIHWA, 1, "advanced2", 350_000_000, "agreed", 1),
)  # fmt: skip


def seed_consortia(session: Session, today: date | None = None) -> int:
    """Create the missing consortium programmes with their members, and their projects; return how many programmes."""
    sponsors = demo_members(session, OrganisationKind.SPONSOR)
    created = 0
    for consortium in CONSORTIA:
        lead = sponsors.get(consortium.programme.sponsor)
        members = [(sponsors[number], pledge) for number, pledge in consortium.members if number in sponsors]
        if lead is None or len(members) != len(consortium.members):
            continue
        organisation, user = lead
        stored = select(SponsorProgramme.id).where(
            SponsorProgramme.organisation_id == organisation.id, SponsorProgramme.name == consortium.programme.name
        )
        if session.scalar(stored) is not None:
            continue
        programme = _new_programme(consortium.programme, organisation, user)
        session.add(programme)
        session.flush()
        sync_pledge(session, programme.id, user)
        context = ServiceContext(user, consortium.programme.applications_open_on, "ko", "")
        for member, pledge in members:
            add_member(session, context, programme.id, MemberIn(organisation_id=member[0].id, pledged_krw=pledge))
        created += 1
    session.flush()
    cast = _Cast(session)
    for row in PROJECTS:
        _seed_project(session, cast, row, today or clock.today())
    session.flush()
    return created
