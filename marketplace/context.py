"""What a service needs to know of the request it serves, passed in explicitly rather than read from Flask:
who acts, today's date in Korea (marketplace.clock), the reader's language and the site's address. The view
(or API view) builds it once with `from_request`; a CLI command or a test builds one directly, without an
app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app

from marketplace import clock
from marketplace.auth.models import User
from marketplace.i18n import current_language


@dataclass(frozen=True)
class ServiceContext:
    actor: User
    today: date
    locale: str  # "ko" or "en"
    site_url: str  # without a trailing slash


def from_request(actor: User) -> ServiceContext:
    """The context of the current request, for `actor` (the signed-in user or the API token's)."""
    return ServiceContext(actor, clock.today(), current_language(), site_url())


def site_url() -> str:
    """The site's address (without a trailing slash), for the edges that serve no user: webhooks, CLI, jobs."""
    return str(current_app.config["SITE_URL"]).rstrip("/")
