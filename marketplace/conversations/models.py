"""Conversations: one thread per subject (an accepted interest, a project, a mentor engagement), its
messages in order, and how far each reader has read.

A message is a row of its own with an integer id that never changes, so that other tables (files attached
to a message, for one) can point at it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Base, utcnow

if TYPE_CHECKING:
    from marketplace.auth.models import User


class Conversation(Base):
    """The thread of one subject. `subject_type` names a registered kind of subject (subjects.py)."""

    __tablename__ = "conversations"
    # One thread per subject: opening it twice finds the first.
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", name="one_per_subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The newest message's time (the creation time until then): the inbox's order.
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Message(Base):
    """One message of a thread; never changed or deleted once written."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_id_id", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship()
    conversation: Mapped[Conversation] = relationship()

    @property
    def author_name(self) -> str:
        return self.author.display_name


class ConversationRead(Base):
    """How far one user has read one thread: every message with a greater id is unread for them."""

    __tablename__ = "conversation_reads"

    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    last_read_message_id: Mapped[int] = mapped_column(default=0)
    read_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
