"""Accounts: registration, authentication, passwords, ending sessions, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from marketplace.auth.consents import check_required, record_consents
from marketplace.auth.models import AccountToken, ApiToken, MemberRole, Role, TokenPurpose, User, new_session_token
from marketplace.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password
from marketplace.db import utcnow
from marketplace.errors import NotFound, ValidationFailed
from marketplace.organisations.models import Organisation
from marketplace.organisations.services import OrganisationDetails, checked_new_organisation, create_organisation

LAST_USED_RESOLUTION = timedelta(minutes=1)
API_TOKEN_PREFIX = "ssg_"  # noqa: S105  (a visible prefix, not a secret)


@dataclass(frozen=True)
class Registration:
    email: str
    password: str
    display_name: str
    role: Role
    organisation: OrganisationDetails | None = None
    consents: frozenset[str] = frozenset()  # the consent items ticked (auth.consents)
    locale: str | None = None  # the language the emails are written in


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password_strength(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        message = _l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH)
        raise ValidationFailed(message, fields={field: [str(message)]})


class AddressTaken(Exception):  # noqa: N818  (not an error to show: the form answers as for a new address)
    """The address of a registration already has an account (`owner`)."""

    def __init__(self, owner: User) -> None:
        super().__init__(owner.email)
        self.owner = owner


def register_account(session: Session, registration: Registration) -> User:
    """A new user, not verified yet; SMEs, sponsors and suppliers register their organisation with them
    (and manage it). Every required consent must be given; the ones given are recorded.

    AddressTaken, with nothing written, when the address already has an account: every field is checked
    first and the password hashed either way, so that the form can answer a taken address exactly as a new
    one, as fast, and nobody learns from it who is registered (`recovery.sign_up` emails the owner instead)."""
    check_required(registration.consents)
    check_password_strength(registration.password)
    password_hash = hash_password(registration.password)
    _check_organisation(session, registration)
    owner = find_user_by_email(session, registration.email)
    if owner is not None:
        raise AddressTaken(owner)
    organisation = _organisation_for(session, registration)
    user = User(
        email=normalise_email(registration.email),
        password_hash=password_hash,
        display_name=registration.display_name.strip(),
        role=registration.role,
        organisation=organisation,
        member_role=MemberRole.MANAGER if organisation else None,
        locale=registration.locale,
    )
    session.add(user)
    session.flush()
    record_consents(session, user, registration.consents)
    return user


def _check_organisation(session: Session, registration: Registration) -> None:
    if registration.role.organisation_kind is None:
        return
    if registration.organisation is None:
        message = _l("Tell us about your organisation.")
        raise ValidationFailed(message, fields={"organisation": [str(message)]})
    checked_new_organisation(session, registration.organisation)


def _organisation_for(session: Session, registration: Registration) -> Organisation | None:
    kind = registration.role.organisation_kind
    if kind is None or registration.organisation is None:  # _check_organisation refused the latter
        return None
    return create_organisation(session, kind, registration.organisation)


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with these credentials, or None; upgrades an outdated hash on the way."""
    user = find_user_by_email(session, email)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        return None
    if not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def end_all_sessions(user: User) -> None:
    """Every session and remember cookie of this user stops working (the login id changes)."""
    user.session_token = new_session_token()


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one; ends every other session."""
    if not verify_password(user.password_hash, current):
        message = _l("The current password is not right.")
        raise ValidationFailed(message, fields={"current_password": [str(message)]})
    check_password_strength(new, field="new_password")
    user.password_hash = hash_password(new)
    end_all_sessions(user)
    revoke_all_api_tokens(session, user)  # a token made by whoever knew the old password ends with it too
    end_reset_links(session, user)


def end_reset_links(session: Session, user: User, now: datetime | None = None) -> None:
    """Reset links sent earlier stop working (after a reset, a password change, closing the account)."""
    session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user.id,
            AccountToken.purpose == TokenPurpose.RESET_PASSWORD,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now or utcnow())
    )


def revoke_all_api_tokens(session: Session, user: User) -> None:
    now = utcnow()
    for token in session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))):
        token.revoked_at = now


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal API token; the plain token is returned once and never stored."""
    plain = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip() or "API", token_hash=_digest(plain), prefix=plain[:12])
    session.add(token)
    session.flush()
    return token, plain


def revoke_api_token(session: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (someone else's is reported as not found)."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(_l("No such API token."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token


def api_token_for(session: Session, plain: str, lifetime: timedelta) -> ApiToken | None:
    """The live token (not revoked, younger than `lifetime`) whose owner is active, or None.

    Only reads: its use is recorded apart (`record_token_use`), after the request's own work.
    """
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(plain)))
    if token is None or token.is_revoked or not token.user.active or utcnow() - token.created_at > lifetime:
        return None
    return token


def token_use_due(token: ApiToken, now: datetime) -> bool:
    """Last use is kept at minute resolution: a write on every API read would serialise readers for nothing."""
    return token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION


def record_token_use(session: Session, token_id: int, now: datetime) -> None:
    """Set the token's last use to `now` unless a concurrent request already recorded this minute."""
    stale = or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - LAST_USED_RESOLUTION)
    session.execute(update(ApiToken).where(ApiToken.id == token_id, stale).values(last_used_at=now))
