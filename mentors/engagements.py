"""Engagements: propose, move through their states (one function), read; who is party to one."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from funds.models import Project
from marketplace import clock
from marketplace.auth.models import Role, User
from marketplace.context import ServiceContext
from marketplace.db import utcnow
from marketplace.errors import Conflict, Forbidden, NotFound
from marketplace.interests.models import Interest, InterestStatus, TargetType
from marketplace.needs.models import Need, NeedStatus
from marketplace.permissions import require_verified_email
from marketplace.policy import can, ensure, found
from marketplace.programmes.models import SponsorProgramme
from marketplace.validation import MESSAGE_CHARS, check_date, check_text, fail
from mentors.capacity import claim_slot, release_slot
from mentors.models import (
    ENGAGEMENT_MOVES,
    HOLDS_A_SLOT,
    LIVE_STATES,
    Engagement,
    EngagementEvent,
    EngagementStatus,
    MentorProfile,
)
from mentors.models.engagement import MAX_MONTHS, MIN_MONTHS
from mentors.notices import notify_engagement_moved, notify_engagement_proposed
from mentors.policies import parties as parties  # the sides a user acts for
from mentors.schemas import EngagementIn

PROPOSABLE_NEED_STATES = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)
REASON_REQUIRED = ("complete",)


class MentorNotVerified(Conflict):
    code = "mentor_not_verified"


class TooEarlyToStart(Conflict):
    code = "engagement_not_due_to_start"


def can_start_on(engagement: Engagement, today: date) -> bool:
    """An engagement starts on or after its planned start date (its logs are dated from then on)."""
    return today >= engagement.start_date


def _check_start(engagement: Engagement, today: date) -> None:
    if not can_start_on(engagement, today):
        raise TooEarlyToStart(
            _l(
                "This engagement can start on or after its planned start, %(date)s.",
                date=engagement.start_date.isoformat(),
            )
        )


def check_proposal(values: dict[str, Any], today: date) -> None:
    """The fields of a proposal: a start from today on, 3 to 6 months, an optional project id."""
    months = values.get("months")
    if isinstance(months, bool) or not isinstance(months, int) or not MIN_MONTHS <= months <= MAX_MONTHS:
        raise fail("months", _l("An engagement lasts 3 to 6 months."))
    check_date(values, "start_date", required=True)
    if values["start_date"] < today:
        raise fail("start_date", _l("The start cannot be in the past."))
    project_id = values.get("project_id")
    if project_id is not None and (isinstance(project_id, bool) or not isinstance(project_id, int) or project_id < 1):
        raise fail("project_id", _l("Give the id of a project, or nothing."))
    check_text(values, "message", MESSAGE_CHARS, required=False)


def get_engagement(session: Session, viewer: User | None, engagement_id: int, for_update: bool = False) -> Engagement:
    """An engagement its parties, officers and admins see; to anyone else it does not exist.

    `for_update` locks the row (PostgreSQL) so two concurrent moves of one engagement run one after the other.
    """
    engagement = session.get(Engagement, engagement_id, with_for_update=for_update, populate_existing=for_update)
    return found(viewer, engagement, _l("No such engagement."))


def _mentoring_links(sponsor_organisation_id: int, column: Any) -> Select[Any]:
    """`column` of each (mentoring programme of the sponsor, SME whose interest in it the sponsor accepted).

    Until co-investment projects exist (the funds issue), this is the only link between a sponsor and an SME.
    """
    return (
        select(column)
        .select_from(SponsorProgramme)
        .join(Interest, (Interest.target_type == TargetType.PROGRAMME) & (Interest.target_id == SponsorProgramme.id))
        .where(
            SponsorProgramme.organisation_id == sponsor_organisation_id,
            SponsorProgramme.offers_mentoring.is_(True),
            Interest.status == InterestStatus.ACCEPTED,
        )
    )


def sponsor_programme_for(session: Session, sponsor_organisation_id: int, sme_organisation_id: int) -> int | None:
    """The sponsor's mentoring programme the SME is in, if any (the lowest id when several)."""
    links = _mentoring_links(sponsor_organisation_id, SponsorProgramme.id)
    statement = links.where(Interest.sender_organisation_id == sme_organisation_id).order_by(SponsorProgramme.id)
    return session.scalar(statement.limit(1))


def proposable_needs(session: Session, actor: User) -> list[Need]:
    """The needs the actor may propose a mentor for: the SME's own, or those of SMEs in the sponsor's programmes."""
    if actor.organisation_id is None or actor.role not in (Role.SME, Role.SPONSOR):
        return []
    if actor.role == Role.SME:
        owners: Any = Need.organisation_id == actor.organisation_id
    else:
        owners = Need.organisation_id.in_(_mentoring_links(actor.organisation_id, Interest.sender_organisation_id))
    statement = select(Need).where(owners, Need.status.in_(PROPOSABLE_NEED_STATES))
    return list(session.scalars(statement.order_by(Need.created_at.desc(), Need.id.desc()).limit(100)))


