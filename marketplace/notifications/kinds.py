"""The kinds of notification: what each is called, who can receive it, which channels are on by default,
and its text.

Every event a user must act on has a kind. A user's choices (preferences.py) override the defaults.
The core registers its own kinds here (interests); each feature registers its kinds with `register`
(the app factory calls it), so the core never names a feature. Other areas create notifications with
`services.notify`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.auth.models import Role

ORGANISATIONS = (Role.SME, Role.SPONSOR, Role.SUPPLIER)

Text = Callable[[Mapping[str, Any]], str]  # the sentence for an event's data, in the current language


def event_values(data: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """The values a kind's sentence names, from the event's data; a missing one reads as empty."""
    return {name: data.get(name, "") for name in names}


@dataclass(frozen=True)
class Kind:
    name: str
    label: object  # a lazy string: the settings page and the email subject
    roles: tuple[Role, ...]  # whose settings page offers it
    email: bool  # whether email is on by default (in-app always is)
    text: Text
    # An alert (alerts.py): its email waits for the user's daily digest instead of going out at once.
    digest: bool = False


KINDS: dict[str, Kind] = {}
CHANNELS = ("in_app", "email")


def register(*kinds: Kind) -> None:
    """Add kinds (a feature's); registering one again replaces it and keeps its place in the list."""
    for kind in kinds:
        KINDS[kind.name] = kind


register(
    Kind(
        "interest_received",
        _l("Interest received"),
        ORGANISATIONS,
        email=True,
        text=lambda data: _("%(sender)s is interested in “%(title)s”.", **event_values(data, "sender", "title")),
    ),
    Kind(
        "interest_accepted",
        _l("Your interest was accepted"),
        (*ORGANISATIONS, Role.MENTOR),
        email=True,
        text=lambda data: _(
            "%(recipient)s accepted your interest in “%(title)s”. Contact details are now visible.",
            **event_values(data, "recipient", "title"),
        ),
    ),
    Kind(
        "interest_declined",
        _l("Your interest was declined"),
        (*ORGANISATIONS, Role.MENTOR),
        email=False,
        text=lambda data: _(
            "%(recipient)s declined your interest in “%(title)s”.", **event_values(data, "recipient", "title")
        ),
    ),
)


def kinds_for(role: Role) -> list[Kind]:
    """The kinds a user of this role can receive (admins see them all)."""
    return [kind for kind in KINDS.values() if role == Role.ADMIN or role in kind.roles]
