"""Which channels (in-app, email) each user wants for each kind of notification."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.errors import ValidationFailed
from marketplace.notifications.kinds import KINDS, kinds_for
from marketplace.notifications.models import NotificationPreference


@dataclass(frozen=True)
class Choice:
    in_app: bool
    email: bool


def default_choice(kind: str) -> Choice:
    """In-app always on; email on for the kinds that matter most (kinds.KINDS)."""
    return Choice(in_app=True, email=KINDS[kind].email)


def choices_for(session: Session, user_ids: Iterable[int], kind: str) -> dict[int, Choice]:
    """Each user's choice for one kind: their saved one, else the default."""
    ids = list(user_ids)
    statement = select(NotificationPreference).where(
        NotificationPreference.kind == kind, NotificationPreference.user_id.in_(ids)
    )
    saved = {row.user_id: Choice(row.in_app, row.email) for row in session.scalars(statement)}
    return {user_id: saved.get(user_id, default_choice(kind)) for user_id in ids}


def user_choices(session: Session, user: User) -> dict[str, Choice]:
    """The user's choice for every kind their role can receive (the settings page)."""
    rows = session.scalars(select(NotificationPreference).where(NotificationPreference.user_id == user.id))
    saved = {row.kind: Choice(row.in_app, row.email) for row in rows}
    return {kind.name: saved.get(kind.name, default_choice(kind.name)) for kind in kinds_for(user.role)}


def save_choices(session: Session, actor: User, choices: Mapping[str, Choice]) -> None:
    """Store the actor's choices; a kind their role cannot receive is refused."""
    allowed = {kind.name for kind in kinds_for(actor.role)}
    unknown = sorted(set(choices) - allowed)
    if unknown:
        message = _l("These notifications are not offered to you: %(kinds)s.", kinds=", ".join(unknown))
        raise ValidationFailed(message, fields={"kinds": [str(message)]})
    rows = session.scalars(select(NotificationPreference).where(NotificationPreference.user_id == actor.id))
    existing = {row.kind: row for row in rows}
    for kind, choice in choices.items():
        row = existing.get(kind) or NotificationPreference(user_id=actor.id, kind=kind)
        row.in_app, row.email = choice.in_app, choice.email
        session.add(row)
    session.flush()
