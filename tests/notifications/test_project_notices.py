"""A project's moves tell the party who must act next (and, at the end, every party), never the mover."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from funds.models import Project
from funds.projects.services import transition_project
from marketplace.auth.models import Role
from marketplace.notifications.models import Notification
from tests.conftest import log_in
from tests.factories import PASSWORD, context_of, make_programme, make_solution, make_user
from tests.funds.making import TO_STATE, make_project, mover


@pytest.fixture
def world(app, db_session):
    """The parties of a project, each with a colleague in the same organisation, and two officers."""
    sme, sponsor, supplier = (make_user(app, db_session, role) for role in (Role.SME, Role.SPONSOR, Role.SUPPLIER))
    colleagues = {
        name: make_user(app, db_session, user.role, organisation=user.organisation)
        for name, user in (("sme", sme), ("sponsor", sponsor), ("supplier", supplier))
    }
    people = {
        "sme": sme,
        "sponsor": sponsor,
        "supplier": supplier,
        "officer": make_user(app, db_session, Role.OFFICER),
        "officer2": make_user(app, db_session, Role.OFFICER),
    } | {f"{name}_colleague": user for name, user in colleagues.items()}
    return SimpleNamespace(
        people=people,
        sme=SimpleNamespace(user=sme),
        sponsor=SimpleNamespace(user=sponsor),
        supplier=SimpleNamespace(user=supplier),
        officer=SimpleNamespace(user=people["officer"]),
        solution=make_solution(db_session, supplier, price_max_krw=500_000_000),
        programme=make_programme(app, db_session, sponsor),
    )


def told_of(db_session, world, project: Project, status: str) -> set[str]:
    """Who received a notification that the project reached `status`, by their name in the world."""
    statement = select(Notification).where(
        Notification.kind == "project_moved", Notification.link == f"/projects/{project.id}"
    )
    names = {user.id: name for name, user in world.people.items()}
    return {names[n.user_id] for n in db_session.scalars(statement) if n.data["status"] == status}


# The state reached, who moved it there (tests.funds.making.mover), and who must act now; the SME, whose
# project it is, is told of every move it did not make itself.
SME = {"sme", "sme_colleague"}
NOTICES = [
    ("applied", {"sponsor", "sponsor_colleague", "sme_colleague"}),  # the sponsor selects
    ("selected", {"officer", "officer2", *SME}),  # an officer agrees
    ("agreed", {"supplier", "supplier_colleague", *SME}),  # the supplier starts design
    ("designing", {"supplier_colleague", *SME}),  # the supplier builds next; its mover is not told
    ("building", {"officer", "officer2", *SME}),  # an officer inspects
    ("inspected", {"sme", "sme_colleague", "officer2"}),  # the SME (or an officer) completes
    ("completed", {"sme_colleague", "sponsor", "sponsor_colleague", "supplier", "supplier_colleague"}),
    ("rejected", {"sme", "sme_colleague", "sponsor_colleague", "supplier", "supplier_colleague"}),
    ("cancelled", {"sme_colleague", "sponsor", "sponsor_colleague", "supplier", "supplier_colleague"}),
]


@pytest.mark.parametrize(("state", "told"), NOTICES)
def test_each_move_tells_who_must_act_next_and_the_sme(app, db_session, world, state, told):
    with app.test_request_context():
        project = make_project(db_session, world, state)
    assert told_of(db_session, world, project, state) == told
    if TO_STATE[state]:
        assert mover(world, project, TO_STATE[state][-1]) not in [world.people[name] for name in told]


def test_on_the_government_only_track_officers_are_asked_to_select(app, db_session, world):
    with app.test_request_context():
        project = make_project(db_session, world, "applied", programme_id=None, government_programme_id=3)
    assert told_of(db_session, world, project, "applied") == {"officer", "officer2", "sme_colleague"}


def test_the_reason_of_an_ending_is_shown_and_the_text_is_in_the_readers_language(app, db_session, world, client):
    with app.test_request_context():
        project = make_project(db_session, world, "applied", need={"title": "도금 라인 FEMS"})
        transition_project(db_session, context_of(world.sponsor.user), project, "select")
        transition_project(db_session, context_of(world.sme.user), project, "cancel", "자체 예산으로 진행")
    db_session.commit()
    supplier = world.people["supplier"]
    log_in(client, supplier.email, PASSWORD)
    korean = client.get("/notifications/", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "과제 “도금 라인 FEMS”의 상태: 취소" in korean
    assert "사유: 자체 예산으로 진행" in korean
    officer = world.people["officer2"]
    officer_client = app.test_client()
    log_in(officer_client, officer.email, PASSWORD)
    english = officer_client.get("/notifications/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "The project “도금 라인 FEMS” is now: Selected by the sponsor." in english
    assert "Next step: Approve the government share and commit the money." in english
    badge = officer_client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'id="notification-unread">1<' in badge
