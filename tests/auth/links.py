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


def sign_up_and_confirm(client, db_session, data: dict, headers: dict | None = None):
    """Register through the form, then open the emailed link and confirm, as a new user does: the link
    logs the browser in. Returns the confirmation's response."""
    from tests.conftest import post_form

    sent = post_form(client, "/account/register", data, headers=headers)
    assert sent.status_code == 200
    assert 'id="registration-sent"' in sent.get_data(as_text=True)
    return post_form(client, emailed_link(db_session, data["email"].lower(), "verify_email"), {}, headers=headers)
