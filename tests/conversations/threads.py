"""Subjects with their threads for the conversation tests: an accepted interest, a project, an engagement."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from marketplace.auth.models import Role, User
from marketplace.conversations import services as conversations
from marketplace.conversations.commands import MessageIn, OpenConversation
from marketplace.conversations.models import Conversation, Message
from marketplace.interests.models import Interest, InterestStatus
from marketplace.unit_of_work import commit
from tests.factories import make_interest, make_need, make_user


def accepted_interest(
    session: Session, sme: User, supplier: User, status: InterestStatus = InterestStatus.ACCEPTED
) -> Interest:
    """The supplier's interest in a need of the SME's firm, accepted by the SME."""
    need = make_need(session, sme)
    interest = make_interest(session, supplier, need, message="MES 구축 경험이 많습니다.", status=status)
    commit(session)
    return interest


def sme_and_supplier(app: Flask, session: Session) -> tuple[User, User]:
    return make_user(app, session, Role.SME), make_user(app, session, Role.SUPPLIER)


def open_thread(session: Session, actor: User, subject_type: str, subject_id: int) -> Conversation:
    command = OpenConversation(subject_type=subject_type, subject_id=subject_id)
    conversation, _created = conversations.open_conversation(session, actor, command)
    commit(session)
    return conversation


def write(session: Session, actor: User, conversation: Conversation, body: str) -> Message:
    message = conversations.post_message(session, actor, conversation, MessageIn(body=body))
    commit(session)
    return message
