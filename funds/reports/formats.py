"""The reports as charts (inline SVG, each with its table) and as CSV (UTF-8 with BOM, Korean headers, whole won)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from flask_babel import gettext as _

from funds.labels import project_status_label
from funds.models import COMMITTED_STATES, ProjectStatus
from funds.reports.charts import Chart, bar_chart
from funds.reports.services import DIMENSIONS, Breakdown, GovernmentReport, SponsorReport
from marketplace.exports import excel_csv

SPONSOR_HEADERS = (
    "프로그램",
    "출연 약정액(원)",
    "약정액(원)",
    "잔액(원)",
    "납입액(원)",
    "결제 확인 대기(원)",
    "환불액(원)",
    "집행액(원)",
    "프로젝트 수",
    "정부 매칭액(원)",
    "기업 분담액(원)",
    "레버리지(정부/기업)",
)
GOVERNMENT_HEADERS = ("구분", "항목", "예산(원)", "약정액(원)", "잔액(원)", "프로젝트 수", "약정 프로젝트 수")
DIMENSION_NAMES = {"region": "지역", "complex": "산업단지", "tier": "지원 단계", "category": "솔루션 분야"}


def _ratio(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def sponsor_rows(report: SponsorReport) -> list[tuple[object, ...]]:
    """One row per programme and a total row (under SPONSOR_HEADERS)."""
    return [
        (
            row.name or "합계",
            row.pledged_krw,
            row.committed_krw,
            row.remaining_krw,
            row.paid_in_krw,
            row.paid_pending_krw,
            row.refunded_krw,
            row.disbursed_krw,
            row.projects,
            row.government_krw,
            row.sponsor_krw,
            _ratio(row.leverage),
        )
        for row in (*report.programmes, report.total)
    ]


def sponsor_csv(report: SponsorReport) -> str:
    return excel_csv(SPONSOR_HEADERS, sponsor_rows(report))


def government_rows(report: GovernmentReport) -> list[Sequence[object]]:
    """The programme's totals, then one row per region, complex, tier and category (under GOVERNMENT_HEADERS)."""
    committed_projects = sum(count for state, count in report.by_state if state in COMMITTED_STATES)
    rows: list[Sequence[object]] = [
        ("사업 전체", report.name, report.budget_krw, report.committed_krw, report.remaining_krw, report.projects,
         committed_projects),
    ]  # fmt: skip
    for key, _heading, _table, _column in DIMENSIONS:
        rows += [
            (DIMENSION_NAMES[key], item.label, "", item.committed_krw, "", item.projects, item.committed_projects)
            for item in report.breakdowns[key]
        ]
    return rows


def government_csv(report: GovernmentReport) -> str:
    return excel_csv(GOVERNMENT_HEADERS, government_rows(report))


def states_chart(by_state: Sequence[tuple[ProjectStatus, int]]) -> Chart:
    labels = [project_status_label(state) for state, _count in by_state]
    return bar_chart(_("Projects by state"), labels, [(_("Projects"), [count for _state, count in by_state])])


def sponsor_charts(report: SponsorReport) -> list[Chart]:
    """Committed against remaining per programme (stacked to the pledge), and projects by state."""
    names = [row.name for row in report.programmes]
    money = [
        (_("Committed"), [row.committed_krw for row in report.programmes]),
        (_("Remaining"), [row.remaining_krw for row in report.programmes]),
    ]
    title = _("Committed and remaining per programme")
    return [bar_chart(title, names, money, money=True, stacked=True), states_chart(report.by_state)]


def _breakdown_chart(title: str, items: list[Breakdown]) -> Chart:
    series = [(_("Government KRW committed"), [item.committed_krw for item in items])]
    return bar_chart(title, [item.label for item in items], series, money=True)


def government_charts(report: GovernmentReport) -> list[Chart]:
    """Committed government money by region and by tier, and projects by state."""
    return [
        _breakdown_chart(_("Committed by region"), report.breakdowns["region"]),
        _breakdown_chart(_("Committed by funding tier"), report.breakdowns["tier"]),
        states_chart(report.by_state),
    ]
