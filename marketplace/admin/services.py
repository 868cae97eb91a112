"""User management by admins."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from marketplace.auth.models import Role, User
from marketplace.auth.services import end_all_sessions
from marketplace.errors import Conflict, NotFound
from marketplace.policy import ensure


def list_users(session: Session, query: str = "", role: str = "") -> list[User]:
    """Users, newest first, filtered by a text in name or email and by role."""
    statement = select(User).options(joinedload(User.organisation)).order_by(User.id.desc())
    if query:
        pattern = f"%{query.strip().lower()}%"
        statement = statement.where(or_(User.email.like(pattern), User.display_name.ilike(pattern)))
    if role in Role.__members__.values():
        statement = statement.where(User.role == Role(role))
    return list(session.scalars(statement))


def set_user_active(session: Session, actor: User, user_id: int, active: bool) -> User:
    """Enable or disable an account; disabling ends its sessions at once."""
    ensure(actor, "administer", User, _l("Only administrators manage users."))
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(_l("No such user."))
    if user.id == actor.id and not active:
        raise Conflict(_l("You cannot disable your own account."))
    user.active = active
    if not active:
        end_all_sessions(user)
    return user
