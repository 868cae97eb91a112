"""The kinds of notification: what each is called, who can receive it and which channels are on by default.

Every event a user must act on has a kind. A user's choices (preferences.py) override the defaults; the
text of each kind is in messages.py. Other areas create notifications with `services.notify`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from marketplace.auth.models import Role

ORGANISATIONS = (Role.SME, Role.SPONSOR, Role.SUPPLIER)


@dataclass(frozen=True)
class Kind:
    name: str
    label: object  # a lazy string: the settings page and the email subject
    roles: tuple[Role, ...]  # whose settings page offers it
    email: bool  # whether email is on by default (in-app always is)


KINDS = {
    kind.name: kind
    for kind in (
        Kind("interest_received", _l("Interest received"), ORGANISATIONS, email=True),
        Kind("interest_accepted", _l("Your interest was accepted"), (*ORGANISATIONS, Role.MENTOR), email=True),
        Kind("interest_declined", _l("Your interest was declined"), (*ORGANISATIONS, Role.MENTOR), email=False),
        Kind("project_moved", _l("A project moved"), (*ORGANISATIONS, Role.OFFICER), email=True),
        Kind("engagement_proposed", _l("Engagement proposed to you"), (Role.MENTOR,), email=True),
        Kind("engagement_moved", _l("An engagement moved"), (Role.MENTOR, Role.SME, Role.SPONSOR), email=False),
        Kind("log_due", _l("Monthly log due"), (Role.MENTOR,), email=True),
        Kind("log_written", _l("A mentor's log to confirm"), (Role.SME,), email=True),
        Kind("payment_succeeded", _l("Payment succeeded"), (Role.SME, Role.SPONSOR), email=True),
        Kind("payment_failed", _l("Payment failed"), (Role.SME, Role.SPONSOR), email=True),
    )
}
CHANNELS = ("in_app", "email")


def kinds_for(role: Role) -> list[Kind]:
    """The kinds a user of this role can receive (admins see them all)."""
    return [kind for kind in KINDS.values() if role == Role.ADMIN or role in kind.roles]
