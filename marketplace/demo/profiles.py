"""The demo world's public profiles: a few firms have filled theirs, so their pages, listings and matches show
what people choose by. The demo log-ins `sme@`, `sponsor@` and `supplier@` keep theirs empty: their dashboards
show the profile's next step from the start."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from marketplace.demo.people import demo_members
from marketplace.organisations.commands import OrganisationProfile
from marketplace.organisations.models import OrganisationKind
from marketplace.organisations.profile import update_profile

K = OrganisationKind
# (kind, row number in the demo table (1 = first), the profile)
PROFILES: tuple[tuple[OrganisationKind, int, dict[str, Any]], ...] = (
    (
        K.SUPPLIER,
        2,
        {
            "description": "자동차·전자 부품의 외관 불량을 잡는 비전 검사 장비와 AI 판정 소프트웨어를 만듭니다. "
            "도입 후 불량 유출을 절반 이하로 줄이는 것이 목표입니다.",
            "website": "https://www.visionitech.example.kr",
            "certifications": [
                {"code": "iso9001", "number": "KR-QMS-2019-0412", "expires_on": "2027-08-31"},
                {"code": "venture"},
            ],
            "products": ["비전 검사기 VI-300", "AI 불량 판정 소프트웨어", "라인 카메라 모듈"],
            "reference_projects": [
                {
                    "title": "사출품 외관 검사 자동화",
                    "customer": "반월 한빛금형",
                    "year": 2024,
                    "summary": "은줄·미성형 검출, 검사 인원 3명 → 1명",
                },
                {"title": "용접 비드 검사", "customer": "창원 협력사", "year": 2023, "summary": None},
            ],
        },
    ),
    (
        K.SUPPLIER,
        3,
        {
            "description": "협동로봇과 산업용 로봇으로 적재·용접·조립 공정을 자동화합니다. "
            "설치부터 작업자 교육까지 맡습니다.",
            "website": "www.korearobotics.example.kr",
            "certifications": [
                {"code": "iso9001", "number": "QMS-KRS-77", "expires_on": "2026-12-31"},
                {"code": "iso45001", "number": "OHS-KRS-12", "expires_on": "2027-03-31"},
                {"code": "ks"},
            ],
            "products": ["협동로봇 팔레타이징 셀", "로봇 용접 셀"],
            "reference_projects": [
                {"title": "팔레타이징 자동화", "customer": "시화 식품기업", "year": 2025, "summary": "야간 인력 전환"}
            ],
        },
    ),
    (
        K.SPONSOR,
        3,
        {
            "description": "1·2차 협력사의 스마트공장 구축을 상생형 지원사업으로 돕고, "
            "은퇴 기술인력을 멘토로 보냅니다.",
            "website": "https://www.hyundai.example.kr/winwin",
            "certifications": [{"code": "iatf16949"}, {"code": "iso14001"}],
            "reference_projects": [
                {
                    "title": "울산 협력사 MES 구축 지원",
                    "customer": "협력사 12곳",
                    "year": 2024,
                    "summary": "생산성 평균 28% 향상",
                }
            ],
        },
    ),
    (
        K.SME,
        2,
        {
            "description": "가전·자동차용 사출 금형을 설계·제작합니다.",
            "certifications": [{"code": "iso9001"}, {"code": "root_firm"}],
            "products": ["사출 금형", "프레스 금형"],
        },
    ),
)


def seed_profiles(session: Session) -> int:
    """Fill the profiles that are still empty, through the service, as each firm's manager; returns how many."""
    filled = 0
    for kind, number, body in PROFILES:
        member = demo_members(session, kind).get(number)
        if member is None or member[0].description is not None:
            continue
        organisation, manager = member
        update_profile(session, manager, organisation, OrganisationProfile.model_validate(body))
        filled += 1
    return filled
