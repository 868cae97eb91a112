"""/api/v1/projects/{id}/kpis: a project's KPIs as JSON, and recording one phase of them (the page's rules)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from funds.models import Project
from funds.projects.services import get_project
from marketplace.api import bp
from marketplace.api.conventions import parse_body
from marketplace.api.openapi import operation
from marketplace.auth.models import User
from marketplace.context import from_request
from marketplace.db import db
from marketplace.permissions import actor, requires
from outcomes import services
from outcomes.schemas import KpisIn, ProjectKpisOut


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def kpis_body(user: User, project: Project) -> dict[str, Any]:
    rows = services.project_kpis(db.session, project)
    return {
        "project_id": project.id,
        "recordable_phases": [phase.value for phase in services.recordable_phases(user, project)],
        "kpis": [
            {
                "code": row.kpi.code,
                "name": str(row.kpi.name),
                "unit": str(row.kpi.unit),
                "direction": row.kpi.direction.value,
                "whole": row.kpi.whole,
                "values": {phase.value: _text(value) for phase, value in row.values.items()},
                "target_change": _text(row.target_change),
                "actual_change": _text(row.actual_change),
            }
            for row in rows
        ],
    }


@bp.get("/projects/<int:project_id>/kpis")
@operation("A project's KPIs: baseline, target and actuals", "outcomes", response=ProjectKpisOut, errors=(401, 404))
@requires()
def get_project_kpis(project_id: int) -> dict[str, Any]:
    return kpis_body(actor(), get_project(db.session, actor(), project_id))


@bp.put("/projects/<int:project_id>/kpis")
@operation(
    "Record one phase of a project's KPIs (its SME while the phase is open; officers to correct)",
    "outcomes",
    body=KpisIn,
    response=ProjectKpisOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def put_project_kpis(project_id: int) -> dict[str, Any]:
    command = parse_body(KpisIn)
    project = get_project(db.session, actor(), project_id, for_update=True)
    services.record_kpis(db.session, from_request(actor()), project, command)
    db.session.flush()
    return kpis_body(actor(), project)
