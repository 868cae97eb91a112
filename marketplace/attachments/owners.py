"""The core's owners of attachments: needs and solutions (their owners keep files on them), organisations
(documents and a logo) and messages (their author attaches files; the thread's parties see them).

Features register theirs beside their code (funds/projects/attachments.py, mentors/attachments.py); the app
factory registers them all."""

from __future__ import annotations

from flask import url_for

from marketplace.attachments.kinds import DOCUMENT, OwnerKind
from marketplace.auth.models import User
from marketplace.conversations.models import Message
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation
from marketplace.policy import can
from marketplace.solutions.models import Solution

NEED = OwnerKind(
    name="need",
    model=Need,
    collection="needs",
    label="need",
    may_attach=lambda user, need: can(user, "edit", need),
    page=lambda need: url_for("needs.show", need_id=need.id),
)
SOLUTION = OwnerKind(
    name="solution",
    model=Solution,
    collection="solutions",
    label="solution",
    may_attach=lambda user, solution: can(user, "edit", solution),
    page=lambda solution: url_for("solutions.show", solution_id=solution.id),
)
ORGANISATION = OwnerKind(
    name="organisation",
    model=Organisation,
    collection="organisations",
    label="organisation",
    may_attach=lambda user, organisation: can(user, "edit", organisation),
    page=lambda organisation: url_for("organisations.show", organisation_id=organisation.id),
    roles=(DOCUMENT, "logo"),
)


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
