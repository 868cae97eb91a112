"""The dashboards on the demo world: every figure equals what this test sums from the database, in ko and en."""

from __future__ import annotations

import html as htmllib
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from funds.ledger.pools import budget_balance
from funds.models import COMMITTED_STATES, GovernmentProgramme, Project
from marketplace.auth.models import User
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation
from marketplace.programmes.models import SponsorProgramme
from marketplace.solutions.models import Solution
from mentors.models import Engagement
from outcomes.models import KpiValue
from tests.funds.test_demo_projects import _page, _won
from tests.mentors.test_demo_mentors import seed

LATEST = ("actual_12m", "actual_6m", "actual_completion")
TENTH = Decimal("0.1")


def _values(db_session) -> dict[int, dict[tuple[str, str], Decimal]]:
    values: dict[int, dict[tuple[str, str], Decimal]] = defaultdict(dict)
    for row in db_session.scalars(select(KpiValue)):
        values[row.project_id][(row.kpi, row.phase.value)] = row.value
    return values


def _mean_change(values, project_ids, code: str) -> str:
    """The page's text for the mean change of a KPI over these projects, computed here from the raw values."""
    changes = []
    for project_id in project_ids:
        figures = values.get(project_id, {})
        latest = next((figures[(code, phase)] for phase in LATEST if (code, phase) in figures), None)
        baseline = figures.get((code, "baseline"))
        if latest is None or baseline is None or (baseline == 0 and code != "employment"):
            continue
        delta = latest - baseline if code == "employment" else (latest - baseline) * 100 / baseline
        changes.append(delta.quantize(TENTH, rounding=ROUND_HALF_UP))
    if not changes:
        return "—"
    mean = (sum(changes) / len(changes)).quantize(TENTH, rounding=ROUND_HALF_UP)
    return f"{mean:+.1f}"


def _row(html: str, table_id: str, attribute: str, key: str) -> str:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.DOTALL)
    assert table, table_id
    row = re.search(rf'<tr {attribute}="{key}">(.*?)</tr>', table.group(0), re.DOTALL)
    assert row, (table_id, key)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " | ", row.group(1)))


def _public(app, path: str, language: str) -> str:
    response = app.test_client().get(path, headers={"Accept-Language": language})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_the_sme_dashboard_equals_the_database(app, db_session):
    seed(app, db_session)
    sme = db_session.scalar(select(User).where(User.email == "sme@sangsaeng-demo.kr"))
    projects = list(db_session.scalars(select(Project).where(Project.sme_organisation_id == sme.organisation_id)))
    committed = [p for p in projects if p.status in COMMITTED_STATES]
    values = _values(db_session)
    completed = [p for p in projects if p.status == "completed"]
    assert completed
    assert all(("productivity", "actual_12m") in values[p.id] for p in completed)
    for language, jobs in (("ko", "명"), ("en", "jobs")):
        html = _page(app, sme.email, f"/reports/sme/{sme.organisation_id}", language)
        assert html.count("<svg") == 1
        assert _won(sum(p.cost_krw for p in committed)) in html
        assert _won(sum(p.sme_share_krw for p in committed)) in html
        for project in projects:
            assert f'id="sme-project-{project.id}"' in html
        ids = [p.id for p in projects]
        assert _mean_change(values, ids, "productivity") + " %" in _row(html, "sme-kpis", "data-kpi", "productivity")
        assert _mean_change(values, ids, "employment") + f" {jobs}" in _row(html, "sme-kpis", "data-kpi", "employment")
        baseline = values[completed[0].id][("sales", "baseline")]
        assert f"{baseline.normalize():,f}" in _row(html, f"kpis-{completed[0].id}", "data-kpi", "sales")
        assert "/mentors/engagements/" in html


def test_the_sponsor_report_shows_kpi_averages_of_its_smes(app, db_session):
    seed(app, db_session)
    sponsor = db_session.scalar(select(User).where(User.email == "sponsor@sangsaeng-demo.kr"))
    ids = list(db_session.scalars(select(Project.id).where(Project.sponsor_organisation_id == sponsor.organisation_id)))
    values = _values(db_session)
    for language in ("ko", "en"):
        html = _page(app, sponsor.email, f"/reports/sponsors/{sponsor.organisation_id}", language)
        for code in ("productivity", "defect_rate", "cost"):
            expected = _mean_change(values, ids, code)
            assert expected != "—"
            assert expected + " %" in _row(html, "sponsor-kpis", "data-kpi", code)


