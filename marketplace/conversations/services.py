"""Conversations: open the thread of a subject, write in it, read it, and count what is unread.

Only the parties of a thread's subject read or write it (policies.py); a message and the notifications it
causes are written in one transaction, so a message is never lost and never told twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, bindparam, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from marketplace.auth.models import User
from marketplace.conversations import policies
from marketplace.conversations.commands import MessageIn, OpenConversation
from marketplace.conversations.models import Conversation, ConversationRead, Message
from marketplace.conversations.notices import notify_message, thread_path
from marketplace.conversations.subjects import SUBJECTS, SubjectKind, subject_kind
from marketplace.db import utcnow
from marketplace.errors import Conflict, NotFound
from marketplace.notifications.models import Notification
from marketplace.permissions import require_verified_email
from marketplace.policy import ensure, found, visible
from marketplace.search import MAX_PAGE, Page
from marketplace.validation import fail

NO_SUCH_CONVERSATION = _l("No such conversation.")
NO_SUCH_MESSAGE = _l("No such message.")
PER_PAGE = 50
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class ThreadSummary:
    """A line of the inbox: the thread, its newest message and how many the reader has not read."""

    conversation: Conversation
    kind: SubjectKind
    last_message: Message | None
    unread: int

    @property
    def id(self) -> int:
        return self.conversation.id


def get_conversation(session: Session, actor: User, conversation_id: int) -> Conversation:
    return found(actor, session.get(Conversation, conversation_id), NO_SUCH_CONVERSATION)


def get_message(session: Session, actor: User, message_id: int) -> Message:
    return found(actor, session.get(Message, message_id), NO_SUCH_MESSAGE)


def conversation_of(session: Session, subject_type: str, subject_id: int) -> Conversation | None:
    statement = select(Conversation).where(
        Conversation.subject_type == subject_type, Conversation.subject_id == subject_id
    )
    return session.scalar(statement)


def open_conversation(session: Session, actor: User, command: OpenConversation) -> tuple[Conversation, bool]:
    """The thread of a subject the actor is a party to, opened now if it was not yet; and whether it is new.

    A subject the actor is no party to does not exist for them (404), whatever its kind.
    """
    OpenConversation.check(command.values())
    kind = subject_kind(command.subject_type)
    if kind is None:
        raise fail("subject_type", _l("Choose interest, project or engagement."))
    subject = session.get(kind.model, command.subject_id) if isinstance(command.subject_id, int) else None
    if subject is None or not kind.is_party(actor, subject):
        raise NotFound(_l("No such subject."), fields={"subject_id": [str(_l("No such subject."))]})
    existing = conversation_of(session, kind.name, subject.id)
    if existing is not None:
        _remember_read(session, actor, existing, 0)  # who opens a thread follows it (an officer, a colleague)
        return existing, False
    if not kind.may_open(subject):
        raise Conflict(_l("A conversation opens once the interest is accepted."))
    conversation = Conversation(
        subject_type=kind.name, subject_id=subject.id, title=kind.title(subject)[:200], opened_by_id=actor.id
    )
    try:
        with session.begin_nested():  # two parties opening it at once: the unique constraint keeps one
            session.add(conversation)
    except IntegrityError:
        again = conversation_of(session, kind.name, subject.id)
        if again is None:
            raise
        _remember_read(session, actor, again, 0)
        return again, False
    _remember_read(session, actor, conversation, 0)
    return conversation, True


def post_message(session: Session, actor: User, conversation: Conversation, command: MessageIn) -> Message:
    """Write a message in the thread and tell the other parties, in the same transaction."""
    MessageIn.check(command.values())
    ensure(actor, "write", conversation)
    require_verified_email(actor)
    kind = SUBJECTS[conversation.subject_type]
    message = Message(conversation=conversation, author_id=actor.id, author=actor, body=command.body.strip())
    session.add(message)
    session.flush()
    conversation.last_message_at = message.created_at
    _remember_read(session, actor, conversation, message.id)  # one's own message is read
    subject = policies.subject_of(conversation)
    notify_message(session, kind, subject, conversation, message, actor, also=_followers(session, conversation))
    return message


def _followers(session: Session, conversation: Conversation) -> list[User]:
    """Users who opened or read the thread and are still parties (an officer who joined a project's thread)."""
    statement = (
        select(User)
        .join(ConversationRead, ConversationRead.user_id == User.id)
        .where(ConversationRead.conversation_id == conversation.id)
        .order_by(User.id)
    )
    return [user for user in session.scalars(statement) if policies.THREADS.view(user, conversation)]


def list_messages(session: Session, conversation: Conversation, page: int | None, per_page: int = PER_PAGE) -> Page:
    """One page of the thread's messages, oldest first; without a page, the last (newest) one."""
    per_page = min(max(1, per_page), MAX_PER_PAGE)
    total = session.scalar(select(func.count()).where(Message.conversation_id == conversation.id)) or 0
    last = max(1, -(-total // per_page))
    page = min(max(1, page if page is not None else last), MAX_PAGE)
    statement = (
        select(Message)
        .where(Message.conversation_id == conversation.id)
        .order_by(Message.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return Page(list(session.scalars(statement)), total, page, per_page)


def mark_read(session: Session, actor: User, conversation: Conversation, up_to: int | None = None) -> int:
    """The actor has read the thread up to message `up_to` (default: its newest); its notifications are read
    too. Returns the id read up to. Reading never goes backwards."""
    ensure(actor, "view", conversation)
    newest = session.scalar(select(func.max(Message.id)).where(Message.conversation_id == conversation.id)) or 0
    last = newest if up_to is None else min(up_to, newest)
    _remember_read(session, actor, conversation, last)
    session.execute(
        update(Notification)
        .where(
            Notification.user_id == actor.id,
            Notification.kind == "message_received",
            Notification.link == thread_path(conversation),
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow())
    )
    return last


def _remember_read(session: Session, user: User, conversation: Conversation, message_id: int) -> None:
    session.flush()
    row = session.get(ConversationRead, (conversation.id, user.id))
    if row is None:
        session.add(ConversationRead(conversation_id=conversation.id, user_id=user.id, last_read_message_id=message_id))
    elif message_id > row.last_read_message_id:
        row.last_read_message_id = message_id
        row.read_at = utcnow()


def _followed(user: User) -> Any:
    """SQL over conversations: the threads in the user's inbox (the kind's followed subjects, or ones they
    opened, read or wrote in), among those they may read."""
    by_kind = [
        and_(
            Conversation.subject_type == kind.name,
            Conversation.subject_id.in_(select(kind.model.id).where(kind.followed(user))),
        )
        for kind in SUBJECTS.values()
    ]
    joined = exists().where(ConversationRead.conversation_id == Conversation.id, ConversationRead.user_id == user.id)
    return and_(visible(user, Conversation), or_(joined, *by_kind))


def _unread_counts(user: User) -> Any:
    """SELECT conversation id, unread messages: the user's followed threads with anything unread."""
    read = aliased(ConversationRead)
    return (
        select(Message.conversation_id, func.count(Message.id))
        .join(Conversation, Conversation.id == Message.conversation_id)
        .outerjoin(read, and_(read.conversation_id == Conversation.id, read.user_id == user.id))
        .where(
            _followed(user),
            Message.author_id != user.id,
            Message.id > func.coalesce(read.last_read_message_id, 0),
        )
        .group_by(Message.conversation_id)
    )


def unread_total(session: Session, user: User) -> int:
    """Unread messages in all the user's threads: the top bar's badge."""
    counts = _unread_counts(user).subquery()
    return int(session.scalar(select(func.coalesce(func.sum(counts.c[1]), 0))) or 0)


UNREAD_HELD_SECONDS = 30.0  # a kept total is recounted at least this often (parties can change without a message)
UNREAD_KEPT_USERS = 10_000


def _watermark_statement() -> Select:
    mine = ConversationRead.user_id == bindparam("user_id")
    return select(
        select(func.max(Message.id)).scalar_subquery(),
        select(func.max(Conversation.id)).scalar_subquery(),
        select(func.count()).select_from(ConversationRead).where(mine).scalar_subquery(),
        select(func.coalesce(func.sum(ConversationRead.last_read_message_id), 0)).where(mine).scalar_subquery(),
    )


# Built once per process with the user bound at each call: every page's top bar asks it, and building its
# four subqueries cost more than running them.
WATERMARK = _watermark_statement()


def _unread_watermark(session: Session, user: User) -> tuple[Any, ...]:
    """What the unread total moves with, read in one cheap statement: the newest message and thread, and
    how far the user has read (their read marks' number and sum)."""
    return tuple(session.execute(WATERMARK, {"user_id": user.id}).one())


def kept_unread_total(session: Session, user: User, kept: dict[Any, Any], clock: Any = time.monotonic) -> int:
    """`unread_total`, recounted only when a message, a thread or the user's reading moved since the last
    count kept in `kept` (a dict the caller holds, per process), or when that count is older than
    UNREAD_HELD_SECONDS: a message arriving shows on the very next page, at the cost of one small query."""
    key = (user.id, user.role, user.organisation_id, getattr(user, "member_role", None), user.active)
    mark = _unread_watermark(session, user)
    held = kept.get(key)
    now = clock()
    if held is not None and held[0] == mark and now - held[1] < UNREAD_HELD_SECONDS:
        return int(held[2])
    total = unread_total(session, user)
    if len(kept) >= UNREAD_KEPT_USERS:
        kept.clear()
    kept[key] = (mark, now, total)
    return total


def unread_in(session: Session, user: User, conversation: Conversation) -> int:
    read = session.get(ConversationRead, (conversation.id, user.id))
    statement = select(func.count(Message.id)).where(
        Message.conversation_id == conversation.id,
        Message.author_id != user.id,
        Message.id > (read.last_read_message_id if read else 0),
    )
    return session.scalar(statement) or 0


def list_conversations(session: Session, user: User, page: int = 1, per_page: int = 20) -> Page[ThreadSummary]:
    """The user's threads, newest message first, each with its unread count."""
    page, per_page = min(max(1, page), MAX_PAGE), min(max(1, per_page), MAX_PER_PAGE)
    condition = _followed(user)
    total = session.scalar(select(func.count()).select_from(Conversation).where(condition)) or 0
    threads = list(
        session.scalars(
            select(Conversation)
            .where(condition)
            .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
    )
    ids = [thread.id for thread in threads]
    rows = session.execute(_unread_counts(user).where(Message.conversation_id.in_(ids)))
    unread: dict[int, int] = {row[0]: row[1] for row in rows}
    newest_ids = select(func.max(Message.id)).where(Message.conversation_id.in_(ids)).group_by(Message.conversation_id)
    newest = {
        message.conversation_id: message
        for message in session.scalars(select(Message).where(Message.id.in_(newest_ids)))
    }
    items = [
        ThreadSummary(thread, SUBJECTS[thread.subject_type], newest.get(thread.id), int(unread.get(thread.id, 0)))
        for thread in threads
        if thread.subject_type in SUBJECTS
    ]
    return Page(items, total, page, per_page)
