"""The demo world's projects: every state, a sound ledger, reports whose figures equal sums over the database."""

from __future__ import annotations

import re
from collections import Counter

from sqlalchemy import func, select

from funds.energy.services import schedule
from funds.ledger.check import run_checks
from funds.ledger.pools import budget_balance
from funds.models import COMMITTED_STATES, EnergySaving, GovernmentProgramme, Project, ProjectStatus
from marketplace import clock
from marketplace.auth.models import User
from marketplace.demo.data import SPONSORS
from marketplace.demo.people import DEMO_PASSWORD
from marketplace.demo.projects_data import PROJECTS, SAVINGS
from tests.conftest import log_in
from tests.mentors.test_demo_mentors import seed


def _projects(db_session) -> list[Project]:
    return list(db_session.scalars(select(Project)))


def test_seeding_covers_every_state_and_keeps_the_ledger_sound(app, db_session):
    first = seed(app, db_session)
    assert first.projects_created == len(PROJECTS)
    assert seed(app, db_session).projects_created == 0
    projects = _projects(db_session)
    states = Counter(project.status for project in projects)
    assert set(states) == set(ProjectStatus)
    assert sum(states[state] for state in COMMITTED_STATES) >= 10
    assert {project.government_programme_id for project in projects} == {1, 2, 3}
    assert all(p.cost_krw <= 20_000_000 for p in projects if p.government_programme_id == 2)
    assert all(p.programme_id is None for p in projects if p.government_programme_id == 3)
    assert any(project.design_overdue(clock.today()) for project in projects)
    assert run_checks(db_session) == []


def test_the_energy_pre_investment_is_completed_with_savings(app, db_session):
    seed(app, db_session)
    energy = [p for p in _projects(db_session) if p.energy_preinvestment and p.status == ProjectStatus.COMPLETED]
    assert len(energy) == 1
    plan = schedule(db_session, energy[0])
    assert len(plan.rows) == len(SAVINGS) == db_session.scalar(select(func.count()).select_from(EnergySaving))
    assert plan.preinvested_krw == energy[0].sme_share_krw
    assert plan.repaid_krw == sum(row.repaid_krw for row in plan.rows) > 0
    assert plan.outstanding_krw == plan.preinvested_krw - plan.repaid_krw > 0
    assert plan.months_left
    assert plan.expected_end


def _page(app, email: str, path: str, language: str) -> str:
    browser = app.test_client()
    assert log_in(browser, email, DEMO_PASSWORD).status_code == 302
    response = browser.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _won(amount: int) -> str:
    return f"₩{amount:,}"


def test_the_sponsor_report_shows_the_demo_projects(app, db_session):
    seed(app, db_session)
    samsung = db_session.scalar(select(User).where(User.email == "sponsor@sangsaeng-demo.kr")).organisation
    assert samsung.name == "삼성전자(주)"
    projects = [p for p in _projects(db_session) if p.sponsor_organisation_id == samsung.id]
    committed = [p for p in projects if p.status in COMMITTED_STATES]
    sponsor_krw = sum(p.sponsor_share_krw + (p.sme_share_krw if p.energy_preinvestment else 0) for p in committed)
    disbursed = sum(p.sponsor_share_krw for p in committed if p.status in ("inspected", "completed"))
    for language in ("ko", "en"):
        html = _page(app, "sponsor@sangsaeng-demo.kr", f"/reports/sponsors/{samsung.id}", language)
        assert html.count("<svg") == 3  # committed and remaining, projects by state, KPI change
        assert _won(sponsor_krw) in html
        assert _won(disbursed) in html
        assert re.search(rf'<td data-label="[^"]+" class="text-end">{len(projects)}</td>', html)  # the projects column


def test_the_government_report_shows_the_demo_projects(app, db_session):
    seed(app, db_session)
    for programme in db_session.scalars(select(GovernmentProgramme)):
        committed = [
            p
            for p in _projects(db_session)
            if p.government_programme_id == programme.id and p.status in COMMITTED_STATES
        ]
        assert budget_balance(db_session, programme).committed_krw == sum(p.government_share_krw for p in committed)
        for language in ("ko", "en"):
            html = _page(app, "officer@sangsaeng-demo.kr", f"/reports/government/{programme.id}", language)
            assert html.count("<svg") == 3
            assert _won(sum(p.government_share_krw for p in committed)) in html
    index = _page(app, "officer@sangsaeng-demo.kr", "/reports/", "ko")
    assert index.count("/reports/sponsors/") == len(SPONSORS)


def test_the_energy_page_shows_the_schedule_to_the_sme(app, db_session):
    seed(app, db_session)
    project = next(p for p in _projects(db_session) if p.energy_preinvestment and p.status == "completed")
    html = _page(app, "sme04@sangsaeng-demo.kr", f"/projects/{project.id}/energy", "ko")
    assert html.count("<tr>") >= len(SAVINGS) + 1
    assert _won(schedule(db_session, project).outstanding_krw) in html
