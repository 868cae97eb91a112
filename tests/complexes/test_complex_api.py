"""GET /api/v1/complexes/{code}/figures, and the public page: no single firm's money or KPI reaches a visitor."""

from __future__ import annotations

import html as htmllib
import re
from decimal import Decimal

from sqlalchemy import select

from funds.models import COMMITTED_STATES, Project
from marketplace.auth.models import User
from marketplace.organisations.models import Organisation
from outcomes.complexes.sections import _changes
from tests.factories import make_api_token
from tests.funds.test_demo_projects import _page, _won
from tests.mentors.test_demo_mentors import seed


def _private_figures(db_session, complexes) -> tuple[list[int], list[Decimal]]:
    """Each tenant firm's own money (its committed projects' costs and shares) and its own KPI changes."""
    firms = db_session.scalars(
        select(Organisation.id).where(Organisation.kind == "sme", Organisation.industrial_complex.in_(complexes))
    ).all()
    money: list[int] = []
    kpis: list[Decimal] = []
    for firm in firms:
        projects = list(db_session.scalars(select(Project).where(Project.sme_organisation_id == firm)))
        committed = [p for p in projects if p.status in COMMITTED_STATES]
        for project in committed:
            money += [project.cost_krw, project.government_share_krw, project.sponsor_share_krw, project.sme_share_krw]
        if committed:
            money += [sum(p.cost_krw for p in committed), sum(p.sme_share_krw for p in committed)]
        for changes in _changes(db_session, projects).values():
            kpis += [delta for _firm, delta in changes]
    return [amount for amount in money if amount > 0], kpis


def test_no_single_firm_figure_reaches_a_visitor(app, db_session):
    seed(app, db_session)
    money, kpis = _private_figures(db_session, ("banwol", "sihwa", "sihwa_mtv"))
    assert money
    assert kpis
    visitor = app.test_client()
    public = ""
    for language in ("ko", "en"):
        response = visitor.get("/stats/complexes/banwol_sihwa", headers={"Accept-Language": language})
        assert response.status_code == 200
        public += htmllib.unescape(response.get_data(as_text=True))
    body = visitor.get("/api/v1/complexes/banwol_sihwa/figures").get_json()
    assert body["full"] is False
    api = repr(body)
    figures = body["sections"]
    public_sums = {figures["money"][key] for key in ("invested_krw", "government_krw", "sponsor_krw", "sme_krw")}
    for amount in money:
        if amount in public_sums:
            continue  # a firm's figure that happens to equal a sum of several firms' says nothing of that firm
        assert not re.search(rf"(?<![\d,]){amount:,}(?![\d,])", public), amount
        assert f": {amount}," not in api, amount
        assert f": {amount}}}" not in api, amount
    shown = ("actual_change", "tenants_target", "national_benchmark", "complex_target")
    averages = {Decimal(row[key]) for row in figures["outcomes"]["kpis"] for key in shown if row[key]}
    for delta in kpis:
        if delta in averages:
            continue
        assert f"'{delta}'" not in api, delta
    assert "firms" not in figures
    # An officer, logged in, sees each firm.
    officer = _page(app, "officer@sangsaeng-demo.kr", "/stats/complexes/banwol_sihwa", "en")
    assert 'id="complex-firms"' in officer
    assert any(_won(amount) in officer for amount in money)


def test_the_api_answers_the_public_and_officers(app, db_session):
    seed(app, db_session)
    anonymous = app.test_client().get("/api/v1/complexes/changwon/figures")
    assert anonymous.status_code == 200
    body = anonymous.get_json()
    assert body["code"] == "changwon"
    assert body["industrial_complexes"] == ["changwon"]
    assert body["minimum_firms"] == 3
    assert body["targets"]["jobs"] == 6500
    assert body["targets"]["kpis"] == {"productivity": "30", "defect_rate": "-43.5", "cost": "-15.9"}
    assert body["targets"]["sources"][0]["url"].startswith("http")
    assert set(body["sections"]) >= {"tenants", "programmes", "projects", "money", "mentors", "outcomes"}
    assert all(path.count(".") >= 1 for path in body["hidden"])

    officer = db_session.scalar(select(User).where(User.email == "officer@sangsaeng-demo.kr"))
    _token, plain = make_api_token(app, db_session, officer)
    full = app.test_client().get("/api/v1/complexes/banwol_sihwa/figures", headers={"Authorization": f"Bearer {plain}"})
    assert full.status_code == 200
    body = full.get_json()
    assert body["full"] is True
    assert body["hidden"] == []
    assert len(body["sections"]["firms"]["firms"]) == 10

    sme = db_session.scalar(select(User).where(User.email == "sme@sangsaeng-demo.kr"))
    _token, plain = make_api_token(app, db_session, sme)
    own = app.test_client().get("/api/v1/complexes/banwol_sihwa/figures", headers={"Authorization": f"Bearer {plain}"})
    assert own.get_json()["full"] is False
    assert "firms" not in own.get_json()["sections"]


def test_an_unknown_complex_is_a_json_404(app, db_session):
    response = app.test_client().get("/api/v1/complexes/nowhere/figures")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    wrong_token = app.test_client().get("/api/v1/complexes/changwon/figures", headers={"Authorization": "Bearer x"})
    assert wrong_token.status_code == 401
