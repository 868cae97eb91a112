"""Projects made through the services for the energy and report tests, moved to any state by the right party."""

from __future__ import annotations

from datetime import date

from funds.energy.services import mark_preinvestment
from funds.models import Project
from funds.projects.services import apply_for_project, transition_project
from funds.schemas import ProjectIn
from tests.factories import context_of, make_need

TO_STATE = {
    "applied": (),
    "selected": ("select",),
    "agreed": ("select", "agree"),
    "designing": ("select", "agree", "start_design"),
    "building": ("select", "agree", "start_design", "start_build"),
    "inspected": ("select", "agree", "start_design", "start_build", "inspect"),
    "completed": ("select", "agree", "start_design", "start_build", "inspect", "complete"),
    "rejected": ("reject",),
    "cancelled": ("select", "agree", "cancel"),
}


def mover(world, project: Project, action: str):
    """The party who makes this move (the officer selects on the government-only track)."""
    if action in ("agree", "inspect") or (action in ("select", "reject") and project.programme_id is None):
        return world.officer.user
    if action in ("select", "reject"):
        return world.sponsor.user
    if action in ("start_design", "start_build"):
        return world.supplier.user
    return world.sme.user


def make_project(
    session,
    world,
    state: str = "applied",
    percent: int | None = None,
    cost_krw: int = 100_000_000,
    agreed_on: date | None = None,
    **fields,
) -> Project:
    """A project of the world's SME (a new need each time), marked as a pre-investment at `percent` if given."""
    values = {
        "need_id": make_need(session, world.sme.user, **fields.pop("need", {})).id,
        "solution_id": world.solution.id,
        "programme_id": world.programme.id,
        "government_programme_id": 1,
        "tier": "basic",
        "cost_krw": cost_krw,
    } | fields
    project = apply_for_project(session, context_of(world.sme.user), ProjectIn.model_construct(**values))
    if percent is not None:
        mark_preinvestment(session, world.sponsor.user, project, percent)
    for action in TO_STATE[state]:
        reason = "사유" if action in ("reject", "cancel") else None
        transition_project(session, context_of(mover(world, project, action), agreed_on), project, action, reason)
    session.commit()
    return project
