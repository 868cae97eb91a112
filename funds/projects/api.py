"""/api/v1/projects and the programmes' balances: the same rules as the pages, as JSON."""

from __future__ import annotations

from typing import Any

from flask import request

from funds.government import rules
from funds.ledger import pools
from funds.models import Project, ProjectStatus
from funds.projects import services as projects
from funds.schemas import (
    ACTIONS,
    GovernmentBalanceOut,
    ProgrammeBalanceOut,
    ProjectIn,
    ProjectList,
    ProjectOut,
    ProjectTransitionIn,
)
from marketplace.api import bp, query
from marketplace.api.conventions import dump, page_body, parse_body
from marketplace.api.openapi import creates, operation
from marketplace.auth.models import Role
from marketplace.context import from_request
from marketplace.db import db
from marketplace.filters import ListingFilters, read_filters
from marketplace.permissions import actor, requires
from marketplace.programmes import services as programmes
from marketplace.search import paginate

LIST_QUERY = (query.status("Only projects in this state", ProjectStatus), *query.PAGING)


def project_body(project: Project) -> dict[str, Any]:
    return dump(ProjectOut, project)


@bp.get("/projects")
@operation(
    "Projects you are a party to (officers: all); a consortium member also reads its programmes' projects",
    "projects",
    response=ProjectList,
    query=LIST_QUERY,
)
@requires()
def list_projects() -> dict[str, Any]:
    filters = read_filters(ListingFilters, request.args, strict=True)
    condition = projects.visible_condition(actor(), filters.status)
    page = paginate(db.session, Project, [condition], "", None, filters.page, filters.per_page)
    return page_body(page, project_body)


@bp.post("/projects")
@creates(
    "Apply for a co-investment project (the SME); the cost is split by the rule",
    "projects",
    ProjectIn,
    ProjectOut,
    errors=(400, 401, 403, 409),
)
@requires(Role.SME)
def create_project() -> tuple[dict[str, Any], int]:
    project = projects.apply_for_project(db.session, from_request(actor()), parse_body(ProjectIn))
    db.session.flush()
    return project_body(project), 201


@bp.get("/projects/<int:project_id>")
@operation("One project you are a party to", "projects", response=ProjectOut, errors=(401, 404))
@requires()
def get_project(project_id: int) -> dict[str, Any]:
    return project_body(projects.get_project(db.session, actor(), project_id))


@bp.post("/projects/<int:project_id>/transitions")
@operation(
    f"Move a project: {ACTIONS}",
    "projects",
    body=ProjectTransitionIn,
    response=ProjectOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def transition_project(project_id: int) -> dict[str, Any]:
    body = parse_body(ProjectTransitionIn)
    project = projects.get_project(db.session, actor(), project_id, for_update=True)
    projects.transition_project(db.session, from_request(actor()), project, body.action, body.reason)
    db.session.flush()
    return project_body(project)


@bp.get("/programmes/<int:programme_id>/balance")
@operation("A sponsor programme's pledged, committed and remaining money", "projects", response=ProgrammeBalanceOut)
@requires()
def programme_balance(programme_id: int) -> dict[str, Any]:
    programme = programmes.get_programme(db.session, actor(), programme_id)
    balance = pools.pool_balance(db.session, programme)
    return {
        "pledged_krw": balance.total_krw,
        "committed_krw": balance.committed_krw,
        "remaining_krw": balance.remaining_krw,
    }


@bp.get("/government-programmes/<int:programme_id>/balance")
@operation("A government programme's budget, committed and remaining money", "projects", response=GovernmentBalanceOut)
@requires()
def government_programme_balance(programme_id: int) -> dict[str, Any]:
    programme = rules.get_government_programme(db.session, programme_id)
    balance = pools.budget_balance(db.session, programme)
    return {
        "budget_krw": balance.total_krw,
        "committed_krw": balance.committed_krw,
        "remaining_krw": balance.remaining_krw,
    }
