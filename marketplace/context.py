"""Who acts and when: what a service is given instead of reaching for the request or the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marketplace import clock
from marketplace.auth.models import User


@dataclass(frozen=True)
class Context:
    """The acting user and today's date in Korea (marketplace.clock), as one use case sees them."""

    actor: User
    today: date

    @classmethod
    def of(cls, actor: User) -> Context:
        return cls(actor=actor, today=clock.today())
