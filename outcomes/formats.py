"""The outcomes as charts (inline SVG with their tables) and as downloads (CSV with BOM, .xlsx; Korean headers)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _

from funds.labels import project_status_label
from funds.reports.charts import Chart, bar_chart
from funds.reports.formats import (
    DIMENSION_NAMES,
    GOVERNMENT_HEADERS,
    SPONSOR_HEADERS,
    government_rows,
    sponsor_rows,
    states_chart,
)
from funds.reports.services import GovernmentReport, SponsorReport
from marketplace.exports import excel_csv, excel_xlsx
from outcomes.kpis import ABSOLUTE
from outcomes.measures import KpiAverage, benchmarked
from outcomes.overview import Overview, PublicStats

KPI_HEADERS = (
    "성과 지표",
    "단위",
    "개선 방향",
    "측정 프로젝트 수",
    "목표 변화",
    "실제 변화",
    "공공 벤치마크",
    "벤치마크 달성",
)
OVERVIEW_HEADERS = (
    "구분", "항목", "프로젝트 수", "약정 프로젝트 수", "정부 약정액(원)", "멘토 수",
    "생산성 변화(%)", "불량률 변화(%)", "원가 변화(%)", "고용 증가(명/기업)",
)  # fmt: skip
SUMMARY_HEADERS = ("항목", "값")
DIRECTIONS = {"higher": "높을수록 좋음", "lower": "낮을수록 좋음"}


def change_chart(title: str, rows: Sequence[KpiAverage], benchmark: bool = True) -> Chart:
    """Target and actual mean change per relative KPI (percent), with the public benchmark where it has one."""
    shown = [row for row in rows if row.kpi.code not in ABSOLUTE]
    series = [(_("Target"), [row.target for row in shown]), (_("Actual"), [row.actual for row in shown])]
    if benchmark:
        series.append((_("Public benchmark"), [row.benchmark for row in shown]))
    return bar_chart(title, [str(row.kpi.name) for row in shown], series, percent=True)


def overview_charts(overview: Overview) -> list[Chart]:
    """Budget use, projects by state and mentors per group; KPI averages against the benchmark."""
    labels = [group.label for group in overview.groups]
    used = [(_("Government KRW committed"), [group.committed_krw for group in overview.groups])]
    states = [
        (project_status_label(state), [group.by_state[state] for group in overview.groups])
        for state, count in overview.by_state
        if count
    ]
    mentors = [(_("Mentors"), [group.mentors for group in overview.groups])]
    return [
        bar_chart(_("Budget use"), labels, used, money=True),
        bar_chart(_("Projects by state"), labels, states, stacked=True),
        bar_chart(_("Mentors sent"), labels, mentors),
        change_chart(_("KPI change against the public benchmark"), benchmarked(overview.averages)),
    ]


def stats_charts(stats: PublicStats) -> list[Chart]:
    regions = [(_("Projects"), [count for _label, count in stats.regions])]
    return [
        states_chart(stats.by_state),
        bar_chart(_("Projects by region"), [label for label, _count in stats.regions], regions),
        change_chart(_("KPI change against the public benchmark"), benchmarked(stats.averages)),
    ]


def _number(value: Decimal | None) -> Decimal | str:
    return "" if value is None else value


def kpi_table(rows: Sequence[KpiAverage]) -> list[tuple[object, ...]]:
    """One row per KPI under KPI_HEADERS, names in Korean (whatever the page's language)."""
    with force_locale("ko"):
        return [
            (
                str(row.kpi.name),
                str(row.kpi.unit) if row.kpi.code not in ABSOLUTE else "명",
                DIRECTIONS[row.kpi.direction.value],
                row.projects,
                _number(row.target),
                _number(row.actual),
                _number(row.benchmark),
                "" if row.meets_benchmark is None else "예" if row.meets_benchmark else "아니요",
            )
            for row in rows
        ]


def _benchmark_cells(rows: Sequence[KpiAverage]) -> list[Decimal | str]:
    return [_number(row.actual) for row in benchmarked(rows)]


def overview_rows(overview: Overview) -> list[tuple[object, ...]]:
    """The whole programme, then one row per group of the chosen dimension (under OVERVIEW_HEADERS)."""
    committed = sum(group.committed_projects for group in overview.groups)
    name = DIMENSION_NAMES[overview.dimension]
    total = ("전체", "", overview.projects, committed, overview.committed_krw, overview.mentors)
    return [
        (*total, *_benchmark_cells(overview.averages)),
        *(
            (name, group.label, group.projects, group.committed_projects, group.committed_krw, group.mentors,
             *_benchmark_cells(group.averages))
            for group in overview.groups
        ),
    ]  # fmt: skip


def overview_csv(overview: Overview) -> str:
    return excel_csv(OVERVIEW_HEADERS, overview_rows(overview))


def overview_xlsx(overview: Overview) -> bytes:
    summary = [
        ("정부 예산(원)", overview.budget_krw),
        ("정부 약정액(원)", overview.committed_krw),
        ("정부 잔액(원)", overview.remaining_krw),
        ("프로젝트 수", overview.projects),
        ("파견 멘토 수", overview.mentors),
    ]
    return excel_xlsx(
        [
            ("요약", SUMMARY_HEADERS, summary),
            (DIMENSION_NAMES[overview.dimension], OVERVIEW_HEADERS, overview_rows(overview)),
            ("성과 지표", KPI_HEADERS, kpi_table(overview.averages)),
        ]
    )


def sponsor_xlsx(report: SponsorReport, averages: Sequence[KpiAverage]) -> bytes:
    return excel_xlsx(
        [("프로그램", SPONSOR_HEADERS, sponsor_rows(report)), ("성과 지표", KPI_HEADERS, kpi_table(averages))]
    )


def government_xlsx(report: GovernmentReport) -> bytes:
    return excel_xlsx([("정부 사업", GOVERNMENT_HEADERS, government_rows(report))])
