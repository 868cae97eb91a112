"""The alert of a saved search: a new listing fits it (emailed in the daily digest, not one by one)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.auth.models import Role
from marketplace.notifications.kinds import Kind, event_values

SAVED_SEARCH_KINDS = (
    Kind(
        "saved_search_match",
        _l("New in a saved search"),
        tuple(Role),
        email=True,
        text=lambda data: _(
            "New in your saved search “%(search)s”: %(title)s", **event_values(data, "search", "title")
        ),
        digest=True,
    ),
)