def _proposer_programme(session: Session, actor: User, need: Need) -> int | None:
    """None for the SME's own need; the linking programme for a sponsor; else refused."""
    if actor.role == Role.SME and actor.organisation_id == need.organisation_id:
        return None
    if actor.role == Role.SPONSOR and actor.organisation_id is not None:
        programme_id = sponsor_programme_for(session, actor.organisation_id, need.organisation_id)
        if programme_id is not None:
            return programme_id
    raise Forbidden(
        _l("Only the SME that posted this need, or a sponsor whose mentoring programme it joined, can propose.")
    )


def _proposal_targets(session: Session, actor: User, values: dict[str, Any]) -> tuple[MentorProfile, Need]:
    mentor = session.get(MentorProfile, values["mentor_id"]) if isinstance(values.get("mentor_id"), int) else None
    if mentor is None:
        raise NotFound(_l("No such mentor."), fields={"mentor_id": [str(_l("No such mentor."))]})
    need = session.get(Need, values["need_id"]) if isinstance(values.get("need_id"), int) else None
    # A need the actor may not see (another SME's draft) is answered exactly as a missing one: no oracle.
    if need is None or not can(actor, "view", need):
        raise NotFound(_l("No such need."), fields={"need_id": [str(_l("No such need."))]})
    return mentor, need


def _check_project(session: Session, project_id: int | None, need: Need) -> None:
    """An engagement may name one of the need's co-investment projects."""
    if project_id is None:
        return
    project = session.get(Project, project_id)
    if project is None or project.need_id != need.id:
        raise fail("project_id", _l("Choose a co-investment project of this need, or none."))


def propose_engagement(session: Session, ctx: ServiceContext, command: EngagementIn) -> Engagement:
    """An SME (or a sponsor, for an SME in its programme) proposes a verified mentor for a need."""
    actor, values = ctx.actor, command.every_value()
    ensure(actor, "propose", Engagement, _l("Only SMEs and sponsors propose engagements."))
    require_verified_email(actor)
    check_proposal(values, ctx.today)
    mentor, need = _proposal_targets(session, actor, values)
    _check_project(session, values.get("project_id"), need)
    programme_id = _proposer_programme(session, actor, need)
    if not mentor.is_verified:
        raise MentorNotVerified(_l("This mentor is not verified yet; an officer verifies mentors first."))
    if need.status not in PROPOSABLE_NEED_STATES:
        raise Conflict(_l("Mentors are proposed for open or in-progress needs only."))
    if not mentor.available_on(values["start_date"]):
        raise fail("start_date", _l("The mentor is not available on that date."))
    live = select(Engagement.id).where(
        Engagement.mentor_id == mentor.id, Engagement.need_id == need.id, Engagement.status.in_(LIVE_STATES)
    )
    if session.scalar(live) is not None:
        raise Conflict(_l("This mentor already has an engagement for this need."))
    engagement = Engagement.for_need(
        mentor,
        need,
        actor,
        programme_id=programme_id,
        project_id=values.get("project_id"),
        start_date=values["start_date"],
        months=values["months"],
        message=(values.get("message") or "").strip(),
        status=EngagementStatus.PROPOSED,
    )
    session.add(engagement)
    session.flush()
    notify_engagement_proposed(session, engagement, ctx)
    return engagement


def transition_engagement(
    session: Session, ctx: ServiceContext, engagement: Engagement, action: str, reason: str | None = None
) -> Engagement:
    """The one way an engagement's status changes: the right party acts, from the right state.

    Accepting or resuming takes one of the mentor's slots (409 when none is free); pausing and
    ending an accepted or active engagement gives it back. Starting waits for the planned start date
    (as of ctx.today). Every move is recorded with who and when.
    """
    actor = ctx.actor
    source = engagement.status
    refusal = _l("You are not the party who can do this to the engagement.")
    sides = parties(actor, engagement)
    target = ENGAGEMENT_MOVES.target_for(source, action, sides, refusal)
    if action == "start":
        _check_start(engagement, ctx.today)
    reason = (reason or "").strip() or None
    check_text({"reason": reason}, "reason", MESSAGE_CHARS, required=action in REASON_REQUIRED)
    if target in HOLDS_A_SLOT and source not in HOLDS_A_SLOT:
        claim_slot(session, engagement.mentor)
    elif source in HOLDS_A_SLOT and target not in HOLDS_A_SLOT:
        release_slot(session, engagement.mentor)
    now = utcnow()
    engagement.status = target
    if target == EngagementStatus.ACTIVE:
        engagement.active_since = now
    if target in (EngagementStatus.COMPLETED, EngagementStatus.CANCELLED, EngagementStatus.DECLINED):
        engagement.ended_at = now
        engagement.end_reason = reason
    engagement.events.append(
        EngagementEvent(
            action=action, from_status=source.value, to_status=target.value, actor_id=actor.id, reason=reason, at=now
        )
    )
    session.flush()
    notify_engagement_moved(session, engagement, ctx, action, sides)
    return engagement


def available_actions(user: User, engagement: Engagement, today: date | None = None) -> list[str]:
    """The moves this user can make now (the buttons on the engagement's page); no start before its date."""
    actions = ENGAGEMENT_MOVES.available_to(engagement.status, parties(user, engagement))
    if not can_start_on(engagement, today or clock.today()):
        actions = [action for action in actions if action != "start"]
    return actions
