"""What mentoring puts in the dashboards' work queues (marketplace/work_queue.py): the mentor's logs due this
month and the SME's logs to confirm. Each is one query scoped by the engagement policy's `visible()`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask_babel import ngettext
from sqlalchemy import Select, exists, func, select

from marketplace.auth.models import Role, User
from marketplace.policy import visible
from marketplace.work_queue import CountQuery, QueueItem
from mentors.models import Engagement, EngagementLog, EngagementStatus


def _logs_due(user: User, today: date) -> Select[int, int | None]:
    """Active engagements of the mentor without a log this calendar month (mentors/log_dates.log_due in SQL)."""
    this_month = exists().where(
        EngagementLog.engagement_id == Engagement.id, EngagementLog.log_date >= today.replace(day=1)
    )
    return select(func.count(Engagement.id), func.min(Engagement.id)).where(
        visible(user, Engagement), Engagement.status == EngagementStatus.ACTIVE, ~this_month
    )


def _logs_to_confirm(user: User, _today: date) -> Select[int, int | None]:
    """The mentors' logs the SME has not confirmed yet, in its own engagements."""
    return (
        select(func.count(EngagementLog.id), func.min(Engagement.id))
        .join(Engagement, Engagement.id == EngagementLog.engagement_id)
        .where(
            visible(user, Engagement),
            Engagement.organisation_id == user.organisation_id,
            EngagementLog.confirmed_at.is_(None),
        )
    )


def _on_engagement(
    name: str,
    role: Role,
    label: Callable[[int], str],
    query: CountQuery,
    dashboard_anchor: str,
    engagement_anchor: str,
) -> QueueItem:
    """A mentoring item: all of them in a section of the dashboard, one of them on its engagement's page."""
    return QueueItem(
        name=name,
        roles=(role,),
        label=label,
        query=query,
        list_endpoint="main.dashboard",
        list_args={"_anchor": dashboard_anchor},
        one_endpoint="mentors.engagement",
        id_arg="engagement_id",
        one_anchor=engagement_anchor,
    )


QUEUE_ITEMS = (
    _on_engagement(
        "logs_due",
        Role.MENTOR,
        lambda n: ngettext("%(num)d monthly log to write", "%(num)d monthly logs to write", n),
        _logs_due,
        "logs-due",
        "log-form",
    ),
    _on_engagement(
        "logs_to_confirm",
        Role.SME,
        lambda n: ngettext("%(num)d mentor's log to confirm", "%(num)d mentors' logs to confirm", n),
        _logs_to_confirm,
        "sme-mentors",
        "logs",
    ),
)
