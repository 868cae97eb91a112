"""Alerts: news that fits what a user follows (a saved search; a new need that fits their offer).

An alert is raised once per user and key (a unique row), told at once in the app as a notification of its
kind, and emailed in one daily digest per user (`send_digests`, a periodic job) rather than one email each.
The digest follows the user's email choice per kind; each alert is digested once (`digested_at`), and each
user gets at most one digest a day (a unique row per user and day), so running the job twice sends nothing
twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.context import site_url
from marketplace.db import utcnow
from marketplace.notifications.kinds import KINDS
from marketplace.notifications.messages import render_text
from marketplace.notifications.models import Alert, AlertDigest
from marketplace.notifications.outbox import queue_message, recipient_locale
from marketplace.notifications.preferences import choices_for
from marketplace.notifications.services import notify

DIGEST_KIND = "alert_digest"  # the outbox rows' kind
DIGEST_MAX_LINES = 50  # a longer digest names the newest and says how many more there are


def raise_alert(session: Session, user: User, kind: str, key: str, link: str, **data: Any) -> bool:
    """Alert `user` once for `key`: True the first time (then told in the app as they chose), else False."""
    if not KINDS[kind].digest:
        raise ValueError(f"{kind!r} is not an alert kind (Kind.digest)")
    if not user.active:
        return False
    try:
        with session.begin_nested():  # the unique key decides two workers at once
            session.add(Alert(user_id=user.id, kind=kind, key=key, link=link, data=data))
    except IntegrityError:
        return False
    notify(session, [user], kind, link, site_url=site_url(), **data)  # raised in the job worker: its app's site
    return True


def send_digests(session: Session, today: date) -> int:
    """Queue today's digest for every user with undigested alerts they want by email; returns how many.

    A user who had today's digest already keeps the new alerts for tomorrow's. Alerts of kinds the user
    does not want by email are marked digested without an email.
    """
    waiting: dict[int, list[Alert]] = defaultdict(list)
    for alert in session.scalars(select(Alert).where(Alert.digested_at.is_(None)).order_by(Alert.id)):
        waiting[alert.user_id].append(alert)
    sent = 0
    for user_id, alerts in waiting.items():
        user = session.get(User, user_id)
        if user is None:
            continue
        wanted = [alert for alert in alerts if user.active and _wants_email(session, user_id, alert.kind)]
        if not wanted:
            _mark(session, alerts, None)
            continue
        digest = _today_digest(session, user_id, today)
        if digest is None:  # today's went out already
            continue
        email = _queue_digest(session, user, wanted)
        session.flush()
        digest.email_id = email.id
        _mark(session, wanted, digest.id)
        _mark(session, [alert for alert in alerts if alert not in wanted], None)
        sent += 1
    session.flush()
    return sent


def _wants_email(session: Session, user_id: int, kind: str) -> bool:
    return kind in KINDS and choices_for(session, [user_id], kind)[user_id].email


def _today_digest(session: Session, user_id: int, today: date) -> AlertDigest | None:
    digest = AlertDigest(user_id=user_id, day=today)
    try:
        with session.begin_nested():
            session.add(digest)
    except IntegrityError:
        return None
    return digest


def _mark(session: Session, alerts: list[Alert], digest_id: int | None) -> None:
    """Digested, unless another run got there first (the UPDATE re-checks)."""
    if alerts:
        session.execute(
            update(Alert)
            .where(Alert.id.in_([alert.id for alert in alerts]), Alert.digested_at.is_(None))
            .values(digested_at=utcnow(), digest_id=digest_id)
            .execution_options(synchronize_session=False)
        )


def _queue_digest(session: Session, user: User, alerts: list[Alert]) -> Any:
    locale = recipient_locale(user)
    site = current_app.config["SITE_URL"].rstrip("/")
    newest = alerts[-DIGEST_MAX_LINES:][::-1]
    with force_locale(locale):
        subject = "[" + _("Sangsaeng") + "] " + ngettext("%(num)d new alert", "%(num)d new alerts", len(alerts))
        lines = [f"- {render_text(alert.kind, alert.data)}\n  {site}{alert.link}" for alert in newest]
        if len(alerts) > len(newest):
            lines.append(
                _("… and %(count)d more: %(url)s", count=len(alerts) - len(newest), url=f"{site}/notifications/")
            )
        body = "\n\n".join(
            [
                _("New since your last alert email:"),
                "\n".join(lines),
                _("Your saved searches: %(url)s", url=f"{site}/saved-searches/"),
                _("To choose which notifications you receive by email: %(url)s", url=f"{site}/notifications/settings"),
            ]
        )
    return queue_message(session, user.email, locale, DIGEST_KIND, subject, body)
