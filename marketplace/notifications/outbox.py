"""The email outbox: emails queued with the event that causes them, sent later by `flask notify send`.

An email is rendered when it is queued, in the recipient's language (their saved choice, else Korean),
so the sender needs nothing but the row. Sending claims each row first with a conditional UPDATE: of two
senders running at once, exactly one claims a row and sends it. A claim older than CLAIM_TIMEOUT (a sender
that died mid-way) is taken over, so a crash can at worst send one email twice, never lose it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid, parseaddr
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.db import utcnow
from marketplace.i18n import LANGUAGES
from marketplace.notifications.kinds import KINDS
from marketplace.notifications.messages import render_text
from marketplace.notifications.models import OutboxEmail

MAX_ATTEMPTS = 8  # then the row stays unsent with its last error, for someone to look at
FIRST_RETRY = timedelta(minutes=5)  # doubled after each failure, at most MAX_RETRY
MAX_RETRY = timedelta(hours=6)
CLAIM_TIMEOUT = timedelta(minutes=15)


def recipient_locale(user: User) -> str:
    return user.locale if user.locale in LANGUAGES else "ko"


def queue_email(session: Session, user: User, kind: str, link: str, data: dict[str, Any], site: str) -> OutboxEmail:
    """One email about an event, rendered now in the recipient's language; `site` makes its links whole."""
    locale = recipient_locale(user)
    with force_locale(locale):
        subject = "[" + _("Sangsaeng") + "] " + str(KINDS[kind].label)
        body = "\n\n".join(
            [
                render_text(kind, data),
                site + link,
                _("To choose which notifications you receive by email: %(url)s", url=f"{site}/notifications/settings"),
            ]
        )
    return queue_message(session, user.email, locale, kind, subject, body)


def queue_message(session: Session, recipient: str, locale: str, kind: str, subject: str, body: str) -> OutboxEmail:
    """One email already written in the recipient's language (account emails: links to verify, reset, join)."""
    email = OutboxEmail(recipient=recipient, subject=subject, body=body + "\n", locale=locale, kind=kind)
    session.add(email)
    return email


def _waiting() -> Any:
    """SQL: not sent yet and not given up (what the sender still has to do)."""
    return and_(OutboxEmail.sent_at.is_(None), OutboxEmail.attempts < MAX_ATTEMPTS)


def _sendable(now: datetime) -> Any:
    """SQL: unsent, not given up, due for an attempt, and not claimed by a live sender."""
    return and_(
        _waiting(),
        OutboxEmail.next_attempt_at <= now,
        or_(OutboxEmail.claimed_at.is_(None), OutboxEmail.claimed_at < now - CLAIM_TIMEOUT),
    )


def backlog_size(session: Session) -> int:
    """Emails still to send (for the operator's metrics)."""
    return session.scalar(select(func.count()).where(_waiting())) or 0


def oldest_waiting_seconds(session: Session) -> float:
    """How long the oldest email still to send has waited; 0 when none waits."""
    oldest = session.scalar(select(func.min(OutboxEmail.created_at)).where(_waiting()))
    return max(0.0, (utcnow() - oldest).total_seconds()) if oldest is not None else 0.0


def sendable_ids(session: Session, now: datetime, limit: int) -> list[int]:
    statement = select(OutboxEmail.id).where(_sendable(now)).order_by(OutboxEmail.id).limit(limit)
    return list(session.scalars(statement))


def claim_email(session: Session, email_id: int, now: datetime) -> OutboxEmail | None:
    """Take one row for this sender; None when another sender has it (or sent it) already.

    The claim is stamped with the real time, not the run's `now`, so a long run's fresh claims never look
    stale to a sender that starts later.

    The conditions are re-checked by the UPDATE itself, so on PostgreSQL a second sender waiting on the
    row lock re-reads the claimed row and matches nothing, and on SQLite writers run one at a time.
    """
    claimed = session.execute(
        update(OutboxEmail).where(OutboxEmail.id == email_id, _sendable(now)).values(claimed_at=utcnow())
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return session.get(OutboxEmail, email_id, populate_existing=True)


def record_sent(email: OutboxEmail, now: datetime) -> None:
    email.sent_at = now
    email.attempts += 1
    email.claimed_at = None
    email.last_error = None


def record_failure(email: OutboxEmail, error: BaseException, now: datetime) -> None:
    """Keep the error and try again later, waiting twice as long after each failure."""
    email.attempts += 1
    email.claimed_at = None
    email.last_error = f"{type(error).__name__}: {error}"[:500]
    email.next_attempt_at = now + min(FIRST_RETRY * 2 ** (email.attempts - 1), MAX_RETRY)


def email_message(email: OutboxEmail, sender: str) -> EmailMessage:
    """The MIME message of an outbox row (UTF-8 text; Korean subjects are encoded by the email package)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.recipient
    message["Subject"] = email.subject
    # The domain is given so that make_msgid does not look up this host's name.
    domain = parseaddr(sender)[1].rpartition("@")[2] or "sangsaeng.kr"
    message["Message-ID"] = make_msgid(idstring=f"outbox-{email.id}", domain=domain)
    message["Content-Language"] = email.locale
    message.set_content(email.body)
    return message


def recent_emails(session: Session, limit: int = 200) -> list[OutboxEmail]:
    """The newest emails, sent or not (the development outbox page)."""
    statement = select(OutboxEmail).order_by(OutboxEmail.created_at.desc(), OutboxEmail.id.desc()).limit(limit)
    return list(session.scalars(statement))
