"""Proving an email address and resetting a forgotten password, through links sent by the outbox.

Signing up and asking for a reset answer the same whatever the email: whether an account exists is never
told (the view shows one sentence; the work done differs only by the rows written, the password hashed
either way at sign-up and on neither side for a reset). A reset ends every session and API token, as a
password change does, and proves the address.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.orm import Session

from marketplace.auth.emails import queue_password_reset, queue_sign_up_attempt, queue_verification
from marketplace.auth.models import AccountToken, TokenPurpose, User
from marketplace.auth.passwords import hash_password
from marketplace.auth.services import (
    AddressTaken,
    Registration,
    check_password_strength,
    end_all_sessions,
    end_reset_links,
    find_user_by_email,
    register_account,
    revoke_all_api_tokens,
)
from marketplace.auth.tokens import new_secret, read_link, secret_matches, sign_link
from marketplace.db import utcnow
from marketplace.errors import ValidationFailed
from marketplace.notifications.models import OutboxEmail
from marketplace.notifications.outbox import recipient_locale


class InvalidLink(ValidationFailed):
    code = "invalid_link"


def _refused() -> InvalidLink:
    return InvalidLink(_l("This link does not work any more: it was used already, it expired, or it is incomplete."))


def _issue(session: Session, user: User, purpose: TokenPurpose, lifetime: timedelta) -> str:
    secret, digest = new_secret()
    now = utcnow()
    token = AccountToken(
        user=user, purpose=purpose, secret_hash=digest, email=user.email, created_at=now, expires_at=now + lifetime
    )
    session.add(token)
    session.flush()
    return sign_link(purpose.value, token.id, secret)


def sign_up(session: Session, registration: Registration) -> OutboxEmail:
    """Register and email the link that proves the address and opens the account; for an address that has
    an account, email its owner instead. The caller answers the same either way. Returns the email queued."""
    try:
        user = register_account(session, registration)
    except AddressTaken as taken:
        locale = registration.locale or recipient_locale(taken.owner)
        return queue_sign_up_attempt(session, taken.owner.email, locale, taken.owner.display_name)
    return _queue_verification(session, user)


def send_verification(session: Session, user: User) -> None:
    """Email the user a link that proves their address (nothing to do when it is proven already)."""
    if not user.email_verified:
        _queue_verification(session, user)


def _queue_verification(session: Session, user: User) -> OutboxEmail:
    hours = int(current_app.config["EMAIL_VERIFICATION_HOURS"])
    link = _issue(session, user, TokenPurpose.VERIFY_EMAIL, timedelta(hours=hours))
    path = f"/account/verify/{link}"
    return queue_verification(session, user.email, recipient_locale(user), user.display_name, path, hours)


def request_password_reset(session: Session, email: str) -> OutboxEmail | None:
    """Email a reset link if an open account has this address (the email queued); say nothing either way."""
    user = find_user_by_email(session, email)
    if user is None or not user.active or user.closed_at is not None:
        return None
    minutes = int(current_app.config["PASSWORD_RESET_MINUTES"])
    link = _issue(session, user, TokenPurpose.RESET_PASSWORD, timedelta(minutes=minutes))
    path = f"/account/reset/{link}"
    return queue_password_reset(session, user.email, recipient_locale(user), user.display_name, path, minutes)


def live_token(session: Session, purpose: TokenPurpose, link: str, now: datetime | None = None) -> AccountToken:
    """The unused, unexpired token of this link, still for its user's current address; else InvalidLink."""
    now = now or utcnow()
    parsed = read_link(purpose.value, link)
    token = session.get(AccountToken, parsed.row_id) if parsed else None
    if (
        parsed is None
        or token is None
        or token.purpose != purpose
        or not secret_matches(token.secret_hash, parsed.secret)
        or token.used_at is not None
        or token.expires_at <= now
        or token.email != token.user.email
        or not token.user.active
    ):
        raise _refused()
    return token


def _use(session: Session, token: AccountToken, now: datetime) -> None:
    """Mark the token used; of two uses at once, the second finds it used (the UPDATE re-checks)."""
    used = session.execute(
        update(AccountToken).where(AccountToken.id == token.id, AccountToken.used_at.is_(None)).values(used_at=now)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        raise _refused()


def verify_email(session: Session, link: str) -> User:
    now = utcnow()
    token = live_token(session, TokenPurpose.VERIFY_EMAIL, link, now)
    _use(session, token, now)
    token.user.email_verified_at = token.user.email_verified_at or now
    return token.user


def reset_password(session: Session, link: str, new_password: str) -> User:
    """Set a new password through a reset link: every session, API token and other reset link ends."""
    now = utcnow()
    token = live_token(session, TokenPurpose.RESET_PASSWORD, link, now)
    check_password_strength(new_password, field="new_password")
    _use(session, token, now)
    user = token.user
    user.password_hash = hash_password(new_password)
    user.email_verified_at = user.email_verified_at or now  # the link reached this mailbox
    end_all_sessions(user)
    revoke_all_api_tokens(session, user)
    end_reset_links(session, user, now)
    return user
