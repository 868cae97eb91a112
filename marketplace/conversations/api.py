"""/api/v1/conversations: your threads with their unread counts, a thread's messages, writing, reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import request
from pydantic import Field

from marketplace.api import bp, query
from marketplace.api.conventions import OutputSchema, dump, page_body, parse_body
from marketplace.api.openapi import creates, operation
from marketplace.auth.models import User
from marketplace.conversations import services as conversations
from marketplace.conversations.commands import MessageIn, OpenConversation
from marketplace.conversations.models import Conversation, Message
from marketplace.db import db
from marketplace.extensions import message_limit
from marketplace.filters import read_filters
from marketplace.permissions import actor, requires


class MessageOut(OutputSchema):
    id: int
    conversation_id: int
    author_id: int
    author_name: str
    body: str
    created_at: datetime


class ConversationOut(OutputSchema):
    id: int
    subject_type: str = Field(description="interest, project or engagement")
    subject_id: int
    title: str
    created_at: datetime
    last_message_at: datetime
    unread: int = Field(description="Messages of the others you have not read")


class ConversationItem(ConversationOut):
    last_message: MessageOut | None


class ConversationList(OutputSchema):
    items: list[ConversationItem]
    total: int
    page: int
    per_page: int
    unread: int = Field(description="Unread messages in all your conversations")


class MessageList(OutputSchema):
    items: list[MessageOut]
    total: int
    page: int
    per_page: int


class ReadOut(OutputSchema):
    conversation_id: int
    last_read_message_id: int
    unread: int


@dataclass(frozen=True)
class MessagePaging:
    page: int | None = None
    per_page: int = conversations.PER_PAGE


def _conversation(conversation: Conversation, unread: int) -> dict[str, Any]:
    fields = {name: getattr(conversation, name) for name in ConversationOut.model_fields if name != "unread"}
    return ConversationOut.model_validate(fields | {"unread": unread}).model_dump(mode="json")


def _as_seen_by(user: User, conversation: Conversation) -> dict[str, Any]:
    """The conversation with how many of its messages the user has not read."""
    return _conversation(conversation, conversations.unread_in(db.session, user, conversation))


def _yours(conversation_id: int) -> tuple[User, Conversation]:
    """The calling user and a conversation they are a party to (404 otherwise)."""
    user = actor()
    return user, conversations.get_conversation(db.session, user, conversation_id)


def _summary(summary: conversations.ThreadSummary) -> dict[str, Any]:
    last = dump(MessageOut, summary.last_message) if summary.last_message else None
    return _conversation(summary.conversation, summary.unread) | {"last_message": last}


@bp.get("/conversations")
@operation(
    "Your conversations, newest message first",
    "conversations",
    response=ConversationList,
    errors=(400, 401),
    query=query.PAGING,
)
@requires()
def list_conversations() -> dict[str, Any]:
    paging = read_filters(query.Paging, request.args, strict=True)
    user = actor()
    page = conversations.list_conversations(db.session, user, paging.page, paging.per_page)
    return page_body(page, _summary) | {"unread": conversations.unread_total(db.session, user)}


@bp.post("/conversations")
@operation(
    "The conversation of an accepted interest, a project or an engagement you are a party to: opened now, "
    "or the one opened before (the same answer either way)",
    "conversations",
    body=OpenConversation,
    response=ConversationOut,
    errors=(400, 401, 404, 409),
)
@requires()
def open_conversation() -> dict[str, Any]:
    user = actor()
    conversation, _created = conversations.open_conversation(db.session, user, parse_body(OpenConversation))
    db.session.flush()
    return _as_seen_by(user, conversation)


@bp.get("/conversations/<int:conversation_id>")
@operation("One conversation you are a party to", "conversations", response=ConversationOut, errors=(401, 404))
@requires()
def get_conversation(conversation_id: int) -> dict[str, Any]:
    user, conversation = _yours(conversation_id)
    return _as_seen_by(user, conversation)


@bp.get("/conversations/<int:conversation_id>/messages")
@operation(
    "A conversation's messages, oldest first (without `page`, the last page: the newest); reading changes "
    "nothing (POST …/read marks them read)",
    "conversations",
    response=MessageList,
    errors=(400, 401, 404),
    query=query.PAGING,
)
@requires()
def list_messages(conversation_id: int) -> dict[str, Any]:
    paging = read_filters(MessagePaging, request.args, strict=True)
    _user, conversation = _yours(conversation_id)
    page = conversations.list_messages(db.session, conversation, paging.page, paging.per_page)
    return page_body(page, lambda message: dump(MessageOut, message))


@bp.post("/conversations/<int:conversation_id>/messages")
@creates(
    "Write a message; the other parties are notified",
    "conversations",
    MessageIn,
    MessageOut,
    errors=(400, 401, 403, 404, 429),
)
@message_limit
@requires()
def post_message(conversation_id: int) -> tuple[dict[str, Any], int]:
    user, conversation = _yours(conversation_id)
    message = conversations.post_message(db.session, user, conversation, parse_body(MessageIn))
    db.session.flush()
    return dump(MessageOut, message), 201


@bp.post("/conversations/<int:conversation_id>/read")
@operation("Mark a conversation read up to its newest message", "conversations", response=ReadOut, errors=(401, 404))
@requires()
def mark_read(conversation_id: int) -> dict[str, Any]:
    user, conversation = _yours(conversation_id)
    last = conversations.mark_read(db.session, user, conversation)
    db.session.flush()
    return {"conversation_id": conversation.id, "last_read_message_id": last, "unread": 0}


@bp.get("/messages/<int:message_id>")
@operation("One message of a conversation you are a party to", "conversations", response=MessageOut, errors=(401, 404))
@requires()
def get_message(message_id: int) -> dict[str, Any]:
    message: Message = conversations.get_message(db.session, actor(), message_id)
    return dump(MessageOut, message)
