"""The audit trail of admin edits: an admin may change any organisation's listings and profile (to correct
or take down what breaks the rules), and every such change is recorded, field by field. Append-only.

Members changing their own organisation's things are not recorded here: that is ordinary use.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from marketplace.auth.models import Role, User
from marketplace.db import Base, utcnow


class AdminEdit(Base):
    """One admin action on another organisation's listing or profile: what, whose, from what to what."""

    __tablename__ = "admin_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    admin_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    target_type: Mapped[str] = mapped_column(String(40))  # the table: needs, solutions, sponsor_programmes, …
    target_id: Mapped[int]
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))  # "edit", or the status move taken ("withdraw", …)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)  # field -> [before, after]
    at: Mapped[datetime] = mapped_column(default=utcnow)

    admin: Mapped[User] = relationship()


def record_admin_edit(session: Session, actor: User, target: Any, action: str, changes: dict[str, Any]) -> None:
    """Before `changes` are applied to `target`: record them if an admin acts on another organisation's thing."""
    owner = getattr(target, "owner_organisation_id", None)
    if actor.role != Role.ADMIN or (owner is not None and owner == actor.organisation_id):
        return
    diff = {field: [_plain(getattr(target, field)), _plain(value)] for field, value in changes.items()}
    session.add(
        AdminEdit(
            admin_id=actor.id,
            target_type=target.__tablename__,
            target_id=target.id,
            organisation_id=owner,
            action=action,
            changes=diff,
        )
    )


def admin_edits(session: Session, limit: int = 200) -> list[AdminEdit]:
    """The newest admin edits first."""
    return list(session.scalars(select(AdminEdit).order_by(AdminEdit.id.desc()).limit(limit)))


def _plain(value: Any) -> Any:
    """A value as JSON keeps it (enums by value, dates and amounts as text)."""
    value = getattr(value, "value", value)
    return value if value is None or isinstance(value, str | int | float | bool | list) else str(value)
