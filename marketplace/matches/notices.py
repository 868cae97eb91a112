"""The alert of matchmaking: a new need fits an owner's solution, programme or mentor profile well."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.auth.models import Role
from marketplace.notifications.kinds import Kind, event_values

# The text names the owner's offer and the score; the need is where the link leads (its title stays in the data:
# a list of notifications that named the need twice, with its project's, would read as one event twice).
MATCH_KINDS = (
    Kind(
        "need_matches_offer",
        _l("A new need fits your offer"),
        (Role.SUPPLIER, Role.SPONSOR, Role.MENTOR),
        email=True,
        text=lambda data: _(
            "A new need of %(sme)s fits “%(offer)s” (fit %(score)s/100). Open it to read it.",
            **event_values(data, "sme", "offer", "score"),
        ),
        digest=True,
    ),
)
