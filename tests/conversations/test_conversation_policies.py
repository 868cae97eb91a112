"""Who reads and writes a conversation, one table per kind of subject, and the SQL twins of the thread list
and the message list checked against `can(user, 'view', row)`.

Only the parties of the subject: an overseer who sees a project or an engagement is no party to its
conversation, except officers, who are party to every project."""

from __future__ import annotations

import pytest

from marketplace.auth.models import Role, User
from marketplace.conversations.models import Conversation, Message
from marketplace.interests.models import Interest, InterestStatus
from marketplace.policy import can
from mentors.models import Engagement, EngagementStatus
from tests.factories import make_engagement, make_interest, make_mentor, make_need, make_project
from tests.policy_grid import assert_twin_agrees, grid, quick_user

# Column order (tests/policy_grid.py): anonymous | sme own, other | sponsor own, other | supplier own, other
#                                     | mentor | officer | admin
# "own": the actor's firm is a side of the subject; "sent": the actor sent the interest (as an individual);
# "mentored": the actor is the engagement's mentor (a party only as a mentor).
THREADS = grid("""
view interest            | 0  1 0  1 0  1 0  0 0 0
write interest           | 0  1 0  1 0  1 0  0 0 0
view interest-sent       | 0  1 1  1 1  1 1  1 1 1
view project             | 0  1 0  1 0  1 0  0 1 0
write project            | 0  1 0  1 0  1 0  0 1 0
view engagement          | 0  1 0  1 0  1 0  0 0 0
write engagement         | 0  1 0  1 0  1 0  0 0 0
view engagement-mentored | 0  1 0  1 0  1 0  1 0 0
""")
MESSAGES = grid("""
view interest            | 0  1 0  1 0  1 0  0 0 0
view project             | 0  1 0  1 0  1 0  0 1 0
view engagement-mentored | 0  1 0  1 0  1 0  1 0 0
""")


def _actor(db_session, role: Role | None) -> User | None:
    return None if role is None else quick_user(db_session, role)


def _own(actor: User | None, ownership: str) -> int | None:
    return actor.organisation_id if ownership == "own" and actor is not None else None


def _interest(db_session, actor: User | None, ownership: str, mentored: bool) -> Interest:
    """An accepted interest between two other firms, with the actor's firm on one side ("own"), or the actor
    as its sender ("sent": an individual's interest)."""
    owner = quick_user(db_session, Role.SME)
    sender = actor if mentored and actor is not None else quick_user(db_session, Role.SUPPLIER)
    need = make_need(db_session, owner)
    recipient, sender_organisation = owner.organisation_id, sender.organisation_id
    own = _own(actor, ownership)
    if own is not None:
        recipient = own
    return make_interest(
        db_session,
        sender,
        need,
        sender_organisation_id=None if mentored else sender_organisation,
        recipient_organisation_id=recipient,
        status=InterestStatus.ACCEPTED,
    )


def _project(app, db_session, actor: User | None, ownership: str):
    sme = quick_user(db_session, Role.SME)
    project = make_project(app, db_session, sme, make_need(db_session, sme))
    own = _own(actor, ownership)
    if own is not None and actor is not None:
        column = {Role.SME: "sme_organisation_id", Role.SPONSOR: "sponsor_organisation_id"}
        setattr(project, column.get(actor.role, "supplier_organisation_id"), own)
    db_session.flush()
    return project


def _engagement(app, db_session, actor: User | None, ownership: str, mentored: bool) -> Engagement:
    mentor_user = actor if mentored and actor is not None else quick_user(db_session, Role.MENTOR)
    mentor = make_mentor(app, db_session, user=mentor_user)
    client = quick_user(db_session, Role.SME)
    engagement = make_engagement(db_session, mentor, make_need(db_session, client), status=EngagementStatus.ACTIVE)
    own = _own(actor, ownership)
    if own is not None and actor is not None:
        if actor.role == Role.SPONSOR:
            engagement.proposer_organisation_id = own
        else:
            engagement.organisation_id = own
    db_session.flush()
    return engagement


def _thread(app, db_session, actor: User | None, ownership: str, subject: str) -> Conversation:
    kind, _, side = subject.partition("-")
    mentored = side in ("mentored", "sent")
    if kind == "interest":
        row: object = _interest(db_session, actor, ownership, mentored)
    elif kind == "project":
        row = _project(app, db_session, actor, ownership)
    else:
        row = _engagement(app, db_session, actor, ownership, mentored)
    thread = Conversation(
        subject_type=kind, subject_id=row.id, title="대화", opened_by_id=quick_user(db_session, Role.ADMIN).id
    )  # type: ignore[attr-defined]
    db_session.add(thread)
    db_session.flush()
    return thread


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), THREADS)
def test_conversation_policy(app, db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, _, subject = label.partition(" ")
    assert can(actor, action, _thread(app, db_session, actor, ownership, subject)) is allowed


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), MESSAGES)
def test_message_policy(app, db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, _, subject = label.partition(" ")
    thread = _thread(app, db_session, actor, ownership, subject)
    message = Message(conversation=thread, author_id=thread.opened_by_id, body="안녕하세요")
    db_session.add(message)
    db_session.flush()
    assert can(actor, action, message) is allowed


def test_thread_and_message_lists_keep_exactly_what_each_user_may_view(app, db_session):
    viewers = [None, *(quick_user(db_session, role) for role in Role)]
    for viewer in viewers[1:]:
        for subject in ("interest", "project", "engagement", "interest-sent", "engagement-mentored"):
            thread = _thread(app, db_session, viewer, "own", subject)
            db_session.add(Message(conversation=thread, author_id=thread.opened_by_id, body="안녕하세요"))
    for viewer in viewers:
        assert_twin_agrees(db_session, viewer, Conversation)
        assert_twin_agrees(db_session, viewer, Message)
