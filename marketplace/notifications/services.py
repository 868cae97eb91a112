"""Notifications: created by other services, read by their user.

The text is not stored: a notification keeps its kind and data, and is rendered in the reader's
language when shown (messages.py), so a Korean and an English reader see the same event.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.db import utcnow
from marketplace.notifications.models import Notification


def notify(session: Session, users: Iterable[User], kind: str, link: str, **data: Any) -> None:
    """One notification for each active user given."""
    for user in users:
        if user.active:
            session.add(Notification(user_id=user.id, kind=kind, link=link, data=data))


def recent_notifications(session: Session, user: User, limit: int = 50) -> list[Notification]:
    statement = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return list(session.scalars(statement))


def unread_count(session: Session, user: User) -> int:
    statement = select(func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    return session.scalar(statement) or 0


def mark_all_read(session: Session, user: User) -> None:
    session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
