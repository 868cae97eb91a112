"""The demo world's service offers (part of `seed-demo`), made through the funds.benefits services.

- KEPCO's energy-efficiency programme offers ₩15M energy-efficiency consulting vouchers (40 hours) for
  반월·시화 tenants, given by a former POSCO ICT energy engineer (a verified mentor; EnergyBridge if he is
  not there). 반월도금's voucher was delivered and confirmed (it counts in KEPCO's contribution);
  동양열처리's is granted and open.
- Samsung's programme (sponsor@) offers ₩20M smart-production consulting vouchers by SmartWorks
  (supplier@) for 반월·시화 tenants, none granted yet: the browser journey grants them.
- SmartWorks' standard MES and EnergyBridge's FEMS sell at a tenant discount to 반월·시화 tenants.

Idempotent: an offer is identified by its programme and scope, a voucher by its programme and SME, a
discount by its solution and complex; what exists is left alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from funds.benefits import discounts, vouchers
from funds.benefits.schemas import TenantDiscountIn, VoucherGrantIn, VoucherOfferIn
from funds.models import ConsultingVoucher, TenantDiscount, VoucherOffer
from marketplace import clock
from marketplace.auth.models import Role, User
from marketplace.context import ServiceContext
from marketplace.demo.people import demo_email, demo_members
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.programmes.models import SponsorProgramme
from marketplace.solutions.models import Solution
from mentors.models import MentorProfile

KEPCO, SAMSUNG = 5, 1  # rows of demo data.SPONSORS
SMARTWORKS, ENERGYBRIDGE = 1, 4  # rows of demo data.SUPPLIERS
ENERGY_MENTOR = 19  # 류승호, 전 포스코ICT, 에너지관리(FEMS)
BANWOL_PLATING, DONGYANG_HEAT = 4, 5  # rows of demo data.SMES (반월)
TENANTS = ["banwol", "sihwa"]
REPORT = (
    "에너지 진단 40시간 (3회 방문). 정류기 14대와 건조로 2기의 전력 사용 패턴을 계측했습니다. "
    "공기압축기 배관 누설 6곳(연간 약 1,900만 원 손실)과 건조로 대기 운전을 찾았고, 누설 보수와 "
    "건조로 운전 스케줄 조정으로 전기요금 약 9% 절감이 예상됩니다. FEMS 구축 시 정류기별 계량을 권합니다."
)
DISCOUNTS = (  # supplier row, solution title, percent off
    (SMARTWORKS, "가공·조립 공장 표준 MES (SmartWorks MES Standard)", 15),
    (ENERGYBRIDGE, "FEMS 에너지 모니터링 (도금·열처리)", 10),
)


def _ctx(user: User) -> ServiceContext:
    return ServiceContext(user, clock.today(), "ko", "")


def _programme(session: Session, sponsor: Organisation, name_start: str) -> SponsorProgramme | None:
    statement = select(SponsorProgramme).where(
        SponsorProgramme.organisation_id == sponsor.id, SponsorProgramme.name.startswith(name_start)
    )
    return session.scalar(statement.order_by(SponsorProgramme.id.desc()).limit(1))


def _offer(
    session: Session, sponsor: User, programme: SponsorProgramme, scope: str, value: int, hours: int, **provider: int
) -> VoucherOffer:
    existing = session.scalar(
        select(VoucherOffer).where(VoucherOffer.programme_id == programme.id, VoucherOffer.scope == scope)
    )
    if existing is not None:
        return existing
    values: dict[str, Any] = {"scope": scope, "value_krw": value, "hours": hours, "places": 10, "complexes": TENANTS}
    values |= {"provider_organisation_id": None, "provider_mentor_id": None, "note": ""} | provider
    command = VoucherOfferIn.model_construct(_fields_set=set(values), **values)
    return vouchers.add_offer(session, _ctx(sponsor), programme, command)


def _voucher(session: Session, sponsor: User, offer: VoucherOffer, sme: Organisation) -> ConsultingVoucher | None:
    existing = session.scalar(
        select(ConsultingVoucher).where(
            ConsultingVoucher.programme_id == offer.programme_id, ConsultingVoucher.sme_organisation_id == sme.id
        )
    )
    if existing is not None:
        return None
    need = session.scalar(select(Need).where(Need.organisation_id == sme.id, Need.category == "fems").limit(1))
    values: dict[str, Any] = {"offer_id": offer.id, "sme_organisation_id": sme.id, "need_id": need.id if need else None}
    return vouchers.grant_voucher(session, _ctx(sponsor), VoucherGrantIn.model_construct(**values))


def _provider(session: Session, suppliers: dict) -> tuple[dict[str, int], User | None]:
    """The former POSCO ICT energy engineer if his verified profile is there, else EnergyBridge."""
    mentor_user = session.scalar(select(User).where(User.email == demo_email(Role.MENTOR, ENERGY_MENTOR)))
    profile = (
        session.scalar(select(MentorProfile).where(MentorProfile.user_id == mentor_user.id)) if mentor_user else None
    )
    if profile is not None and profile.is_verified:
        return {"provider_mentor_id": profile.id}, mentor_user
    if ENERGYBRIDGE in suppliers:
        organisation, user = suppliers[ENERGYBRIDGE]
        return {"provider_organisation_id": organisation.id}, user
    return {}, None


def seed_benefits(session: Session) -> int:
    """Create the missing demo voucher offers, vouchers and tenant discounts; return how many rows were made."""
    sponsors = demo_members(session, OrganisationKind.SPONSOR)
    suppliers = demo_members(session, OrganisationKind.SUPPLIER)
    smes = demo_members(session, OrganisationKind.SME)
    made = 0
    if KEPCO in sponsors and BANWOL_PLATING in smes and DONGYANG_HEAT in smes:
        kepco, kepco_user = sponsors[KEPCO]
        programme = _programme(session, kepco, "한전 에너지효율 상생형 스마트공장 2027")
        provider, provider_user = _provider(session, suppliers)
        if programme is not None and provider_user is not None:
            offer = _offer(session, kepco_user, programme, "energy_efficiency", 15_000_000, 40, **provider)
            delivered = _voucher(session, kepco_user, offer, smes[BANWOL_PLATING][0])
            if delivered is not None:
                vouchers.transition_voucher(session, _ctx(provider_user), delivered, "report", REPORT)
                vouchers.transition_voucher(session, _ctx(smes[BANWOL_PLATING][1]), delivered, "confirm")
                made += 1
            made += _voucher(session, kepco_user, offer, smes[DONGYANG_HEAT][0]) is not None
    if SAMSUNG in sponsors and SMARTWORKS in suppliers:
        samsung, samsung_user = sponsors[SAMSUNG]
        programme = _programme(session, samsung, "스마트공장 상생형 지원사업 2027")
        if programme is not None:
            _offer(
                session, samsung_user, programme, "smart_production", 20_000_000, 60,
                provider_organisation_id=suppliers[SMARTWORKS][0].id,
            )  # fmt: skip
    made += _seed_discounts(session, suppliers)
    session.flush()
    return made


def _seed_discounts(session: Session, suppliers: dict) -> int:
    made = 0
    for row, title, percent in DISCOUNTS:
        if row not in suppliers:
            continue
        organisation, user = suppliers[row]
        solution = session.scalar(
            select(Solution).where(Solution.organisation_id == organisation.id, Solution.title == title)
        )
        if solution is None:
            continue
        for complex_code in TENANTS:
            exists = select(TenantDiscount.id).where(
                TenantDiscount.solution_id == solution.id, TenantDiscount.complex_code == complex_code
            )
            if session.scalar(exists) is None:
                values = {"complex_code": complex_code, "percent": percent, "price_krw": None}
                command = TenantDiscountIn.model_construct(_fields_set=set(values), **values)
                discounts.set_discount(session, _ctx(user), solution, command)
                made += 1
    return made
