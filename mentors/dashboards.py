"""What the dashboard shows about mentoring: the mentor's proposals, engagements and due logs; the SME's mentors."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from marketplace.auth.models import Role, User
from mentors.completeness import mentor_profile_hint
from mentors.log_dates import log_due, log_overdue
from mentors.models import LIVE_STATES, Engagement, EngagementStatus, Party
from mentors.next_steps import next_step
from mentors.services import profile_of

RUNNING = (EngagementStatus.ACCEPTED, EngagementStatus.ACTIVE, EngagementStatus.PAUSED)


def mentor_panels(session: Session, user: User) -> dict[str, Any]:
    """The template values of the mentoring panels on this user's dashboard."""
    if user.role == Role.MENTOR:
        return _mentor_panels(session, user)
    if user.role in (Role.SME, Role.SPONSOR) and user.organisation_id is not None:
        return _client_panels(session, user.organisation_id)
    return {}


def _mentor_panels(session: Session, user: User) -> dict[str, Any]:
    profile = profile_of(session, user)
    if profile is None:
        return {"mentor_profile": None, "profile_hint": mentor_profile_hint(None)}
    statement = (
        select(Engagement)
        .where(Engagement.mentor_id == profile.id, Engagement.status.in_(LIVE_STATES))
        .options(selectinload(Engagement.logs))
        .order_by(Engagement.start_date, Engagement.id)
    )
    engagements = list(session.scalars(statement))
    return {
        "mentor_profile": profile,
        "profile_hint": mentor_profile_hint(profile),
        "next_steps": {e.id: next_step(e, [Party.MENTOR]) for e in engagements},
        "proposals": [e for e in engagements if e.status == EngagementStatus.PROPOSED],
        "running": [e for e in engagements if e.status in RUNNING],
        "logs_due": [e for e in engagements if log_due(e)],
        "overdue_ids": {e.id for e in engagements if log_overdue(e)},
    }


def _client_panels(session: Session, organisation_id: int) -> dict[str, Any]:
    statement = (
        select(Engagement)
        .where(
            or_(Engagement.organisation_id == organisation_id, Engagement.proposer_organisation_id == organisation_id)
        )
        .options(selectinload(Engagement.logs), selectinload(Engagement.ratings))
        .order_by(Engagement.created_at.desc(), Engagement.id.desc())
        .limit(50)
    )
    engagements = list(session.scalars(statement))
    return {
        "client_engagements": engagements,
        "next_steps": {e.id: next_step(e, [_client_side(e, organisation_id)]) for e in engagements},
        "overdue_ids": {e.id for e in engagements if log_overdue(e)},
        "unconfirmed_logs": sum(
            1 for e in engagements if e.organisation_id == organisation_id for log in e.logs if log.confirmed_at is None
        ),
    }


def _client_side(engagement: Engagement, organisation_id: int) -> Party:
    return Party.SME if engagement.organisation_id == organisation_id else Party.SPONSOR
