"""The demo world's co-investment projects, in every state, made through the funds services (part of `seed-demo`).

The data lives in projects_data.py. Each project is applied for by its SME and moved by the party
whose move it is (the sponsor selects, the officer agrees and inspects, the supplier designs and builds,
the SME completes or cancels), so the ledger holds exactly what those moves commit, release and disburse.
The SME records its KPIs as it goes (marketplace.demo.outcomes): baseline, targets, actuals.
A project is identified by its need: a need that has any project is left alone. Applications are dated
the day their sponsor programme opened, so the demo does not depend on today's date falling in the window.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from funds.energy.services import mark_preinvestment, record_saving
from funds.models import Project
from funds.projects.services import apply_for_project, transition_project
from funds.schemas import ProjectIn
from marketplace import clock
from marketplace.auth.models import Role, User
from marketplace.context import ServiceContext
from marketplace.dates import add_months
from marketplace.demo.outcomes import record_demo_kpis
from marketplace.demo.outcomes_data import BUILD_MONTHS
from marketplace.demo.people import demo_email, demo_members
from marketplace.demo.projects_data import CANCEL_REASON, ENERGY_NEED, PROJECTS, REJECT_REASON, SAVINGS, DemoProject
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.programmes.models import SponsorProgramme
from marketplace.solutions.models import Solution
from mentors.models import Engagement

COMMITTED_PATH = ("select", "agree", "start_design", "start_build", "inspect", "complete")
PATHS = {
    "applied": (),
    "selected": COMMITTED_PATH[:1],
    "agreed": COMMITTED_PATH[:2],
    "designing": COMMITTED_PATH[:3],
    "building": COMMITTED_PATH[:4],
    "inspected": COMMITTED_PATH[:5],
    "completed": COMMITTED_PATH,
    "rejected": ("reject",),
    "cancelled": ("select", "agree", "cancel"),  # cancelling a committed project releases its money
}
REASONS = {"reject": REJECT_REASON, "cancel": CANCEL_REASON}


class _Cast:
    """The demo world's parties, found once: users by organisation, listings by (organisation, title)."""

    def __init__(self, session: Session) -> None:
        self.smes = demo_members(session, OrganisationKind.SME)
        self.suppliers = demo_members(session, OrganisationKind.SUPPLIER)
        sponsors = demo_members(session, OrganisationKind.SPONSOR)
        self.sponsor_users = {organisation.id: user for organisation, user in sponsors.values()}
        self.officer = session.scalar(select(User).where(User.email == demo_email(Role.OFFICER, 1)))
        self.needs = {(n.organisation_id, n.title): n for n in session.scalars(select(Need))}
        self.solutions = {(s.organisation_id, s.title): s for s in session.scalars(select(Solution))}
        owned = SponsorProgramme.organisation_id.in_(list(self.sponsor_users))
        self.programmes = {p.name: p for p in session.scalars(select(SponsorProgramme).where(owned))}
        self.taken = set(session.scalars(select(Project.need_id)))

    def actor(self, project: Project, action: str) -> User | None:
        if action in ("agree", "inspect") or (action in ("select", "reject") and project.programme_id is None):
            return self.officer
        if action in ("select", "reject"):
            return self.sponsor_users.get(project.sponsor_organisation_id or 0)
        if action in ("start_design", "start_build"):
            return _member_user(self.suppliers, project.supplier_organisation_id)
        return _member_user(self.smes, project.sme_organisation_id)


def _member_user(members: dict[int, tuple[Organisation, User]], organisation_id: int) -> User | None:
    return next((user for organisation, user in members.values() if organisation.id == organisation_id), None)


def seed_projects(session: Session, today: date | None = None) -> int:
    """Create the missing demo projects and the energy savings; return how many projects."""
    today = today or clock.today()
    cast = _Cast(session)
    created = 0
    for row in PROJECTS:
        project = _seed_project(session, cast, row, today)
        if project is None:
            continue
        created += 1
        if row.need_title == ENERGY_NEED:
            _seed_savings(session, cast, project, today)
    session.flush()
    return created


def _seed_project(session: Session, cast: _Cast, row: DemoProject, today: date) -> Project | None:
    sme, supplier = cast.smes.get(row.sme), cast.suppliers.get(row.supplier)
    programme = cast.programmes.get(row.programme) if row.programme else None
    if sme is None or supplier is None or cast.officer is None or (row.programme and programme is None):
        return None
    need, solution = (
        cast.needs.get((sme[0].id, row.need_title)),
        cast.solutions.get((supplier[0].id, row.solution_title)),
    )
    if need is None or solution is None or need.id in cast.taken:
        return None
    application = ProjectIn(
        need_id=need.id,
        solution_id=solution.id,
        programme_id=programme.id if programme else None,
        government_programme_id=row.government_programme,
        tier=row.tier,
        cost_krw=row.cost_krw,
    )
    applied_on = programme.applications_open_on if programme else clock.today()
    project = apply_for_project(session, ServiceContext(sme[1], applied_on, "ko", ""), application)
    cast.taken.add(need.id)
    record_demo_kpis(session, sme[1], project, "apply", today)
    if row.repayment_percent is not None:
        mark_preinvestment(
            session, cast.sponsor_users[project.sponsor_organisation_id or 0], project, row.repayment_percent
        )
    agreed_on = add_months(today, -row.agreed_months_ago)
    for action in PATHS[row.state]:
        actor = cast.actor(project, action)
        if actor is None:
            raise LookupError(f"no demo user to {action} project of need {need.id}")
        # Built in BUILD_MONTHS: a project agreed long ago has been completed long enough for later actuals.
        moved_on = min(today, add_months(agreed_on, BUILD_MONTHS)) if action == "complete" else agreed_on
        transition_project(session, ServiceContext(actor, moved_on, "ko", ""), project, action, REASONS.get(action))
        record_demo_kpis(session, sme[1], project, action, today)
    _name_project_in_engagements(session, project)
    return project


def _name_project_in_engagements(session: Session, project: Project) -> None:
    """A mentor already coaching the SME on the need this project builds names the project (as the SME would
    on the engagement's form): the sponsor's shared-growth evidence counts that mentor as sent."""
    statement = select(Engagement).where(Engagement.need_id == project.need_id, Engagement.project_id.is_(None))
    for engagement in session.scalars(statement):
        engagement.project_id = project.id


def _seed_savings(session: Session, cast: _Cast, project: Project, today: date) -> None:
    sme = _member_user(cast.smes, project.sme_organisation_id)
    if sme is None:
        return
    for saving in SAVINGS:
        month = add_months(today.replace(day=1), -saving.months_ago)
        record_saving(session, ServiceContext(sme, today, "ko", ""), project, month, saving.saved_krw, saving.saved_kwh)
