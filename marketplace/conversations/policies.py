"""Who may read and write a conversation: the parties of its subject, and nobody else (not even overseers
who may see the subject itself). To anyone else a thread and its messages do not exist (404).

Who the parties are is the subject kind's to say (subjects.py); this policy asks it, row by row and in SQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, false, or_, select
from sqlalchemy.orm import object_session

from marketplace.auth.models import User
from marketplace.conversations.models import Conversation, Message
from marketplace.conversations.subjects import SUBJECTS
from marketplace.policy import Policy, registers


def subject_of(conversation: Conversation) -> Any:
    """The row the thread is about (None if its kind is not registered or the row is gone)."""
    kind = SUBJECTS.get(conversation.subject_type)
    session = object_session(conversation)
    return session.get(kind.model, conversation.subject_id) if kind and session else None


@registers(Conversation, "conversation")
class ConversationPolicy(Policy):
    actions = ("view", "write")

    def view(self, user: User | None, conversation: Conversation) -> bool:
        kind = SUBJECTS.get(conversation.subject_type)
        subject = subject_of(conversation)
        return user is not None and kind is not None and subject is not None and kind.is_party(user, subject)

    def write(self, user: User | None, conversation: Conversation) -> bool:
        """Every party writes; nobody else even reads."""
        return self.view(user, conversation)

    def visible(self, user: User | None) -> Any:
        if user is None:
            return false()
        sides = [
            and_(
                Conversation.subject_type == kind.name,
                Conversation.subject_id.in_(select(kind.model.id).where(kind.party_rows(user))),
            )
            for kind in SUBJECTS.values()
        ]
        return or_(*sides) if sides else false()


@registers(Message, "message")
class MessagePolicy(Policy):
    """A message is read with its thread."""

    actions = ("view",)

    def view(self, user: User | None, message: Message) -> bool:
        return THREADS.view(user, message.conversation)

    def visible(self, user: User | None) -> Any:
        return Message.conversation_id.in_(select(Conversation.id).where(THREADS.visible(user)))


THREADS = ConversationPolicy()
