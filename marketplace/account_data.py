"""What a user can take with them and how they leave: their data as JSON, and closing the account.

Closing keeps the user's row (payments, the ledger, projects and other parties' interests point at it) but
anonymises its personal fields, ends every session, API token and emailed link, deletes their
notifications and unsent emails, and, when they are the last open account of their organisation, withdraws
its open listings (nobody would answer them). The ledger is not touched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from marketplace.auth.consents import ITEMS as CONSENT_ITEMS
from marketplace.auth.consents import consents_of, set_optional_consent
from marketplace.auth.models import AccountToken, User
from marketplace.auth.passwords import hash_password, verify_password
from marketplace.auth.services import end_all_sessions, revoke_all_api_tokens
from marketplace.auth.tokens import new_secret
from marketplace.db import utcnow
from marketplace.errors import ValidationFailed
from marketplace.interests.models import Interest
from marketplace.listings import transition_listing
from marketplace.listings.row import ListingRow
from marketplace.needs.models import NEED_MOVES, Need, NeedStatus
from marketplace.notifications.messages import notification_text
from marketplace.notifications.models import Notification, NotificationPreference, OutboxEmail
from marketplace.programmes.models import PROGRAMME_MOVES, ProgrammeStatus, SponsorProgramme
from marketplace.solutions.models import SOLUTION_MOVES, Solution, SolutionStatus

CLOSED_NAME = "탈퇴 회원 · Closed account"


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = _when(value) if isinstance(value, datetime) else getattr(value, "value", value)
    return out


ACCOUNT_FIELDS = ("id", "email", "display_name", "role", "locale", "member_role", "created_at", "last_login_at")
ORGANISATION_FIELDS = ("id", "kind", "name", "name_en", "business_number", "region", "industrial_complex")
LISTING_FIELDS = ("id", "title", "status", "created_at")


def export_data(session: Session, user: User) -> dict[str, Any]:
    """Everything the site keeps about the user, as JSON-ready values (their own download)."""
    return {
        "account": _fields(user, ACCOUNT_FIELDS) | {"email_verified_at": _when(user.email_verified_at)},
        "organisation": _fields(user.organisation, ORGANISATION_FIELDS) if user.organisation else None,
        "listings": _listings(session, user),
        "interests": [_interest(interest, user) for interest in _interests(session, user)],
        "notifications": [_notification(n) for n in _notifications(session, user)],
        "consents": [_fields(c, ("item", "version", "granted_at", "withdrawn_at")) for c in consents_of(session, user)],
        "api_tokens": [
            _fields(t, ("name", "prefix", "created_at", "last_used_at", "revoked_at")) for t in user.api_tokens
        ],
    }


def _listings(session: Session, user: User) -> dict[str, list[dict[str, Any]]]:
    kinds: dict[str, type[ListingRow]] = {"needs": Need, "solutions": Solution, "programmes": SponsorProgramme}
    return {
        name: [_fields(row, LISTING_FIELDS) for row in session.scalars(select(model).where(model.author_id == user.id))]
        for name, model in kinds.items()
    }


def _interests(session: Session, user: User) -> list[Interest]:
    mine = Interest.sender_id == user.id
    if user.organisation_id is not None:
        mine = or_(mine, Interest.recipient_organisation_id == user.organisation_id)
    return list(session.scalars(select(Interest).where(mine).order_by(Interest.id)))


def _interest(interest: Interest, user: User) -> dict[str, Any]:
    fields = ("id", "target_type", "target_id", "target_title", "message", "status", "created_at", "decided_at")
    return _fields(interest, fields) | {"sent_by_you": interest.sender_id == user.id}


def _notifications(session: Session, user: User) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)))


def _notification(notification: Notification) -> dict[str, Any]:
    return _fields(notification, ("kind", "link", "created_at", "read_at")) | {"text": notification_text(notification)}


def close_account(session: Session, user: User, password: str) -> None:
    """Close the user's own account after checking their password again."""
    if not user.active or not verify_password(user.password_hash, password):
        message = _l("The password is not right.")
        raise ValidationFailed(message, fields={"password": [str(message)]})
    now = utcnow()
    if _last_open_member(session, user):
        _withdraw_listings(session, user)
    for step in CLOSING_STEPS:
        step(session, user)
    for key, item in CONSENT_ITEMS.items():
        if not item.required:
            set_optional_consent(session, user, key, agree=False)
    _forget(session, user, now)


def _last_open_member(session: Session, user: User) -> bool:
    if user.organisation_id is None:
        return False
    others = select(User.id).where(
        User.organisation_id == user.organisation_id, User.id != user.id, User.active.is_(True)
    )
    return session.scalar(others.limit(1)) is None


def _withdraw_listings(session: Session, user: User) -> None:
    """The organisation's open listings leave the market, each through its own transition."""
    org = user.organisation_id
    for need in session.scalars(
        select(Need).where(Need.organisation_id == org, Need.status.in_((NeedStatus.DRAFT, NeedStatus.OPEN)))
    ):
        transition_listing(session, user, need, NEED_MOVES, "withdraw")
    for solution in session.scalars(
        select(Solution).where(Solution.organisation_id == org, Solution.status == SolutionStatus.ACTIVE)
    ):
        transition_listing(session, user, solution, SOLUTION_MOVES, "archive")
    programmes = select(SponsorProgramme).where(
        SponsorProgramme.organisation_id == org, SponsorProgramme.status == ProgrammeStatus.OPEN
    )
    for programme in session.scalars(programmes):
        transition_listing(session, user, programme, PROGRAMME_MOVES, "close")


# What features do when an account closes (mentors hide the profile): the core names no feature.
ClosingStep = Callable[[Session, User], None]
CLOSING_STEPS: list[ClosingStep] = []


def on_account_closing(step: ClosingStep) -> ClosingStep:
    """Register a feature's part in closing an account (called in the same transaction, before anonymising)."""
    CLOSING_STEPS.append(step)
    return step


def _forget(session: Session, user: User, now: datetime) -> None:
    """Anonymise the row and end everything that could still act or be sent as the user."""
    old_email = user.email
    end_all_sessions(user)
    revoke_all_api_tokens(session, user)
    session.execute(delete(AccountToken).where(AccountToken.user_id == user.id))
    session.execute(delete(Notification).where(Notification.user_id == user.id))
    session.execute(delete(NotificationPreference).where(NotificationPreference.user_id == user.id))
    session.execute(delete(OutboxEmail).where(OutboxEmail.recipient == old_email, OutboxEmail.sent_at.is_(None)))
    user.email = f"closed-{user.id}@closed.invalid"
    user.display_name = CLOSED_NAME
    user.password_hash = hash_password(new_secret()[0])  # nobody knows it
    user.locale = None
    user.active = False
    user.closed_at = now
