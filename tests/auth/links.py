"""Reading the links we email from the outbox, as the recipient would from their mailbox."""

from __future__ import annotations

import re

from sqlalchemy import select

from marketplace.notifications.models import OutboxEmail


def emailed_link(db_session, recipient: str, kind: str) -> str:
    """The path of the newest link of this kind emailed to `recipient` (e.g. /account/reset/<token>)."""
    statement = select(OutboxEmail).where(OutboxEmail.recipient == recipient, OutboxEmail.kind == kind)
    email = db_session.scalars(statement.order_by(OutboxEmail.id.desc())).first()
    assert email is not None, f"no {kind} email to {recipient}"
    match = re.search(r"https?://[^/\s]+(/\S+)", email.body)
    assert match, email.body
    return match.group(1)


def outbox_count(db_session, recipient: str) -> int:
    return len(db_session.scalars(select(OutboxEmail.id).where(OutboxEmail.recipient == recipient)).all())
