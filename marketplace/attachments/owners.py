"""The core's owners of attachments: needs and solutions (their owners keep files on them), organisations
(documents and a logo) and messages (their author attaches files; the thread's parties see them).

Features register theirs beside their code (funds/projects/attachments.py, mentors/attachments.py); the app
factory registers them all."""

from __future__ import annotations

from flask import url_for

from marketplace.attachments.kinds import DOCUMENT, OwnerKind, page_at
from marketplace.auth.models import User
from marketplace.conversations.models import Message
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation
from marketplace.policy import can
from marketplace.solutions.models import Solution


def kept_by_its_editors(name: str, model: type, roles: tuple[str, ...] = (DOCUMENT,)) -> OwnerKind:
    """A listing or organisation: whoever may edit it keeps its files; its page is <name>s.show."""
    collection = f"{name}s"
    return OwnerKind(
        name=name,
        model=model,
        collection=collection,
        label=name,
        may_attach=lambda user, owner: can(user, "edit", owner),
        page=page_at(f"{collection}.show", f"{name}_id"),
        roles=roles,
    )


NEED = kept_by_its_editors("need", Need)
SOLUTION = kept_by_its_editors("solution", Solution)
ORGANISATION = kept_by_its_editors("organisation", Organisation, roles=(DOCUMENT, "logo"))


def may_attach_to_message(user: User | None, message: Message) -> bool:
    """The author, while still a party to the thread."""
    return user is not None and message.author_id == user.id and can(user, "view", message)


MESSAGE = OwnerKind(
    name="message",
    model=Message,
    collection="messages",
    label="message",
    may_attach=may_attach_to_message,
    page=lambda message: (
        url_for("conversations.show", conversation_id=message.conversation_id) + f"#message-{message.id}"
    ),
)
CORE_OWNERS = (NEED, SOLUTION, ORGANISATION, MESSAGE)
