"""When a monthly log is due or overdue: read from an engagement and its logs, nothing written.

Apart from logs.py (which writes logs and tells the SME), so the reminders (notices.py) can read it
without importing the engagements' services.
"""

from __future__ import annotations

from datetime import date

from marketplace import clock
from mentors.models import Engagement, EngagementStatus

OVERDUE_AFTER_DAYS = 35  # a monthly log with some slack: more than this without one is flagged


def last_log_date(engagement: Engagement) -> date | None:
    return max((log.log_date for log in engagement.logs), default=None)


def log_overdue(engagement: Engagement, today: date | None = None) -> bool:
    """An active engagement with no log for more than 35 days (counted from its start or resumption)."""
    if engagement.status != EngagementStatus.ACTIVE or engagement.active_since is None:
        return False
    since = max(filter(None, (last_log_date(engagement), clock.day_of(engagement.active_since))))
    return ((today or clock.today()) - since).days > OVERDUE_AFTER_DAYS


def log_due(engagement: Engagement, today: date | None = None) -> bool:
    """An active engagement without a log this calendar month (the mentor's to-do)."""
    today = today or clock.today()
    last = last_log_date(engagement)
    due = last is None or (last.year, last.month) != (today.year, today.month)
    return engagement.status == EngagementStatus.ACTIVE and due