def test_the_officer_dashboard_equals_the_database(app, db_session):
    seed(app, db_session)
    projects = list(db_session.scalars(select(Project)))
    values = _values(db_session)
    budget = sum(budget_balance(db_session, p).total_krw for p in db_session.scalars(select(GovernmentProgramme)))
    mentored = ("accepted", "active", "paused", "completed")
    engagements = [e for e in db_session.scalars(select(Engagement)) if e.status in mentored]
    for language in ("ko", "en"):
        html = _page(app, "officer@sangsaeng-demo.kr", "/reports/overview?by=region", language)
        assert html.count("<svg") == 4
        assert _won(budget) in html
        assert _won(sum(p.government_share_krw for p in projects if p.status in COMMITTED_STATES)) in html
        for region in {p.need.region for p in projects}:
            group = [p for p in projects if p.need.region == region]
            committed = [p for p in group if p.status in COMMITTED_STATES]
            mentors = {e.mentor_id for e in engagements if e.need.region == region}
            row = _row(html, "overview-groups", "data-group", region)
            cells = [cell.strip() for cell in row.split("|") if cell.strip()]
            assert cells[1:5] == [
                str(len(group)),
                str(len(committed)),
                _won(sum(p.government_share_krw for p in committed)),
                str(len(mentors)),
            ]
            assert cells[5] == _mean_change(values, [p.id for p in group], "productivity") + " %" or cells[5] == "—"
        overall = _row(html, "overview-kpis", "data-kpi", "defect_rate")
        assert _mean_change(values, [p.id for p in projects], "defect_rate") + " %" in overall
        for dimension in ("complex", "tier", "category"):
            assert (
                _page(app, "officer@sangsaeng-demo.kr", f"/reports/overview?by={dimension}", language).count("<svg")
                == 4
            )


def _texts(html: str) -> set[str]:
    """Every value a reader sees on the page: text between tags (the SVG's too) and labels in attributes."""
    texts = {htmllib.unescape(t).strip() for t in re.split(r"<[^>]*>", html)}
    texts |= {htmllib.unescape(v).strip() for v in re.findall(r'(?:aria-label|title|alt|value)="([^"]*)"', html)}
    return {t for t in texts if t}


def test_the_public_page_shows_totals_and_no_private_field(app, db_session):
    seed(app, db_session)
    projects = list(db_session.scalars(select(Project)))
    committed = [p for p in projects if p.status in COMMITTED_STATES]
    values = _values(db_session)
    private: set[str] = set()
    for organisation in db_session.scalars(select(Organisation)):
        private |= {organisation.name, organisation.name_en or "", organisation.business_number}
        private |= {organisation.contact_phone or "", _won(organisation.annual_revenue_krw)}
    for user in db_session.scalars(select(User)):
        private |= {user.email, user.display_name}
    private |= set(db_session.scalars(select(Need.title))) | set(db_session.scalars(select(Solution.title)))
    private |= set(db_session.scalars(select(SponsorProgramme.name)))
    private |= {_won(p.cost_krw) for p in projects} | {_won(p.sme_share_krw) for p in projects}
    # A project's own KPI figure; 1–3 character ones ("12", "3.5") are as common as any count on the page.
    private |= {f"{v.normalize():,f}" for figures in values.values() for v in figures.values()}
    private = {value for value in private if len(value) >= 4}
    for language in ("ko", "en"):
        html = _public(app, "/stats", language)
        assert html.count("<svg") == 3
        shown = _texts(html)
        assert not private & shown
        names = [value for value in private if not re.fullmatch(r"[\d,.₩-]+", value)]  # figures match exactly, above
        assert not [name for name in names if name in html]
        assert "/organisations/" not in html
        assert "/projects/" not in html
        assert _won(sum(p.cost_krw for p in committed)) in shown
        assert _won(sum(p.government_share_krw for p in committed)) in shown
        assert str(len({p.sme_organisation_id for p in committed})) in shown
        assert str(len(projects)) in shown
        for code in ("productivity", "defect_rate", "cost"):
            expected = _mean_change(values, [p.id for p in projects], code) + " %"
            assert expected in _row(html, "stats-kpis", "data-kpi", code)
    assert 'href="/stats"' in _public(app, "/", "ko")
