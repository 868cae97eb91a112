"""What the SME's dashboard shows, and the KPI averages every dashboard puts beside the public benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from funds.models import COMMITTED_STATES, Project, ProjectStatus
from funds.reports import by_state, paid_krw
from marketplace.auth.models import User
from marketplace.errors import NotFound
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.policy import ensure
from mentors.models import Engagement
from outcomes.measures import KpiAverage, averages
from outcomes.policies import SmeOutcomesOf
from outcomes.services import KpiRow, kpi_rows, values_by_project


def outcome_averages(session: Session, condition: Any) -> list[KpiAverage]:
    """Each KPI's mean change over the projects meeting `condition` (those with a baseline and an actual)."""
    ids = list(session.scalars(select(Project.id).where(condition)))
    return averages(values_by_project(session, ids).values())


@dataclass(frozen=True)
class ProjectOutcome:
    project: Project
    kpis: list[KpiRow]

    @property
    def measured(self) -> bool:
        return any(row.values[phase] is not None for row in self.kpis for phase in row.values)


@dataclass(frozen=True)
class SmeDashboard:
    organisation: Organisation
    projects: list[ProjectOutcome]
    by_state: list[tuple[ProjectStatus, int]]
    committed_cost_krw: int  # the cost of its committed projects
    sme_share_krw: int  # its own share of them
    paid_krw: int
    engagements: list[Engagement]
    averages: list[KpiAverage]


def _ensure_sme_viewer(actor: User, organisation_id: int) -> None:
    ensure(
        actor,
        "view",
        SmeOutcomesOf(organisation_id),
        _l("Only the SME itself, officers and admins see an SME's dashboard."),
    )


def sme_dashboard(session: Session, actor: User, organisation_id: int) -> SmeDashboard:
    """An SME's projects with their KPIs against baseline and target, its mentors and what it has paid."""
    _ensure_sme_viewer(actor, organisation_id)
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind != OrganisationKind.SME:
        raise NotFound(_l("No such SME."))
    condition = Project.sme_organisation_id == organisation_id
    projects = list(session.scalars(select(Project).where(condition).order_by(Project.id)))
    values = values_by_project(session, [project.id for project in projects])
    committed = [project for project in projects if project.status in COMMITTED_STATES]
    engagements = session.scalars(
        select(Engagement)
        .where(Engagement.organisation_id == organisation_id)
        .options(selectinload(Engagement.mentor))
        .order_by(Engagement.start_date, Engagement.id)
    )
    return SmeDashboard(
        organisation=organisation,
        projects=[ProjectOutcome(project, kpi_rows(values.get(project.id, {}))) for project in projects],
        by_state=by_state(session, condition),
        committed_cost_krw=sum(project.cost_krw for project in committed),
        sme_share_krw=sum(project.sme_share_krw for project in committed),
        paid_krw=paid_krw(session, organisation_id),
        engagements=list(engagements),
        averages=averages(values.values()),
    )
