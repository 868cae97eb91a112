"""Recording KPIs: who records which phase when, and bad values refused with their message (API and form)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role
from marketplace.errors import Conflict, Forbidden
from outcomes.kpis import Phase
from outcomes.models import KpiValue
from outcomes.services import record_kpis, recordable_phases
from tests.conftest import assert_error_shape, log_in, post_form
from tests.factories import PASSWORD, context_of, make_user
from tests.funds.making import make_project
from tests.outcomes.conftest import kpis

COMPLETED_ON = date(2026, 1, 15)
GOOD = {"productivity": "120.5", "defect_rate": "3.2", "employment": 42}


def _project(app, db_session, world, state: str, on: date | None = None):
    with app.test_request_context():
        return make_project(db_session, world, state, agreed_on=on)


def _count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(KpiValue))


ALL_PHASES = set(Phase)
B, T, C, M6, M12 = Phase.BASELINE, Phase.TARGET, Phase.ACTUAL_COMPLETION, Phase.ACTUAL_6M, Phase.ACTUAL_12M


@pytest.mark.parametrize(
    ("state", "today", "sme_phases", "officer_phases"),
    [
        ("applied", COMPLETED_ON, {B}, {B}),
        ("selected", COMPLETED_ON, {B}, {B}),
        ("agreed", COMPLETED_ON, {B, T}, {B, T}),
        ("designing", COMPLETED_ON, {B, T}, {B, T}),
        ("building", COMPLETED_ON, set(), {B, T}),  # the SME's windows have closed; an officer corrects
        ("inspected", COMPLETED_ON, set(), {B, T}),
        ("completed", COMPLETED_ON, {C}, {B, T, C}),
        ("completed", date(2026, 7, 14), {C}, {B, T, C}),  # a day short of 6 months
        ("completed", date(2026, 7, 15), {C, M6}, {B, T, C, M6}),
        ("completed", date(2027, 1, 15), {C, M6, M12}, ALL_PHASES),
        ("rejected", COMPLETED_ON, set(), set()),
        ("cancelled", COMPLETED_ON, set(), set()),
    ],
)
def test_which_phases_open_when(app, db_session, world, state, today, sme_phases, officer_phases):
    project = _project(app, db_session, world, state, COMPLETED_ON)
    assert set(recordable_phases(world.sme.user, project, today)) == sme_phases
    assert set(recordable_phases(world.officer.user, project, today)) == officer_phases
    for user in (world.sponsor.user, world.supplier.user, world.outsider.user):
        assert recordable_phases(user, project, today) == []


@pytest.mark.parametrize(
    ("who", "error"),
    [("sponsor", Forbidden), ("supplier", Forbidden), ("outsider", Forbidden), ("admin", Forbidden)],
)
def test_only_the_sme_and_officers_record(app, db_session, world, who, error):
    project = _project(app, db_session, world, "applied")
    user = make_user(app, db_session, Role.ADMIN) if who == "admin" else getattr(world, who).user
    with app.test_request_context(), pytest.raises(error):
        record_kpis(db_session, context_of(user), project, kpis("baseline", GOOD))
    assert _count(db_session) == 0


def test_a_closed_phase_is_refused_and_an_officer_may_correct(app, db_session, world):
    project = _project(app, db_session, world, "building")
    with app.test_request_context():
        with pytest.raises(Conflict):
            record_kpis(db_session, context_of(world.sme.user), project, kpis("baseline", GOOD))
        with pytest.raises(Conflict):
            record_kpis(db_session, context_of(world.sme.user), project, kpis("actual_completion", GOOD))
        rows = record_kpis(db_session, context_of(world.officer.user), project, kpis("baseline", GOOD))
    assert {row.kpi: row.value for row in rows} == {
        "productivity": Decimal("120.5"),
        "defect_rate": Decimal("3.2"),
        "employment": Decimal(42),
    }
    assert {row.recorded_by_id for row in rows} == {world.officer.user.id}


def test_values_are_exact_and_an_empty_one_removes_it(app, db_session, world):
    project = _project(app, db_session, world, "applied")
    with app.test_request_context():
        record_kpis(
            db_session,
            context_of(world.sme.user),
            project,
            kpis("baseline", {"sales": "12,345,678,901", "energy": "0.0001"}),
        )
        db_session.commit()
        db_session.expire_all()
        stored = {row.kpi: row.value for row in db_session.scalars(select(KpiValue))}
        assert stored == {"sales": Decimal("12345678901"), "energy": Decimal("0.0001")}
        record_kpis(db_session, context_of(world.sme.user), project, kpis("baseline", {"energy": ""}))
    assert [row.kpi for row in db_session.scalars(select(KpiValue))] == ["sales"]


def _api(client, world, project_id, body, side=None):
    return client.put(f"/api/v1/projects/{project_id}/kpis", json=body, headers=(side or world.sme).headers)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"productivity": "abc"}, "productivity", "Enter a number."),
        ({"productivity": "NaN"}, "productivity", "Enter a number."),
        ({"productivity": True}, "productivity", "Enter a number."),
        ({"cost": -5}, "cost", "This cannot be negative."),
        ({"employment": "-1"}, "employment", "This cannot be negative."),
        ({"defect_rate": "150"}, "defect_rate", "Enter at most 100."),
        ({"employment": 2.5}, "employment", "Enter a whole number."),
        ({"energy": "1.23456"}, "energy", "Use at most 4 decimal places."),
        ({"happiness": 3}, "happiness", "There is no such KPI."),
    ],
)
def test_the_api_refuses_a_bad_value_and_writes_nothing(app, client, db_session, world, values, field, message):
    project = _project(app, db_session, world, "applied")
    response = _api(client, world, project.id, {"phase": "baseline", "values": {"productivity": "100"} | values})
    error = assert_error_shape(response, 400, "validation_failed")
    assert error["fields"][field] == [message]
    assert _count(db_session) == 0


def test_the_api_records_and_reads_a_phase(app, client, db_session, world):
    project = _project(app, db_session, world, "agreed")
    assert _api(client, world, project.id, {"phase": "baseline", "values": {"productivity": 100}}).status_code == 200
    body = _api(client, world, project.id, {"phase": "target", "values": {"productivity": "125.50"}}).get_json()
    assert body["recordable_phases"] == ["baseline", "target"]
    productivity = next(kpi for kpi in body["kpis"] if kpi["code"] == "productivity")
    assert productivity["values"]["baseline"] == "100"
    assert productivity["values"]["target"] == "125.5"
    assert productivity["target_change"] == "25.5"
    assert productivity["direction"] == "higher"
    read = client.get(f"/api/v1/projects/{project.id}/kpis", headers=world.sponsor.headers)
    assert read.status_code == 200
    assert read.get_json() == body | {"recordable_phases": []}


def test_the_api_answers_closed_phases_strangers_and_bad_phases(app, client, db_session, world):
    project = _project(app, db_session, world, "applied")
    assert_error_shape(_api(client, world, project.id, {"phase": "target", "values": GOOD}), 409, "conflict")
    assert_error_shape(_api(client, world, project.id, {"phase": "later", "values": GOOD}), 400, "validation_failed")
    assert_error_shape(
        _api(client, world, project.id, {"phase": "baseline", "values": GOOD}, world.outsider), 404, "not_found"
    )
    assert_error_shape(
        _api(client, world, project.id, {"phase": "baseline", "values": GOOD}, world.sponsor), 403, "forbidden"
    )
    assert _count(db_session) == 0
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert set(paths["/api/v1/projects/{project_id}/kpis"]) == {"get", "put"}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_form_shows_each_field_message_and_writes_nothing(app, db_session, world, language):
    project = _project(app, db_session, world, "applied")
    browser = app.test_client()
    browser.set_cookie("lang", language)
    assert log_in(browser, world.sme.user.email, PASSWORD).status_code == 302
    headers = {"Accept-Language": language}
    page = browser.get(f"/projects/{project.id}/kpis?phase=baseline", headers=headers).get_data(as_text=True)
    assert 'id="kpi-form"' in page
    data = {"phase": "baseline", "productivity": "열둘", "cost": "-3", "employment": "40"}
    response = post_form(browser, f"/projects/{project.id}/kpis", data, headers=headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert ("숫자를 입력하세요." if language == "ko" else "Enter a number.") in html
    assert ("음수일 수 없습니다." if language == "ko" else "This cannot be negative.") in html
    assert 'value="열둘"' in html  # what was typed stays in the field
    assert _count(db_session) == 0
    data |= {"productivity": "1,200.5", "cost": "3000"}
    response = post_form(browser, f"/projects/{project.id}/kpis", data, headers=headers)
    assert response.status_code == 302
    page = browser.get(response.location, headers=headers).get_data(as_text=True)
    assert "1,200.5" in page
    assert "3,000" in page
    assert _count(db_session) == 3
