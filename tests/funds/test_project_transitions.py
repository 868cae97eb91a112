"""Every project move, from every state, by every party: one table (SPEC's lifecycle), checked through the service."""

from __future__ import annotations

import pytest

from funds.models import Project, ProjectStatus
from funds.projects import services as projects
from marketplace.errors import Forbidden, NotFound
from marketplace.transitions import InvalidTransition
from tests.factories import context_of
from tests.funds.conftest import applied

ACTIONS = ("select", "agree", "start_design", "start_build", "inspect", "complete", "reject", "cancel")
STATES = tuple(ProjectStatus)
ACTORS = ("sme", "sponsor", "supplier", "officer", "outsider")
# Who may take each action, and from which states (SPEC: the sponsor selects, the officer approves the
# government share and inspects, the supplier reports design and build, the SME completes and may cancel).
WHO = {
    "select": {"sponsor"},
    "agree": {"officer"},
    "start_design": {"supplier"},
    "start_build": {"supplier"},
    "inspect": {"officer"},
    "complete": {"sme", "officer"},
    "reject": {"sponsor", "officer"},
    "cancel": {"sme", "officer"},
}
FROM = {
    "select": {"applied"},
    "agree": {"selected"},
    "start_design": {"agreed"},
    "start_build": {"designing"},
    "inspect": {"building"},
    "complete": {"inspected"},
    "reject": {"applied", "selected"},
    "cancel": {"applied", "selected", "agreed", "designing", "building"},
}
# The moves that bring a new project to each state, and who makes them.
PATHS = {
    "applied": [],
    "selected": [("sponsor", "select")],
    "agreed": [("sponsor", "select"), ("officer", "agree")],
    "designing": [("sponsor", "select"), ("officer", "agree"), ("supplier", "start_design")],
    "building": [
        ("sponsor", "select"),
        ("officer", "agree"),
        ("supplier", "start_design"),
        ("supplier", "start_build"),
    ],
    "inspected": [
        ("sponsor", "select"),
        ("officer", "agree"),
        ("supplier", "start_design"),
        ("supplier", "start_build"),
        ("officer", "inspect"),
    ],
    "completed": [
        ("sponsor", "select"),
        ("officer", "agree"),
        ("supplier", "start_design"),
        ("supplier", "start_build"),
        ("officer", "inspect"),
        ("sme", "complete"),
    ],
    "rejected": [("sponsor", "reject")],
    "cancelled": [("sme", "cancel")],
}


def expected(state: str, action: str, actor: str) -> str:
    if actor == "outsider":
        return "not_found"
    if actor not in WHO[action]:
        return "forbidden"
    return "moved" if state in FROM[action] else "invalid_transition"


def attempt(db_session, user, project_id: int, action: str) -> str:
    """What happens when `user` tries `action`; the attempt is rolled back either way."""
    savepoint = db_session.begin_nested()
    try:
        project = projects.get_project(db_session, user, project_id)
        projects.transition_project(db_session, context_of(user), project, action, reason="사유")
        return "moved"
    except NotFound:
        return "not_found"
    except Forbidden:
        return "forbidden"
    except InvalidTransition:
        return "invalid_transition"
    finally:
        savepoint.rollback()
        db_session.expire_all()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", [state.value for state in STATES])
def test_who_may_move_a_project_from_each_state(app, db_session, world, state, action):
    people = {name: getattr(world, name).user for name in ACTORS}
    with app.test_request_context():
        project = projects.apply_for_project(db_session, context_of(people["sme"]), applied(world))
        for who, move in PATHS[state]:
            projects.transition_project(db_session, context_of(people[who]), project, move, reason="사유")
        assert project.status == state
        outcomes = {actor: attempt(db_session, people[actor], project.id, action) for actor in ACTORS}
    assert outcomes == {actor: expected(state, action, actor) for actor in ACTORS}
    assert db_session.get(Project, project.id).status == state  # every attempt was rolled back
