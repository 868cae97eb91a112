"""Inviting colleagues: a manager of an organisation invites an email with a role; the link, sent through the
outbox, works once until it expires. Accepting creates the colleague's account in the organisation, its
address proven by the link. An address that already has an account cannot be invited (an account belongs
to one organisation, its role fixed by that organisation's kind).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from marketplace.auth.consents import check_required, record_consents
from marketplace.auth.emails import queue_invitation
from marketplace.auth.models import MemberRole, Role, User
from marketplace.auth.passwords import hash_password
from marketplace.auth.services import check_password_strength, find_user_by_email, normalise_email
from marketplace.auth.tokens import new_secret, read_link, secret_matches, sign_link
from marketplace.db import utcnow
from marketplace.errors import Conflict, Forbidden, NotFound, ValidationFailed
from marketplace.i18n import LANGUAGES
from marketplace.organisations.models import Invitation, Organisation
from marketplace.permissions import require_verified_email
from marketplace.policy import can

PURPOSE = "invitation"
ROLE_BY_KIND = {kind: role for role in Role if (kind := role.organisation_kind) is not None}


def can_invite(user: User, organisation: Organisation) -> bool:
    """Only the organisation's managers invite (admins manage every organisation): organisations/policies.py."""
    return can(user, "invite", organisation)


def invite_member(
    session: Session, actor: User, organisation: Organisation, email: str, member_role: str, locale: str
) -> Invitation:
    if not can_invite(actor, organisation):
        raise Forbidden(_l("Only a manager of this organisation can invite colleagues."))
    require_verified_email(actor)
    if member_role not in MemberRole.__members__.values():
        raise ValidationFailed(
            _l("Choose manager or member."), fields={"member_role": [str(_l("Choose manager or member."))]}
        )
    email = normalise_email(email)
    if find_user_by_email(session, email) is not None:
        message = _l("This email address already has an account; an account belongs to one organisation.")
        raise Conflict(message, fields={"email": [str(message)]})
    secret, digest = new_secret()
    now = utcnow()
    days = int(current_app.config["INVITATION_DAYS"])
    invitation = Invitation(
        organisation=organisation,
        email=email,
        member_role=member_role,
        invited_by_id=actor.id,
        secret_hash=digest,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    session.add(invitation)
    session.flush()
    path = f"/organisations/invitations/{sign_link(PURPOSE, invitation.id, secret)}"
    language = locale if locale in LANGUAGES else "ko"
    queue_invitation(session, email, language, actor.display_name, organisation.name, path, days)
    return invitation


def pending_invitations(session: Session, organisation: Organisation) -> list[Invitation]:
    now = utcnow()
    statement = select(Invitation).where(
        Invitation.organisation_id == organisation.id,
        Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None),
        Invitation.expires_at > now,
    )
    return list(session.scalars(statement.order_by(Invitation.id)))


def revoke_invitation(session: Session, actor: User, organisation: Organisation, invitation_id: int) -> None:
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation.id or not can_invite(actor, organisation):
        raise NotFound(_l("No such invitation."))
    invitation.revoked_at = invitation.revoked_at or utcnow()


def live_invitation(session: Session, link: str, now: datetime | None = None) -> Invitation:
    """The pending invitation of this link; anything else (used, expired, revoked, changed) is refused alike."""
    parsed = read_link(PURPOSE, link)
    invitation = session.get(Invitation, parsed.row_id) if parsed else None
    if parsed is None or invitation is None or not secret_matches(invitation.secret_hash, parsed.secret):
        raise _refused()
    if not invitation.is_pending(now or utcnow()):
        raise _refused()
    return invitation


def _refused() -> ValidationFailed:
    return ValidationFailed(
        _l("This invitation does not work any more: it was used, withdrawn or expired. Ask for a new one.")
    )


def accept_invitation(
    session: Session, link: str, display_name: str, password: str, consents: frozenset[str], locale: str | None
) -> User:
    """Create the invited colleague's account in the organisation, with the invited role; the link works once."""
    now = utcnow()
    invitation = live_invitation(session, link, now)
    check_required(consents)
    check_password_strength(password)
    if find_user_by_email(session, invitation.email) is not None:
        raise Conflict(_l("This email address already has an account. Log in instead."))
    taken = session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.accepted_at.is_(None))
        .values(accepted_at=now)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        raise _refused()
    organisation = invitation.organisation
    user = User(
        email=invitation.email,
        password_hash=hash_password(password),
        display_name=display_name.strip(),
        role=ROLE_BY_KIND[organisation.kind],
        organisation=organisation,
        member_role=MemberRole(invitation.member_role),
        locale=locale,
        email_verified_at=now,  # the link reached this mailbox
    )
    session.add(user)
    session.flush()
    invitation.accepted_user_id = user.id
    record_consents(session, user, consents, now)
    return user
