"""Who is told of an engagement's events, and the monthly log reminders.

- A proposal: the mentor, who accepts or declines.
- A move: the other sides that must act on it (never the side that moved it):

| move | told |
|---|---|
| accept, decline | the SME and, if a sponsor proposed, the sponsor (start it, or propose another mentor) |
| start, pause, resume, complete | the mentor and the SME (logs, confirmations, ratings follow) |
| cancel | the mentor, the SME and the proposing sponsor |

- A monthly log written: the SME, who confirms it.

- A log due: `flask --app wsgi notify due-logs` reminds each mentor of every active engagement without a
  log this calendar month (as the dashboard counts it), once per engagement and month however often it runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.auth.models import Role, User, members_of
from marketplace.context import ServiceContext
from marketplace.notifications.kinds import Kind, event_values
from marketplace.notifications.messages import with_reason
from marketplace.notifications.services import notify
from mentors.labels import engagement_status_label
from mentors.log_dates import log_due
from mentors.models import Engagement, EngagementStatus, Party

TOLD_OF = {
    "accept": (Party.SME, Party.SPONSOR),
    "decline": (Party.SME, Party.SPONSOR),
    "start": (Party.MENTOR, Party.SME),
    "pause": (Party.MENTOR, Party.SME),
    "resume": (Party.MENTOR, Party.SME),
    "complete": (Party.MENTOR, Party.SME),
    "cancel": (Party.MENTOR, Party.SME, Party.SPONSOR),
}


def _link(engagement: Engagement) -> str:
    return f"/mentors/engagements/{engagement.id}"


def side_users(engagement: Engagement, sides: Iterable[Party]) -> list[User]:
    """The users acting for these sides; the sponsor only when a sponsor (not the SME) proposed."""
    users: list[User] = []
    for side in sides:
        if side == Party.MENTOR:
            users.append(engagement.mentor.user)
        elif side == Party.SME:
            users.extend(members_of(engagement.organisation))
        elif side == Party.SPONSOR and engagement.proposer_organisation_id != engagement.organisation_id:
            users.extend(members_of(engagement.proposer_organisation))
    return users


def notify_engagement_proposed(session: Session, engagement: Engagement, ctx: ServiceContext) -> int:
    proposer, actor = engagement.proposer_organisation.name, ctx.actor
    return notify(
        session,
        side_users(engagement, [Party.MENTOR]),
        "engagement_proposed",
        _link(engagement),
        site_url=ctx.site_url,
        actor=actor,
        proposer=f"{actor.display_name} ({proposer})",
        title=engagement.need.title,
        months=engagement.months,
        start=engagement.start_date.isoformat(),
    )


def notify_engagement_moved(
    session: Session, engagement: Engagement, ctx: ServiceContext, action: str, actor_sides: set[Party]
) -> int:
    """Tell the other sides of a move (TOLD_OF); `actor_sides` are the sides the actor acted for."""
    sides = [side for side in TOLD_OF.get(action, ()) if side not in actor_sides]
    data = {"by": ctx.actor.display_name, "title": engagement.title, "status": engagement.status.value}
    if engagement.end_reason:
        data["reason"] = engagement.end_reason
    told = side_users(engagement, sides)
    return notify(session, told, "engagement_moved", _link(engagement), site_url=ctx.site_url, actor=ctx.actor, **data)


def notify_log_written(session: Session, engagement: Engagement, ctx: ServiceContext, log_date: date) -> int:
    """Tell the SME that the mentor's log waits for its confirmation."""
    return notify(
        session,
        side_users(engagement, [Party.SME]),
        "log_written",
        _link(engagement),
        site_url=ctx.site_url,
        actor=ctx.actor,
        by=ctx.actor.display_name,
        title=engagement.need.title,
        date=log_date.isoformat(),
    )


def remind_due_logs(session: Session, today: date, site_url: str) -> int:
    """Remind mentors of this month's logs; returns the reminders given now (none on a second run)."""
    month = f"{today:%Y-%m}"
    statement = select(Engagement).where(Engagement.status == EngagementStatus.ACTIVE).order_by(Engagement.id)
    reminded = 0
    for engagement in session.scalars(statement):
        if log_due(engagement, today):
            reminded += notify(
                session,
                side_users(engagement, [Party.MENTOR]),
                "log_due",
                _link(engagement),
                site_url=site_url,
                once_key=f"log_due:{engagement.id}:{month}",
                title=engagement.title,
                month=month,
            )
    return reminded


def _engagement_moved(data: Mapping[str, Any]) -> str:
    text = _(
        "%(actor)s moved the engagement “%(title)s” to: %(status)s.",
        actor=data.get("by", ""),
        title=data.get("title", ""),
        status=engagement_status_label(data.get("status", "")),
    )
    return with_reason(text, data)


# The kinds mentoring sends; the app factory registers them (marketplace.notifications.kinds.register).
MENTOR_KINDS = (
    Kind(
        "engagement_proposed",
        _l("Engagement proposed to you"),
        (Role.MENTOR,),
        email=True,
        text=lambda data: _(
            "%(proposer)s proposes that you mentor “%(title)s” for %(months)s months from %(start)s.",
            **event_values(data, "proposer", "title", "months", "start"),
        ),
    ),
    Kind(
        "engagement_moved",
        _l("An engagement moved"),
        (Role.MENTOR, Role.SME, Role.SPONSOR),
        email=False,
        text=_engagement_moved,
    ),
    Kind(
        "log_due",
        _l("Monthly log due"),
        (Role.MENTOR,),
        email=True,
        text=lambda data: _(
            "Your monthly log for “%(title)s” is due (%(month)s).", **event_values(data, "title", "month")
        ),
    ),
    Kind(
        "log_written",
        _l("A mentor's log to confirm"),
        (Role.SME,),
        email=True,
        text=lambda data: _(
            "%(mentor)s wrote the log of %(date)s for “%(title)s”. Please read and confirm it.",
            **event_values(data, "date", "title"),
            mentor=data.get("by", ""),
        ),
    ),
)
