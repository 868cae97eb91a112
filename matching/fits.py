"""The structured fit of a need with each kind of offer (SPEC.md, "structured fit").

Facts are plain data the web side fills in, with labels in both languages so the reasons read well.
Hard filters say where a match is impossible; soft criteria weigh how well it fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from matching.structured import Fit, Reason


@dataclass(frozen=True)
class Coded:
    """A reference code with its Korean and English labels."""

    code: str
    ko: str
    en: str


@dataclass(frozen=True)
class NeedFacts:
    category: Coded
    tier: Coded
    budget_krw: int
    region: Coded
    complex: Coded | None
    industry: Coded | None
    # The day the work would start; None: as soon as possible (today).
    starts_on: date | None = None

    @property
    def start(self) -> date:
        return self.starts_on or date.today()


@dataclass(frozen=True)
class SolutionFacts:
    categories: tuple[Coded, ...]
    tiers: tuple[str, ...]
    regions_served: tuple[Coded, ...]  # empty: the whole country
    price_min_krw: int
    supplier_complex: Coded | None = None


@dataclass(frozen=True)
class ProgrammeFacts:
    """An empty focus tuple means "any"; `remaining_krw` is the pool not yet committed."""

    accepting: bool
    opens_on: date
    closes_on: date
    focus_categories: tuple[Coded, ...]
    focus_industries: tuple[Coded, ...]
    focus_regions: tuple[Coded, ...]
    focus_tiers: tuple[Coded, ...]
    remaining_krw: int
    per_project_cap_krw: int
    offers_mentoring: bool = False


@dataclass(frozen=True)
class MentorFacts:
    verified: bool
    open_slots: int
    available_from: date | None
    available_until: date | None
    specialties: tuple[Coded, ...]
    industries: tuple[Coded, ...]
    regions: tuple[Coded, ...]  # where the mentor will travel; empty: anywhere


def won(amount: int) -> str:
    return f"₩{amount:,}"


def fit_solution(need: NeedFacts, solution: SolutionFacts) -> Fit:
    fit = Fit()
    regions = {coded.code for coded in solution.regions_served}
    if regions and need.region.code not in regions:
        fit.exclude(Reason("region_not_served", f"{need.region.ko} 미지원", f"does not serve {need.region.en}", False))
        return fit
    same_category = need.category.code in {coded.code for coded in solution.categories}
    fit.criterion(same_category, 3, _same_category(need) if same_category else None)
    within = solution.price_min_krw <= need.budget_krw
    fit.criterion(within, 2, _budget_reason(within, solution.price_min_krw))
    fit.criterion(need.tier.code in solution.tiers, 1, None)
    fit.criterion(True, 1, _serves(need, regions))
    if need.complex and solution.supplier_complex and need.complex.code == solution.supplier_complex.code:
        fit.criterion(True, 1, _same_complex(need.complex))
    return fit


def fit_programme(need: NeedFacts, programme: ProgrammeFacts) -> Fit:
    fit = Fit()
    if not programme.accepting or not programme.opens_on <= need.start <= programme.closes_on:
        fit.exclude(Reason("not_accepting", "신청 기간 아님", "not taking applications", False))
    elif programme.remaining_krw <= 0:
        fit.exclude(Reason("pool_used", "재원 소진", "no money left in the pool", False))
    for focus, value, label in (
        (programme.focus_regions, need.region, ("지역", "region")),
        (programme.focus_industries, need.industry, ("업종", "industry")),
        (programme.focus_tiers, need.tier, ("지원 단계", "tier")),
    ):
        if focus and (value is None or value.code not in {coded.code for coded in focus}):
            fit.exclude(Reason("not_eligible", f"{label[0]} 대상 아님", f"{label[1]} not eligible", False))
    if not fit.allowed:
        return fit
    fit.criterion(
        True,
        2,
        Reason("open_until", f"{programme.closes_on:%Y-%m-%d}까지 신청", f"open until {programme.closes_on:%Y-%m-%d}"),
    )
    categories = {coded.code for coded in programme.focus_categories}
    in_focus = not categories or need.category.code in categories
    fit.criterion(in_focus, 3, _same_category(need) if categories and in_focus else None)
    enough = programme.remaining_krw >= min(programme.per_project_cap_krw, need.budget_krw)
    fit.criterion(
        enough,
        1,
        Reason(
            "pool_left",
            f"잔여 재원 {won(programme.remaining_krw)}",
            f"{won(programme.remaining_krw)} left in the pool",
            enough,
        ),
    )
    if programme.focus_regions:
        fit.criterion(True, 1, Reason("region_focus", f"대상 지역: {need.region.ko}", f"covers {need.region.en}"))
    return fit


def fit_mentor(need: NeedFacts, mentor: MentorFacts) -> Fit:
    fit = Fit()
    if not mentor.verified:
        fit.exclude(Reason("unverified", "검증 전 멘토", "not yet verified", False))
    if mentor.open_slots <= 0:
        fit.exclude(Reason("at_capacity", "멘토링 정원 마감", "no free places", False))
    if (mentor.available_from and need.start < mentor.available_from) or (
        mentor.available_until and need.start > mentor.available_until
    ):
        fit.exclude(Reason("unavailable", "활동 가능 기간 아님", "not available then", False))
    if not fit.allowed:
        return fit
    fit.criterion(
        True, 1, Reason("available", f"멘토링 가능 {mentor.open_slots}건", f"{mentor.open_slots} free place(s)")
    )
    specialty = need.category.code in {coded.code for coded in mentor.specialties}
    fit.criterion(specialty, 3, _same_category(need) if specialty else None)
    industry = need.industry is not None and need.industry.code in {coded.code for coded in mentor.industries}
    fit.criterion(
        industry,
        2,
        Reason("same_industry", f"업종 경험: {need.industry.ko}", f"knows {need.industry.en}")
        if industry and need.industry
        else None,
    )
    regions = {coded.code for coded in mentor.regions}
    travels = not regions or need.region.code in regions
    fit.criterion(
        travels,
        2,
        Reason("travels", f"방문 가능: {need.region.ko}", f"travels to {need.region.en}")
        if travels
        else Reason("far", f"{need.region.ko} 방문 어려움", f"does not travel to {need.region.en}", False),
    )
    return fit


def _same_category(need: NeedFacts) -> Reason:
    return Reason("same_category", f"같은 분야: {need.category.ko}", f"same category: {need.category.en}")


def _same_complex(complex_: Coded) -> Reason:
    return Reason("same_complex", f"같은 산업단지: {complex_.ko}", f"same complex: {complex_.en}")


def _budget_reason(within: bool, price_min_krw: int) -> Reason:
    if within:
        return Reason("within_budget", "예산 범위 안", "within budget")
    return Reason(
        "over_budget", f"최저가 {won(price_min_krw)}: 예산 초과", f"from {won(price_min_krw)}: over budget", False
    )


def _serves(need: NeedFacts, regions: set[str]) -> Reason:
    if not regions:
        return Reason("nationwide", "전국 지원", "serves the whole country")
    return Reason("serves_region", f"{need.region.ko} 지원", f"serves {need.region.en}")
