"""Sending the outbox through SMTP (standard library only): `flask --app wsgi notify send`, and the job
worker's `send_outbox` every minute.

Settings (docs/configuration.md): MAIL_SERVER, MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD, MAIL_USE_TLS
(STARTTLS), MAIL_FROM. One connection serves the whole run.
"""

from __future__ import annotations

import contextlib
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session

from marketplace.db import utcnow
from marketplace.notifications.outbox import claim_email, email_message, record_failure, record_sent, sendable_ids
from marketplace.unit_of_work import reading, transaction

TIMEOUT_SECONDS = 20


class MailServerUnreachable(Exception):
    """No connection to the SMTP server: nothing more can be sent in this run."""


class MailNotConfigured(Exception):
    """MAIL_SERVER is not set outside development: the outbox cannot be sent."""


def setting_on(value: Any) -> bool:
    """A flag from the environment ("1", "true", "yes", "on") or from code (a bool)."""
    return value is True or str(value).strip().lower() in ("1", "true", "yes", "on")


class SmtpMailer:
    """Sends messages over one SMTP connection, opened at the first message and closed at the end."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.host = config["MAIL_SERVER"]
        self.port = int(config["MAIL_PORT"])
        self.username = config.get("MAIL_USERNAME") or ""
        self.password = config.get("MAIL_PASSWORD") or ""
        self.use_tls = setting_on(config.get("MAIL_USE_TLS"))
        self.sender = config["MAIL_FROM"]
        self.timeout = float(config.get("MAIL_TIMEOUT_SECONDS") or TIMEOUT_SECONDS)  # per connect and reply
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        try:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            if self.use_tls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
        except (OSError, smtplib.SMTPException) as error:
            raise MailServerUnreachable(f"{self.host}:{self.port}: {error}") from error
        return smtp

    def send(self, message: EmailMessage) -> None:
        """Send one message; a refused message raises SMTPException, a lost server MailServerUnreachable."""
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message)
        except smtplib.SMTPServerDisconnected as error:
            self._drop()
            raise MailServerUnreachable(f"{self.host}:{self.port}: {error}") from error
        except smtplib.SMTPException:
            raise  # this message was refused (SMTPException is an OSError too); the connection goes on
        except OSError as error:
            self._drop()
            raise MailServerUnreachable(f"{self.host}:{self.port}: {error}") from error

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self._smtp is not None:
            # The messages are already accepted: a failed goodbye changes nothing.
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self._smtp.quit()
            self._smtp = None


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    taken: int = 0  # claimed by another sender running at the same time
    unreachable: str | None = None  # why the run stopped early


def deliver_outbox(
    session: Session, mailer: SmtpMailer, limit: int = 500, now: datetime | None = None
) -> DeliveryReport:
    """Send up to `limit` due emails, oldest first. The outer function of a batch job: one transaction per step.

    `now` (tests) fixes the clock that decides what is due; by default each step reads the real time.

    Each claim is committed before the message goes out (so a second sender skips the row) and each
    result right after; when the server cannot be reached the run stops and the rest waits for the next one.
    """
    report = DeliveryReport()
    with reading(session):
        candidates = sendable_ids(session, now or utcnow(), limit)
    with mailer:
        for email_id in candidates:
            with transaction(session):
                email = claim_email(session, email_id, now or utcnow())
            if email is None:
                report.taken += 1
                continue
            try:
                mailer.send(email_message(email, mailer.sender))
            except MailServerUnreachable as error:
                with transaction(session):
                    record_failure(email, error, now or utcnow())
                report.failed += 1
                report.unreachable = str(error)
                break
            except smtplib.SMTPException as error:  # this message refused (e.g. a bad recipient); go on
                with transaction(session):
                    record_failure(email, error, now or utcnow())
                report.failed += 1
            else:
                with transaction(session):
                    record_sent(email, utcnow())
                report.sent += 1
    return report


def send_due_emails(session: Session, config: Mapping[str, Any], limit: int = 500) -> DeliveryReport | None:
    """One outbox run (the command's and the worker's): None in development without MAIL_SERVER (nothing is
    sent; admins read the outbox on a page); raises MailNotConfigured elsewhere without one."""
    if not config["MAIL_SERVER"]:
        if config["ENV_NAME"] == "development":
            return None
        raise MailNotConfigured("MAIL_SERVER is not set (see docs/configuration.md)")
    return deliver_outbox(session, SmtpMailer(config), limit)
