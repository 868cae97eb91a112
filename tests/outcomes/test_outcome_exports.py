"""Downloads open with Korean headers (CSV with a BOM, .xlsx read back with openpyxl); who sees which dashboard."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from funds.models import COMMITTED_STATES, Project
from funds.reports.formats import GOVERNMENT_HEADERS, SPONSOR_HEADERS
from marketplace.auth.models import Role
from outcomes.formats import KPI_HEADERS, OVERVIEW_HEADERS, SUMMARY_HEADERS
from outcomes.services import record_kpis
from tests.conftest import log_in
from tests.factories import PASSWORD, context_of, make_user
from tests.funds.making import make_project
from tests.outcomes.conftest import kpis

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def measured(app, db_session, world):
    """Two completed projects of the world's SME with baseline and actual figures, and one still building."""
    with app.test_request_context():
        for cost, after in ((90_000_000, "140"), (60_000_000, "120")):
            project = make_project(db_session, world, "completed", cost_krw=cost)
            record_kpis(
                db_session,
                context_of(world.officer.user),
                project,
                kpis("baseline", {"productivity": "100", "employment": 30}),
            )
            record_kpis(
                db_session,
                context_of(world.sme.user),
                project,
                kpis("actual_completion", {"productivity": after, "employment": 33}),
            )
        make_project(db_session, world, "building", cost_krw=70_000_000)
    db_session.commit()
    return world


def _browser(app, user):
    browser = app.test_client()
    assert log_in(browser, user.email, PASSWORD).status_code == 302
    return browser


def _workbook(response):
    assert response.status_code == 200
    assert response.mimetype == XLSX
    assert "attachment" in response.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(response.get_data()))


def _rows(sheet) -> list[tuple]:
    return [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]


def test_the_officer_overview_downloads_with_korean_headers(app, db_session, measured):
    browser = _browser(app, measured.officer.user)
    response = browser.get("/reports/overview.csv?by=tier", headers={"Accept-Language": "en"})
    assert response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert tuple(rows[0]) == OVERVIEW_HEADERS
    assert rows[1][0] == "전체"
    assert rows[2][:2] == ["지원 단계", "기초"]
    assert (rows[1][6], rows[1][9]) == ("30.0", "3.0")  # mean +40 % and +20 %; +3 jobs each
    book = _workbook(browser.get("/reports/overview.xlsx?by=region", headers={"Accept-Language": "en"}))
    assert book.sheetnames == ["요약", "지역", "성과 지표"]
    summary, groups, kpis = (_rows(book[name]) for name in book.sheetnames)
    assert (summary[0], groups[0], kpis[0]) == (SUMMARY_HEADERS, OVERVIEW_HEADERS, KPI_HEADERS)
    projects = list(db_session.scalars(select(Project)))
    committed = sum(p.government_share_krw for p in projects if p.status in COMMITTED_STATES)
    assert dict(summary[1:])["정부 약정액(원)"] == committed
    assert dict(summary[1:])["프로젝트 수"] == len(projects)
    productivity = next(row for row in kpis if row[0] == "시간당 생산량")  # Korean, whatever the page's language
    assert productivity[1:6] == ("개/시간", "높을수록 좋음", 2, None, 30)  # no targets were set
    assert browser.get("/reports/overview.xlsx?by=planet").status_code == 400


def test_the_sponsor_and_government_reports_download_as_excel(app, db_session, measured):
    browser = _browser(app, measured.sponsor.user)
    organisation_id = measured.sponsor.user.organisation_id
    book = _workbook(browser.get(f"/reports/sponsors/{organisation_id}.xlsx"))
    assert book.sheetnames == ["프로그램", "성과 지표"]
    programmes, kpis = _rows(book["프로그램"]), _rows(book["성과 지표"])
    assert programmes[0] == SPONSOR_HEADERS
    assert programmes[-1][0] == "합계"
    assert programmes[-1][SPONSOR_HEADERS.index("프로젝트 수")] == 3
    assert kpis[0] == KPI_HEADERS
    assert next(row for row in kpis if row[0] == "고용 인원")[5:8] == (3, 3, "예")
    officer = _browser(app, measured.officer.user)
    book = _workbook(officer.get("/reports/government/1.xlsx"))
    assert _rows(book.active)[0] == GOVERNMENT_HEADERS
    assert browser.get("/reports/government/1.xlsx").status_code == 403


SME, OVERVIEW, STATS = "/reports/sme/{org}", "/reports/overview", "/stats"


@pytest.mark.parametrize(
    ("who", "sme_status", "overview_status"),
    [
        ("own_sme", 200, 403),
        ("other_sme", 403, 403),
        ("sponsor", 403, 403),
        ("supplier", 403, 403),
        ("mentor", 403, 403),
        ("officer", 200, 200),
        ("admin", 200, 200),
        ("anonymous", 302, 302),  # to the log-in page
    ],
)
def test_who_sees_which_dashboard(app, db_session, measured, who, sme_status, overview_status):
    users = {
        "own_sme": measured.sme.user,
        "other_sme": measured.outsider.user,
        "sponsor": measured.sponsor.user,
        "supplier": measured.supplier.user,
        "officer": measured.officer.user,
    }
    roles = {"admin": Role.ADMIN, "mentor": Role.MENTOR}
    if who == "anonymous":
        browser = app.test_client()
    else:
        browser = _browser(app, users.get(who) or make_user(app, db_session, roles[who]))
    org = measured.sme.user.organisation_id
    assert browser.get(SME.format(org=org)).status_code == sme_status
    assert browser.get(OVERVIEW).status_code == overview_status
    assert browser.get(OVERVIEW + ".csv").status_code == overview_status
    assert browser.get(STATS).status_code == 200


def test_the_sme_dashboard_of_a_non_sme_is_not_found(app, measured):
    browser = _browser(app, measured.officer.user)
    assert browser.get(SME.format(org=measured.sponsor.user.organisation_id)).status_code == 404
