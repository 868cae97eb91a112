"""Each smart industrial complex's own targets, as announced when it was chosen, with where each was published.

KPI targets are percent changes (as outcomes.kpis.BENCHMARKS), in the KPI's signed direction; jobs and smart
factories are totals for the whole complex by the plan's year. A complex without a published figure has none
here: its page then shows the national benchmark alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    published: str  # ISO date


@dataclass(frozen=True)
class ComplexTargets:
    by_year: int | None = None
    kpis: dict[str, Decimal] = field(default_factory=dict)  # KPI code -> percent change targeted
    jobs: int | None = None  # jobs the complex plans to add
    smart_factories: int | None = None  # smart factories to build in the complex
    specialists: int | None = None  # specialists to train
    sources: tuple[Source, ...] = ()


CHANGWON_PLAN = Source(
    "경남도민일보, 창원 스마트산단 선정 기자회견 (허성무 창원시장)",
    "http://www.idomin.com/?mod=news&act=articleView&idxno=590432",
    "2019-02-20",
)
CHANGWON_SELECTED = Source(
    "프레시안, 창원국가산단 스마트 선도산단 선정: 좋은 일자리 6,500개", "https://pressian.com/pages/articles/229683",
    "2019-02-20",
)  # fmt: skip
BANWOL_SIHWA_PLAN = Source(
    "파이낸셜뉴스, 경기반월시화 스마트산업단지 선도프로젝트 선포식",
    "https://fnnews.com/ampNews/201909041415346769",
    "2019-09-04",
)
SMART_COMPLEX_MODEL = Source(
    "산업타임스, 산업부 스마트 선도 산업단지 선정 (데이터 연결로 생산성 15 % 추가, 공동구매로 원가 30 % 절감)",
    "http://www.sanuptimes.com/news/articleView.html?idxno=42549",
    "2019-02-19",
)
GYEONGGI_RENEWAL = Source(
    "아시아경제, 경기도 반월시화 산단 대개조: 2024년까지 일자리 1만 개",
    "https://www.asiae.co.kr/article/2021013117553219109",
    "2021-01-31",
)

TARGETS: dict[str, ComplexTargets] = {
    # 800 smart factories: productivity +30.0 %, defects −43.5 %, cost −15.9 %; 6,500 jobs; 1,000 specialists.
    "changwon": ComplexTargets(
        by_year=2022,
        kpis={"productivity": Decimal("30"), "defect_rate": Decimal("-43.5"), "cost": Decimal("-15.9")},
        jobs=6_500,
        smart_factories=800,
        specialists=1_000,
        sources=(CHANGWON_PLAN, CHANGWON_SELECTED),
    ),
    # 2,000 smart factories in root processes by 2022; the smart-complex model adds 15 points of productivity to a
    # smart factory's 30 % through shared data and cuts cost 30 % through joint purchasing; 10,000 jobs by 2024
    # under Gyeonggi's renewal plan for the same complex.
    "banwol_sihwa": ComplexTargets(
        by_year=2022,
        kpis={"productivity": Decimal("45"), "cost": Decimal("-30")},
        jobs=10_000,
        smart_factories=2_000,
        sources=(BANWOL_SIHWA_PLAN, SMART_COMPLEX_MODEL, GYEONGGI_RENEWAL),
    ),
}
NONE = ComplexTargets()


def targets_of(code: str) -> ComplexTargets:
    """A complex's own targets (none published: empty)."""
    return TARGETS.get(code, NONE)
