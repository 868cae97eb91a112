"""Co-investment projects: apply, move through the lifecycle (one function), read; who is party to one."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from funds.models import (
    COMMITTED_STATES,
    DESIGN_DUE_MONTHS,
    OPEN_STATES,
    PROJECT_MOVES,
    Project,
    ProjectEvent,
    ProjectStatus,
)
from funds.payments import commands as payment_commands
from funds.payments import services as payment_services
from funds.policies import parties as parties  # the sides a user acts for
from funds.projects import commitments
from funds.projects.applications import check_application, split_for
from funds.projects.notices import notify_project_moved
from funds.schemas import ProjectIn
from marketplace.auth.models import User
from marketplace.context import ServiceContext
from marketplace.dates import add_months
from marketplace.db import utcnow
from marketplace.errors import Conflict
from marketplace.permissions import require_verified_email
from marketplace.policy import ensure, found, visible
from marketplace.validation import MESSAGE_CHARS, check_text, fail

REASON_REQUIRED = ("reject", "cancel")


def get_project(session: Session, viewer: User | None, project_id: int, for_update: bool = False) -> Project:
    """A project its parties, officers and admins see; to anyone else it does not exist.

    `for_update` locks the row (PostgreSQL), so two moves of one project run one after the other.
    """
    project = session.get(Project, project_id, with_for_update=for_update, populate_existing=for_update)
    return found(viewer, project, _l("No such project."))


def visible_condition(viewer: User, status: str | None = None) -> Any:
    """SQL: the projects the viewer may see, optionally of one status (refused if unknown)."""
    condition = visible(viewer, Project)
    if not status:
        return condition
    if status not in set(ProjectStatus):
        raise fail("status", _l("Choose a value from the list."))
    return and_(condition, Project.status == status)


def apply_for_project(session: Session, ctx: ServiceContext, command: ProjectIn) -> Project:
    """An SME applies: its need, a supplier's solution at the quoted cost, a sponsor programme or none.

    `ctx.today` is the day the programme's application window is checked against.
    """
    actor = ctx.actor
    ensure(actor, "apply", Project, _l("Only SMEs apply for co-investment projects."))
    require_verified_email(actor)
    application = check_application(session, ctx, command)
    open_project = select(Project.id).where(Project.need_id == application.need.id, Project.status.in_(OPEN_STATES))
    if session.scalar(open_project) is not None:
        raise Conflict(_l("This need already has a project under way."))
    split = split_for(application)
    project = Project(
        need_id=application.need.id,
        solution_id=application.solution.id,
        programme_id=application.programme.id if application.programme else None,
        government_programme_id=application.government_programme.id,
        rule_id=application.rule.id,
        sme_organisation_id=actor.organisation_id,
        supplier_organisation_id=application.solution.organisation_id,
        sponsor_organisation_id=application.programme.organisation_id if application.programme else None,
        applicant_id=actor.id,
        tier=application.tier,
        cost_krw=split.cost_krw,
        government_share_krw=split.government_krw,
        sponsor_share_krw=split.sponsor_krw,
        sme_share_krw=split.sme_krw,
        rule_terms=application.rule.terms(),
        status=ProjectStatus.APPLIED,
    )
    session.add(project)
    _record_move(session, project, ctx, "apply", None, None)
    return project


def transition_project(
    session: Session, ctx: ServiceContext, project: Project, action: str, reason: str | None = None
) -> Project:
    """The one way a project's status changes: the right party acts, from the right state, and the money follows.

    Agreeing commits the shares (409 `insufficient_funds` when a pool or budget cannot cover them, and
    nothing is written); cancelling a committed project releases them; inspection disburses the escrow.
    """
    actor, today = ctx.actor, ctx.today
    source = project.status
    refusal = _l("You are not the party who can do this to the project.")
    target = PROJECT_MOVES.target_for(source, action, parties(actor, project), refusal)
    reason = (reason or "").strip() or None
    check_text({"reason": reason}, "reason", MESSAGE_CHARS, required=action in REASON_REQUIRED)
    _move_money(session, actor, project, source, target)
    if target == ProjectStatus.AGREED:
        project.agreed_on = today
        project.design_due_on = add_months(project.agreed_on, DESIGN_DUE_MONTHS)
    if target == ProjectStatus.COMPLETED:
        project.completed_on = today
    project.status = target
    _record_move(session, project, ctx, action, source, reason)
    return project


def _record_move(
    session: Session,
    project: Project,
    ctx: ServiceContext,
    action: str,
    source: ProjectStatus | None,
    reason: str | None,
) -> None:
    """Every move of a project, its application included, ends here: the history, then the parties to tell."""
    project.events.append(
        ProjectEvent(
            action=action,
            from_status=source.value if source else None,
            to_status=project.status.value,
            actor_id=ctx.actor.id,
            reason=reason,
            at=utcnow(),
        )
    )
    session.flush()
    notify_project_moved(session, project, ctx, reason)


def _move_money(session: Session, actor: User, project: Project, source: ProjectStatus, target: ProjectStatus) -> None:
    if target == ProjectStatus.AGREED:
        commitments.commit_project(session, actor, project)
    elif target == ProjectStatus.CANCELLED and source in COMMITTED_STATES:
        commitments.release_project(session, actor, project)
        payment_services.queue_project_refunds(session, actor, project)
        payment_commands.send_project_refunds_after_commit(session, project.id)
    elif target == ProjectStatus.INSPECTED:
        commitments.disburse_project(session, actor, project)


def available_actions(user: User, project: Project) -> list[str]:
    """The moves this user can make now (the buttons on the project's page)."""
    return PROJECT_MOVES.available_to(project.status, parties(user, project))


def overdue_condition(today: date) -> Any:
    """SQL: agreed projects whose design is past due."""
    return (Project.status == ProjectStatus.AGREED) & (Project.design_due_on < today)
