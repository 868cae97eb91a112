"""The structured fit of a need with each kind of offer (SPEC.md, "structured fit").

Facts are plain data the web side fills in, with labels in both languages so the reasons read well.
Hard filters say where a match is impossible; soft criteria weigh how well it fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from matching.structured import Fit, Reason

# Deadlines and start dates are days in Korea: the caller passes `today` (marketplace.clock), the engine
# never reads a clock.


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

    def start(self, today: date) -> date:
        """When the work would start: the desired day, or today if that is not given or has passed."""
        return max(self.starts_on or date.min, today)


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


def fit_solution(need: NeedFacts, solution: SolutionFacts, today: date) -> Fit:
    fit = Fit()
    regions = {coded.code for coded in solution.regions_served}
    if regions and need.region.code not in regions:
        # The supplier says it does not work there: a fact of its listing, not a guess.
        fit.exclude(
            Reason(
                "region_not_served",
                f"{need.region.ko} 지역에는 가지 않습니다",
                f"does not serve {need.region.en}",
                False,
            )
        )
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


def fit_programme(need: NeedFacts, programme: ProgrammeFacts, today: date) -> Fit:
    """An SME applies while applications are open and starts the work whenever it planned: only
    a programme that is closed for good, out of money or not open to this SME is filtered out
    (`today`: the day asked about, in Korea)."""
    on = today
    fit = Fit()
    if not programme.accepting:
        fit.exclude(Reason("not_accepting", "지금은 신청을 받지 않습니다", "not taking applications", False))
    elif programme.closes_on < on:
        closed = f"{programme.closes_on:%Y-%m-%d}"
        fit.exclude(Reason("closed", f"신청이 마감되었습니다: {closed}", f"applications closed on {closed}", False))
    elif programme.remaining_krw <= 0:
        fit.exclude(Reason("pool_used", "지원금이 모두 배정되었습니다", "no money left in the pool", False))
    for focus, value, label in (
        (programme.focus_regions, need.region, ("지역이", "region")),
        (programme.focus_industries, need.industry, ("업종이", "industry")),
        (programme.focus_tiers, need.tier, ("지원 단계가", "tier")),
    ):
        # An unknown industry is not a wrong one: the SME is asked to check, not hidden the offer.
        if focus and value is not None and value.code not in {coded.code for coded in focus}:
            fit.exclude(_not_eligible(label, value, focus))
    if not fit.allowed:
        return fit
    fit.criterion(True, 2, _application_window(programme, on))
    categories = {coded.code for coded in programme.focus_categories}
    in_focus = not categories or need.category.code in categories
    fit.criterion(in_focus, 3, _same_category(need) if categories and in_focus else None)
    enough = programme.remaining_krw >= min(programme.per_project_cap_krw, need.budget_krw)
    fit.criterion(
        enough,
        1,
        Reason(
            "pool_left",
            f"남은 지원금 {won(programme.remaining_krw)}",
            f"{won(programme.remaining_krw)} left in the pool",
            enough,
        ),
    )
    if programme.focus_regions:
        fit.criterion(True, 1, Reason("region_focus", f"지역이 맞습니다: {need.region.ko}", f"covers {need.region.en}"))
    if programme.focus_industries and need.industry is None:
        fit.criterion(
            False,
            1,
            Reason("check_industry", "대상 업종인지 확인하세요", "check that your industry is eligible", False),
        )
    return fit


def fit_mentor(need: NeedFacts, mentor: MentorFacts, today: date) -> Fit:
    fit = Fit()
    if not mentor.verified:
        fit.exclude(Reason("unverified", "아직 검증되지 않은 멘토입니다", "not yet verified", False))
    if mentor.open_slots <= 0:
        fit.exclude(Reason("at_capacity", "멘토링 자리가 다 찼습니다", "no free places", False))
    if mentor.available_until and need.start(today) > mentor.available_until:
        until = f"{mentor.available_until:%Y-%m-%d}"
        fit.exclude(Reason("unavailable", f"{until}까지만 활동합니다", f"available only until {until}", False))
    if not fit.allowed:
        return fit
    fit.criterion(
        True, 1, Reason("available", f"멘토링 자리 {mentor.open_slots}개 남음", f"{mentor.open_slots} free place(s)")
    )
    # Mentoring runs for months: one who starts a little after the work is late, not unavailable.
    if mentor.available_from and need.start(today) < mentor.available_from:
        since = f"{mentor.available_from:%Y-%m-%d}"
        fit.criterion(False, 1, Reason("available_later", f"{since}부터 가능합니다", f"available from {since}", False))
    specialty = need.category.code in {coded.code for coded in mentor.specialties}
    fit.criterion(specialty, 3, _same_category(need) if specialty else None)
    industry = need.industry is not None and need.industry.code in {coded.code for coded in mentor.industries}
    fit.criterion(
        industry,
        2,
        Reason("same_industry", f"같은 업종 경험: {need.industry.ko}", f"knows {need.industry.en}")
        if industry and need.industry
        else None,
    )
    regions = {coded.code for coded in mentor.regions}
    travels = not regions or need.region.code in regions
    fit.criterion(
        travels,
        2,
        Reason("travels", f"방문할 수 있습니다: {need.region.ko}", f"travels to {need.region.en}")
        if travels
        else Reason("far", f"{need.region.ko}에는 방문하기 어렵습니다", f"does not travel to {need.region.en}", False),
    )
    return fit


def _application_window(programme: ProgrammeFacts, on: date) -> Reason:
    if programme.opens_on > on:
        opens = f"{programme.opens_on:%Y-%m-%d}"
        return Reason("opens_on", f"{opens}부터 신청할 수 있습니다", f"applications open on {opens}")
    closes = f"{programme.closes_on:%Y-%m-%d}"
    return Reason("open_until", f"{closes}까지 신청할 수 있습니다", f"open until {closes}")


def _not_eligible(label: tuple[str, str], value: Coded, focus: tuple[Coded, ...]) -> Reason:
    only_ko, only_en = ", ".join(coded.ko for coded in focus), ", ".join(coded.en for coded in focus)
    return Reason(
        "not_eligible",
        f"대상 {label[0]} 아닙니다: {only_ko}만 지원",
        f"{label[1]} not eligible: only {only_en}",
        False,
    )


def _same_category(need: NeedFacts) -> Reason:
    return Reason("same_category", f"같은 분야입니다: {need.category.ko}", f"same category: {need.category.en}")


def _same_complex(complex_: Coded) -> Reason:
    return Reason("same_complex", f"같은 산업단지입니다: {complex_.ko}", f"same industrial complex: {complex_.en}")


def _budget_reason(within: bool, price_min_krw: int) -> Reason:
    if within:
        return Reason("within_budget", "예산 안에 있습니다", "within budget")
    return Reason(
        "over_budget", f"예산보다 비쌉니다: {won(price_min_krw)}부터", f"over budget: from {won(price_min_krw)}", False
    )


def _serves(need: NeedFacts, regions: set[str]) -> Reason:
    if not regions:
        return Reason("nationwide", "전국 어디든 갑니다", "serves the whole country")
    return Reason("serves_region", f"지역이 맞습니다: {need.region.ko}", f"serves {need.region.en}")
