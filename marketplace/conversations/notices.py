"""Who is told of a new message: every party of the thread's subject but its author (the subject kind says
who, subjects.py), in the app and by email as each chose (`message_received`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.auth.models import Role, User
from marketplace.context import site_url
from marketplace.conversations.models import Conversation, Message
from marketplace.conversations.subjects import SubjectKind
from marketplace.notifications.kinds import ORGANISATIONS, Kind, event_values
from marketplace.notifications.services import notify

EXCERPT_CHARS = 140

CONVERSATION_KINDS = (
    Kind(
        "message_received",
        _l("New message in a conversation"),
        (*ORGANISATIONS, Role.MENTOR, Role.OFFICER),
        email=True,
        text=lambda data: _(
            "%(author)s wrote in “%(title)s”: %(excerpt)s", **event_values(data, "author", "title", "excerpt")
        ),
    ),
)


def thread_path(conversation: Conversation) -> str:
    return f"/conversations/{conversation.id}"


def excerpt(body: str) -> str:
    line = " ".join(body.split())
    return line if len(line) <= EXCERPT_CHARS else line[: EXCERPT_CHARS - 1] + "…"


def notify_message(
    session: Session,
    kind: SubjectKind,
    subject: Any,
    conversation: Conversation,
    message: Message,
    author: User,
    also: Iterable[User] = (),
) -> int:
    """Tell the subject's parties and `also` (who joined the thread), in the message's own transaction (it
    commits or rolls back with it); never the author."""
    return notify(
        session,
        [*kind.recipients(session, subject), *also],
        "message_received",
        thread_path(conversation),
        site_url=site_url(),  # the request's site: a thread is written to from a page or the API
        actor=author,
        author=author.display_name,
        title=conversation.title,
        excerpt=excerpt(message.body),
        conversation_id=conversation.id,
        message_id=message.id,
    )
