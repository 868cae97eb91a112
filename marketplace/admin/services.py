"""User management by admins, and marking an organisation as a complex operator."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from marketplace.admin.commands import OperatedComplexesIn
from marketplace.audit import record_admin_edit
from marketplace.auth.models import Role, User
from marketplace.auth.services import end_all_sessions
from marketplace.errors import Conflict, NotFound
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.policy import ensure
from marketplace.validation import fail

ONLY_ADMINS = _l("Only administrators say which organisations operate industrial complexes.")


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


def set_operated_complexes(
    session: Session, actor: User, organisation: Organisation, command: OperatedComplexesIn
) -> Organisation:
    """Say which industrial complexes a sponsor-kind organisation operates (none: it is no complex operator).
    Recorded in the admin edits trail, like every admin change to another organisation."""
    ensure(actor, "administer", User, ONLY_ADMINS)
    values = command.values()
    OperatedComplexesIn.check(values)
    codes = sorted(set(values.get("operated_complexes") or []))
    if codes and organisation.kind != OrganisationKind.SPONSOR:
        raise fail(
            "operated_complexes",
            _l("Only a sponsor-kind organisation (a complex management body) can operate industrial complexes."),
        )
    if codes != sorted(organisation.operated_complexes or []):
        record_admin_edit(session, actor, organisation, "edit", {"operated_complexes": codes})
        organisation.operated_complexes = codes
        session.flush()
    return organisation
