"""Notification fixtures: a real SMTP server (aiosmtpd) on a free local port, and helpers to read what arrived."""

from __future__ import annotations

import email
import socket
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from marketplace.notifications.models import Notification, OutboxEmail


def free_port() -> int:
    """A port nothing listens on now (the kernel's pick, released at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpServer:
    """What a real SMTP server accepted, in order."""

    port: int
    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered "550 no such user"
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # noqa: N802
        if address in self.refuse:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """An SMTP server on 127.0.0.1, started for the test and stopped after it."""
    server = SmtpServer(free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


def mail_settings(port: int) -> dict[str, object]:
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_FROM": "상생 <noreply@sangsaeng.kr>"}


def notifications_of(db_session, user, kind: str | None = None) -> list[Notification]:
    statement = select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    if kind:
        statement = statement.where(Notification.kind == kind)
    return list(db_session.scalars(statement))


def emails_to(db_session, user) -> list[OutboxEmail]:
    statement = select(OutboxEmail).where(OutboxEmail.recipient == user.email).order_by(OutboxEmail.id)
    return list(db_session.scalars(statement))
