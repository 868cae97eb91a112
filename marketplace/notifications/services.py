"""Notifications: created by other services, read by their user.

The text of an in-app notification is not stored: it keeps its kind and data, and is rendered in the
reader's language when shown (messages.py), so a Korean and an English reader see the same event. An
email is rendered once, when it is queued, in the recipient's language (outbox.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.db import utcnow
from marketplace.errors import NotFound
from marketplace.notifications.kinds import KINDS
from marketplace.notifications.models import Notification, NotificationKey
from marketplace.notifications.outbox import queue_email
from marketplace.notifications.preferences import choices_for


def notify(
    session: Session,
    users: Iterable[User],
    kind: str,
    link: str,
    *,
    site_url: str,
    actor: User | None = None,
    once_key: str | None = None,
    **data: Any,
) -> int:
    """Tell each active user given of an event, by the channels they chose for its kind (preferences.py).

    `site_url` (the ServiceContext's) makes the email's links whole. `actor`, the user who caused the event,
    is never told of it. With `once_key` a user is told only the first
    time that key is given for them (reminders that may be computed again). `data` must be JSON: it fills the
    kind's text (messages.py) when the notification is read, and the email now, in each reader's language.
    Returns how many users were told.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    recipients = {user.id: user for user in users if user.active and (actor is None or user.id != actor.id)}
    if not recipients:
        return 0
    told = 0
    choices = choices_for(session, recipients, kind)
    for user_id, user in recipients.items():
        if once_key is not None and not _first_time(session, user_id, once_key):
            continue
        choice = choices[user_id]
        if choice.in_app:
            session.add(Notification(user_id=user_id, kind=kind, link=link, data=data))
        if choice.email and not KINDS[kind].digest:  # a digest kind is emailed with the day's others (alerts.py)
            queue_email(session, user, kind, link, data, site_url)
        if choice.in_app or choice.email:
            told += 1
    return told


def _first_time(session: Session, user_id: int, key: str) -> bool:
    try:
        with session.begin_nested():  # the unique constraint decides two runs at once
            session.add(NotificationKey(user_id=user_id, key=key))
    except IntegrityError:
        return False
    return True


def notify_payment(
    session: Session,
    payers: Iterable[User],
    *,
    succeeded: bool,
    amount_krw: int,
    title: str,
    link: str,
    site_url: str,
    reason: str | None = None,
) -> None:
    """For the payments code: tell the paying organisation's users that a payment went through or failed.

    `title` names what was paid for (a project or a programme's pledge), `link` is its page, `reason` (failures
    only) is shown as it is, e.g. the card issuer's message.
    """
    kind = "payment_succeeded" if succeeded else "payment_failed"
    extra: dict[str, Any] = {"reason": reason} if reason and not succeeded else {}
    notify(session, payers, kind, link, site_url=site_url, amount_krw=amount_krw, title=title, **extra)


def recent_notifications(session: Session, user: User, limit: int = 50) -> list[Notification]:
    statement = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return list(session.scalars(statement))


# Every page's top bar asks it: built once per process, the user bound at each call.
UNREAD = select(func.count()).where(Notification.user_id == bindparam("user_id"), Notification.read_at.is_(None))


def unread_count(session: Session, user: User) -> int:
    return session.scalar(UNREAD, {"user_id": user.id}) or 0


def open_notification(session: Session, user: User, notification_id: int) -> str:
    """The user follows one of their notifications: it is read from now on; returns where it leads.

    Another user's notification, or one that does not exist, is not found (its existence is not revealed).
    """
    notification = session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound(_l("No such notification."))
    if notification.read_at is None:
        notification.read_at = utcnow()
    return notification.link if _is_local(notification.link) else "/"


def _is_local(link: str) -> bool:
    """Links are written by our services as paths; anything else is not followed (no open redirect)."""
    return link.startswith("/") and not link.startswith("//") and "\\" not in link


def mark_all_read(session: Session, user: User) -> None:
    session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
