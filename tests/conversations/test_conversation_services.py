"""Conversations on the real database: opening a thread, writing in order, unread counts, notifications in
the same transaction, and the parties of each kind of subject."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.auth.models import Role
from marketplace.conversations import services as conversations
from marketplace.conversations.commands import MessageIn, OpenConversation
from marketplace.conversations.models import Message
from marketplace.errors import Conflict, NotFound, ValidationFailed
from marketplace.interests.models import InterestStatus
from marketplace.notifications.models import Notification, OutboxEmail
from marketplace.unit_of_work import commit
from mentors.models import EngagementStatus
from tests.conversations.threads import accepted_interest, open_thread, sme_and_supplier, write
from tests.factories import make_engagement, make_mentor, make_need, make_project, make_user


@pytest.fixture
def parties(app, db_session, in_request):
    sme, supplier = sme_and_supplier(app, db_session)
    interest = accepted_interest(db_session, sme, supplier)
    return sme, supplier, interest


def test_an_accepted_interest_opens_one_thread_whoever_opens_it(app, db_session, parties):
    sme, supplier, interest = parties
    first = open_thread(db_session, sme, "interest", interest.id)
    again = open_thread(db_session, supplier, "interest", interest.id)
    assert first.id == again.id
    assert first.title == interest.target_title


def test_a_pending_interest_has_no_thread_yet(app, db_session, in_request):
    sme, supplier = sme_and_supplier(app, db_session)
    interest = accepted_interest(db_session, sme, supplier, status=InterestStatus.PENDING)
    with pytest.raises(Conflict):
        open_thread(db_session, supplier, "interest", interest.id)


def test_a_stranger_cannot_open_the_thread_of_another_firms_subject(app, db_session, parties):
    _sme, _supplier, interest = parties
    stranger = make_user(app, db_session, Role.SUPPLIER)
    with pytest.raises(NotFound):
        open_thread(db_session, stranger, "interest", interest.id)
    with pytest.raises(ValidationFailed) as refused:
        open_thread(db_session, stranger, "letter", interest.id)
    assert "subject_type" in refused.value.fields


def test_messages_come_in_order_and_unread_counts_follow_reading(app, db_session, parties):
    sme, supplier, interest = parties
    thread = open_thread(db_session, supplier, "interest", interest.id)
    write(db_session, supplier, thread, "안녕하세요. 방문 상담 가능합니다.")
    write(db_session, supplier, thread, "다음 주 화요일은 어떠세요?")
    assert conversations.unread_total(db_session, sme) == 2
    assert conversations.unread_total(db_session, supplier) == 0  # one's own messages are read
    reply = write(db_session, sme, thread, "Tuesday at 10 works.")
    page = conversations.list_messages(db_session, thread, None)
    assert [message.body for message in page.items][-1] == "Tuesday at 10 works."
    assert [message.id for message in page.items] == sorted(message.id for message in page.items)
    assert conversations.unread_total(db_session, sme) == 0  # answering reads what came before
    assert conversations.unread_total(db_session, supplier) == 1
    inbox = conversations.list_conversations(db_session, supplier)
    assert [(item.id, item.unread, item.last_message.id) for item in inbox.items] == [(thread.id, 1, reply.id)]
    conversations.mark_read(db_session, supplier, thread)
    commit(db_session)
    assert conversations.unread_total(db_session, supplier) == 0


def test_a_kept_unread_total_moves_the_moment_a_message_arrives_or_is_read(app, db_session, in_request):
    """The top bar's total, kept per process behind a watermark, equals a fresh count after every step."""
    sme = make_user(app, db_session, Role.SME)
    project = make_project(app, db_session, sme, make_need(db_session, sme))
    supplier = make_user(app, db_session, Role.SUPPLIER, organisation=project.solution.organisation)
    officer = make_user(app, db_session, Role.OFFICER)
    kept: dict = {}
    now = [0.0]

    def same(*users) -> None:
        for user in users:
            assert conversations.kept_unread_total(db_session, user, kept, lambda: now[0]) == (
                conversations.unread_total(db_session, user)
            )

    same(sme, supplier, officer)
    thread = open_thread(db_session, sme, "project", project.id)
    same(sme, supplier, officer)
    write(db_session, sme, thread, "설계 일정 확인 부탁드립니다.")
    assert conversations.kept_unread_total(db_session, supplier, kept, lambda: now[0]) == 1
    write(db_session, sme, thread, "도면도 첨부했습니다.")
    assert conversations.kept_unread_total(db_session, supplier, kept, lambda: now[0]) == 2
    open_thread(db_session, officer, "project", project.id)  # following without a new message
    assert conversations.kept_unread_total(db_session, officer, kept, lambda: now[0]) == 2
    conversations.mark_read(db_session, supplier, thread)
    commit(db_session)
    assert conversations.kept_unread_total(db_session, supplier, kept, lambda: now[0]) == 0
    same(sme, supplier, officer)
    # A count is kept at most UNREAD_HELD_SECONDS, whatever else changes without a message.
    kept[next(key for key in kept if key[0] == sme.id)] = (
        conversations._unread_watermark(db_session, sme),
        now[0],
        7,
    )
    assert conversations.kept_unread_total(db_session, sme, kept, lambda: now[0]) == 7
    now[0] += conversations.UNREAD_HELD_SECONDS
    assert conversations.kept_unread_total(db_session, sme, kept, lambda: now[0]) == 0


