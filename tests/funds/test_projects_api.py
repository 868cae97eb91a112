"""The projects API: applying splits the cost exactly, moves carry the money, bad input writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from funds.models import GovernmentProgramme, LedgerTransaction, Project, TransactionKind
from funds.projects import services as projects
from marketplace.matches.sources import programme_listing
from marketplace.programmes.models import SponsorProgramme
from tests.conftest import assert_error_shape
from tests.factories import context_of, make_need
from tests.funds.conftest import GOVERNMENT_ONLY, TYPE_2, application, applied, apply, move

M = 1_000_000


def project_count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(Project))


def balance(client, world, path: str) -> dict:
    return client.get(path, headers=world.sme.headers).get_json()


def test_applying_splits_the_cost_by_the_rule_and_shows_which(client, world):
    project = apply(client, world, cost_krw=200 * M)
    # Type 1 basic: the government's 30 % is capped at ₩42M; the SME stays at 40 %; the sponsor covers the rest.
    assert (project["government_share_krw"], project["sponsor_share_krw"], project["sme_share_krw"]) == (
        42 * M,
        78 * M,
        80 * M,
    )
    assert project["rule_terms"] == {
        "tier": "basic",
        "government_percent": 30,
        "government_cap_krw": 42 * M,
        "sponsor_min_percent": 30,
        "sponsor_cap_krw": None,
        "sme_max_percent": 40,
        "total_cap_krw": None,
    }
    assert project["status"] == "applied"
    assert client.get(f"/api/v1/projects/{project['id']}", headers=world.sponsor.headers).get_json() == project
    listed = client.get("/api/v1/projects", headers=world.supplier.headers).get_json()
    assert [item["id"] for item in listed["items"]] == [project["id"]]
    assert client.get("/api/v1/projects", headers=world.outsider.headers).get_json()["items"] == []
    assert client.get(f"/api/v1/projects/{project['id']}", headers=world.outsider.headers).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cost_krw": 0}, "cost_krw"),
        ({"cost_krw": "100000000"}, "cost_krw"),
        ({"cost_krw": 10.5}, "cost_krw"),
        ({"tier": "gold"}, "tier"),
        ({"need_id": 999_999}, "need_id"),
        ({"solution_id": 999_999}, "solution_id"),
        ({"government_programme_id": 999_999}, "government_programme_id"),
        ({"programme_id": None}, "programme_id"),  # type 1 needs a sponsor
        ({"government_programme_id": GOVERNMENT_ONLY}, "programme_id"),  # which takes none
        ({"government_programme_id": TYPE_2, "cost_krw": 20 * M + 1}, "cost_krw"),  # type 2 funds ₩20M at most
        ({"cost_krw": 400 * M}, "cost_krw"),  # the sponsor's cap per project (₩100M) cannot cover its share
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_applications_name_the_field_and_write_nothing(client, world, db_session, changes, field):
    response = client.post("/api/v1/projects", json=application(world, **changes), headers=world.sme.headers)
    error = assert_error_shape(response, 400, "validation_failed")
    assert field in error["fields"], error
    assert project_count(db_session) == 0


def test_only_an_sme_applies_and_only_with_its_own_need(client, world, db_session):
    response = client.post("/api/v1/projects", json=application(world), headers=world.sponsor.headers)
    assert_error_shape(response, 403, "forbidden")
    response = client.post("/api/v1/projects", json=application(world), headers=world.outsider.headers)
    assert assert_error_shape(response, 400, "validation_failed")["fields"].keys() == {"need_id"}
    assert project_count(db_session) == 0


def test_a_need_has_one_project_under_way(client, world, db_session):
    apply(client, world)
    response = client.post("/api/v1/projects", json=application(world), headers=world.sme.headers)
    assert_error_shape(response, 409, "conflict")
    assert project_count(db_session) == 1


def test_the_money_follows_the_project_through_its_life(client, world, runner):
    project = apply(client, world)
    programme_path = f"/api/v1/programmes/{world.programme.id}/balance"
    budget_path = "/api/v1/government-programmes/1/balance"
    assert move(client, world.sponsor, project["id"], "select").status_code == 200
    agreed = move(client, world.officer, project["id"], "agree").get_json()
    assert agreed["status"] == "agreed"
    assert date.fromisoformat(agreed["design_due_on"]) > date.fromisoformat(agreed["agreed_on"])
    assert balance(client, world, programme_path) == {
        "pledged_krw": 5_000 * M,
        "committed_krw": 30 * M,
        "remaining_krw": 4_970 * M,
    }
    assert balance(client, world, budget_path)["committed_krw"] == 30 * M
    for side, action in ((world.supplier, "start_design"), (world.supplier, "start_build"), (world.officer, "inspect")):
        assert move(client, side, project["id"], action).status_code == 200
    inspected = client.get(f"/api/v1/projects/{project['id']}", headers=world.sme.headers).get_json()
    assert inspected["disbursed_at"] is not None
    assert [event["action"] for event in inspected["events"]] == [
        "apply",
        "select",
        "agree",
        "start_design",
        "start_build",
        "inspect",
    ]
    assert runner.invoke(args=["funds", "check"]).exit_code == 0


def test_cancelling_releases_what_was_committed(client, world, runner, db_session):
    project = apply(client, world)
    move(client, world.sponsor, project["id"], "select")
    move(client, world.officer, project["id"], "agree")
    response = move(client, world.sme, project["id"], "cancel")
    assert_error_shape(response, 400, "validation_failed")  # a reason is required
    assert move(client, world.sme, project["id"], "cancel", reason="예산 재편성").get_json()["status"] == "cancelled"
    programme = balance(client, world, f"/api/v1/programmes/{world.programme.id}/balance")
    assert programme["committed_krw"] == 0
    assert balance(client, world, "/api/v1/government-programmes/1/balance")["committed_krw"] == 0
    kinds = db_session.scalars(select(LedgerTransaction.kind).where(LedgerTransaction.project_id == project["id"]))
    assert sorted(kinds) == [TransactionKind.COMMIT, TransactionKind.RELEASE]
    assert runner.invoke(args=["funds", "check"]).exit_code == 0


def test_an_agreement_the_budget_cannot_cover_is_refused_and_writes_nothing(client, world, db_session):
    db_session.get(GovernmentProgramme, 1).budget_krw = 29 * M  # less than the project's ₩30M government share
    db_session.commit()
    project = apply(client, world)
    move(client, world.sponsor, project["id"], "select")
    response = move(client, world.officer, project["id"], "agree")
    error = assert_error_shape(response, 409, "insufficient_funds")
    assert "budget" in error["message"]
    db_session.expire_all()
    assert db_session.get(Project, project["id"]).status == "selected"
    assert db_session.scalar(select(func.count()).select_from(LedgerTransaction)) == 0


def test_a_pool_cannot_be_cut_below_what_is_committed(client, world, db_session):
    project = apply(client, world)
    move(client, world.sponsor, project["id"], "select")
    move(client, world.officer, project["id"], "agree")
    path = f"/api/v1/programmes/{world.programme.id}"
    response = client.patch(
        path, json={"pledged_pool_krw": 29 * M, "per_project_cap_krw": 29 * M}, headers=world.sponsor.headers
    )
    assert_error_shape(response, 409, "insufficient_funds")
    assert client.get(path, headers=world.sponsor.headers).get_json()["pledged_pool_krw"] == 5_000 * M
    response = client.patch(
        path, json={"pledged_pool_krw": 30 * M, "per_project_cap_krw": 30 * M}, headers=world.sponsor.headers
    )
    assert response.status_code == 200
    assert balance(client, world, f"{path}/balance") == {
        "pledged_krw": 30 * M,
        "committed_krw": 30 * M,
        "remaining_krw": 0,
    }


def test_on_the_government_only_track_the_officer_selects_and_the_sme_pays_the_rest(client, world, runner):
    project = apply(client, world, programme_id=None, government_programme_id=GOVERNMENT_ONLY, cost_krw=150 * M)
    assert (project["government_share_krw"], project["sponsor_share_krw"], project["sme_share_krw"]) == (
        50 * M,
        0,
        100 * M,
    )
    assert move(client, world.sponsor, project["id"], "select").status_code == 404  # no sponsor on this track
    assert move(client, world.officer, project["id"], "select").status_code == 200
    assert move(client, world.officer, project["id"], "agree").status_code == 200
    assert runner.invoke(args=["funds", "check"]).exit_code == 0


@pytest.mark.parametrize(
    ("who", "action", "status", "code"),
    [
        ("sponsor", "fly", 400, "validation_failed"),
        ("sponsor", "agree", 403, "forbidden"),
        ("officer", "inspect", 409, "invalid_transition"),
        ("outsider", "select", 404, "not_found"),
    ],
)
def test_refused_moves_answer_with_the_error_shape(client, world, who, action, status, code):
    project = apply(client, world)
    assert_error_shape(move(client, getattr(world, who), project["id"], action), status, code)


def test_design_overdue_three_months_after_agreement(app, db_session, world):
    with app.test_request_context():
        project = projects.apply_for_project(db_session, context_of(world.sme.user), applied(world))
        projects.transition_project(db_session, context_of(world.sponsor.user), project, "select")
        agreed_on = date(2026, 1, 31)
        projects.transition_project(db_session, context_of(world.officer.user, agreed_on), project, "agree")
    assert project.design_due_on == date(2026, 4, 30)
    assert not project.design_overdue(date(2026, 4, 30))
    assert project.design_overdue(date(2026, 5, 1))
    overdue = db_session.scalars(select(Project.id).where(projects.overdue_condition(date(2026, 5, 1)))).all()
    assert overdue == [project.id]


def test_status_filter_is_checked(client, world):
    assert_error_shape(
        client.get("/api/v1/projects?status=flying", headers=world.sme.headers), 400, "validation_failed"
    )
    apply(client, world)
    assert client.get("/api/v1/projects?status=applied", headers=world.sme.headers).get_json()["total"] == 1
    assert client.get("/api/v1/projects?status=agreed", headers=world.sme.headers).get_json()["total"] == 0


def test_a_second_need_may_have_its_own_project(client, world, db_session):
    apply(client, world)
    other = make_need(db_session, world.sme.user, title="도금 라인 FEMS")
    apply(client, world, need_id=other.id, cost_krw=50 * M)
    assert project_count(db_session) == 2


def test_matching_sees_the_money_a_programme_has_left(client, world, db_session):
    before = world.programme.updated_at
    project = apply(client, world)
    move(client, world.sponsor, project["id"], "select")
    move(client, world.officer, project["id"], "agree")
    db_session.expire_all()
    programme = db_session.get(SponsorProgramme, world.programme.id)
    assert programme.remaining_krw == 4_970 * M
    assert programme_listing(programme).facts.remaining_krw == 4_970 * M
    assert programme.updated_at > before  # so the match index re-reads the programme's facts
