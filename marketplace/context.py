"""Who acts and when: what a service is given instead of reaching for the request or the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from marketplace.auth.models import User
from marketplace.db import utcnow

# The product's one clock: dates (application windows, "today") are Korean dates.
SEOUL = ZoneInfo("Asia/Seoul")


def seoul_today(now: datetime | None = None) -> date:
    """Today's date in Seoul (the server's own zone does not matter)."""
    return (now or utcnow()).astimezone(SEOUL).date()


@dataclass(frozen=True)
class Context:
    """The acting user and today's date, as one use case sees them."""

    actor: User
    today: date

    @classmethod
    def of(cls, actor: User) -> Context:
        return cls(actor=actor, today=seoul_today())