def test_each_message_is_notified_to_the_other_side_in_its_transaction(app, db_session, parties):
    sme, supplier, interest = parties
    colleague = make_user(app, db_session, Role.SME, organisation=sme.organisation)
    thread = open_thread(db_session, supplier, "interest", interest.id)
    write(db_session, supplier, thread, "견적서를 보내드릴까요?")
    told = db_session.scalars(select(Notification).where(Notification.kind == "message_received")).all()
    assert {notification.user_id for notification in told} == {sme.id, colleague.id}
    assert told[0].link == f"/conversations/{thread.id}"
    assert told[0].data["excerpt"] == "견적서를 보내드릴까요?"
    emails = db_session.scalars(select(OutboxEmail).where(OutboxEmail.kind == "message_received")).all()
    assert {email.recipient for email in emails} == {sme.email, colleague.email}
    # Reading the thread reads its notifications too.
    conversations.mark_read(db_session, sme, thread)
    commit(db_session)
    db_session.refresh(told[0])
    mine = [n for n in told if n.user_id == sme.id][0]
    db_session.refresh(mine)
    assert mine.read_at is not None


def test_a_refused_message_writes_nothing(app, db_session, parties):
    sme, _supplier, interest = parties
    thread = open_thread(db_session, sme, "interest", interest.id)
    for body in ["", "   ", "가" * 4001]:
        with pytest.raises(ValidationFailed) as refused:
            conversations.post_message(db_session, sme, thread, MessageIn.model_construct(body=body))
        assert "body" in refused.value.fields
    assert db_session.scalar(select(Message).where(Message.conversation_id == thread.id)) is None


def test_a_stranger_neither_reads_nor_writes_a_thread(app, db_session, parties):
    sme, _supplier, interest = parties
    thread = open_thread(db_session, sme, "interest", interest.id)
    message = write(db_session, sme, thread, "안녕하세요")
    stranger = make_user(app, db_session, Role.SME)
    with pytest.raises(NotFound):
        conversations.get_conversation(db_session, stranger, thread.id)
    with pytest.raises(NotFound):
        conversations.get_message(db_session, stranger, message.id)
    assert conversations.list_conversations(db_session, stranger).total == 0


def test_a_projects_firms_talk_and_an_officer_joins_by_opening_it(app, db_session, in_request):
    sme = make_user(app, db_session, Role.SME)
    project = make_project(app, db_session, sme, make_need(db_session, sme))
    supplier = make_user(app, db_session, Role.SUPPLIER, organisation=project.solution.organisation)
    officer = make_user(app, db_session, Role.OFFICER)
    admin = make_user(app, db_session, Role.ADMIN)
    thread = open_thread(db_session, sme, "project", project.id)
    write(db_session, sme, thread, "설계 일정 확인 부탁드립니다.")
    assert conversations.unread_total(db_session, supplier) == 1
    assert conversations.unread_total(db_session, officer) == 0  # every project's party, follows none unasked
    with pytest.raises(NotFound):
        conversations.get_conversation(db_session, admin, thread.id)
    assert open_thread(db_session, officer, "project", project.id).id == thread.id
    write(db_session, supplier, thread, "다음 주에 보내드리겠습니다.")
    told = db_session.scalars(select(Notification.user_id).where(Notification.kind == "message_received")).all()
    assert officer.id in told
    assert conversations.unread_total(db_session, officer) == 2  # opened, not yet read


def test_an_engagements_mentor_and_sme_talk_but_overseers_do_not(app, db_session, in_request):
    sme = make_user(app, db_session, Role.SME)
    mentor = make_mentor(app, db_session)
    engagement = make_engagement(db_session, mentor, make_need(db_session, sme), status=EngagementStatus.ACTIVE)
    thread = open_thread(db_session, mentor.user, "engagement", engagement.id)
    write(db_session, mentor.user, thread, "첫 방문은 월요일 오전에 하겠습니다.")
    assert conversations.unread_total(db_session, sme) == 1
    officer = make_user(app, db_session, Role.OFFICER)
    with pytest.raises(NotFound):
        open_thread(db_session, officer, "engagement", engagement.id)


def test_an_open_command_is_checked_like_the_api(app, db_session, parties):
    sme, _supplier, interest = parties
    command = OpenConversation.model_construct(subject_type="interest", subject_id=None)
    with pytest.raises(NotFound):
        conversations.open_conversation(db_session, sme, command)
    assert interest.id
