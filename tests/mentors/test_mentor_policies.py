"""The mentoring policies, one table each (mentor profiles, engagements, their logs), and the SQL twins of
the mentor list, the engagement list and the log list checked against `can(user, 'view', row)`."""

from __future__ import annotations

from datetime import date

import pytest

from marketplace.auth.models import Role, User
from marketplace.policy import can
from mentors.models import Engagement, EngagementLog, EngagementStatus, MentorProfile
from tests.factories import make_engagement, make_mentor, make_need, make_organisation
from tests.policy_grid import assert_twin_agrees, grid, quick_user

# Column order (tests/policy_grid.py): anonymous | sme own, other | sponsor own, other | supplier own, other
#                                     | mentor | officer | admin
# Profiles: "self" rows are the actor's own profile (any user may hold one; mentors do).
MENTOR_PROFILES = grid("""
view verified          | 0  1 1  1 1  1 1  1 1 1
view unverified        | 0  0 0  0 0  0 0  0 1 1
view self-unverified   | 0  1 1  1 1  1 1  1 1 1
verify unverified      | 0  0 0  0 0  0 0  0 1 1
run_programme          | 0  0 0  0 0  0 0  0 1 1
keep_profile           | 0  0 0  0 0  0 0  1 0 0
see_leads verified     | 0  0 0  0 0  0 0  0 1 1
see_leads self-verified | 0  1 1  1 1  1 1  1 1 1
""")
# Engagements: "own" is the actor's firm as the engagement's client (SME side; a sponsor: the proposer);
# "mentored" rows make the actor the engagement's mentor.
ENGAGEMENTS = grid("""
view                   | 0  1 0  1 0  1 0  0 1 1
view mentored          | 0  1 0  1 0  1 0  1 1 1
propose                | 0  1 1  1 1  0 0  0 0 0
write_log mentored     | 0  0 0  0 0  0 0  1 0 0
write_log              | 0  0 0  0 0  0 0  0 0 0
confirm_log            | 0  1 0  0 0  1 0  0 0 0
""")
MENTOR_LOGS = grid("""
view                   | 0  1 0  1 0  1 0  0 1 1
view mentored          | 0  1 0  1 0  1 0  1 1 1
""")


def _actor(db_session, role: Role | None) -> User | None:
    return None if role is None else quick_user(db_session, role)


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), MENTOR_PROFILES)
def test_mentor_profile_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, _, kind = label.partition(" ")
    if not kind:
        assert can(actor, action, MentorProfile) is allowed
        return
    holder = actor if kind.startswith("self") and actor is not None else quick_user(db_session, Role.MENTOR)
    profile = MentorProfile(user_id=holder.id, verified_at=None if kind.endswith("unverified") else date(2026, 1, 1))
    assert can(actor, action, profile) is allowed


def _engagement(db_session, actor: User | None, ownership: str, mentored: bool) -> Engagement:
    """An engagement (not stored) between other firms and another mentor, with the actor on one side."""
    mentor_user = actor if mentored and actor is not None else quick_user(db_session, Role.MENTOR)
    client, proposer = make_organisation(db_session).id, make_organisation(db_session).id
    if ownership == "own" and actor is not None and actor.organisation_id is not None:
        if actor.role == Role.SPONSOR:
            proposer = actor.organisation_id
        else:
            client = actor.organisation_id
    return Engagement(
        mentor=MentorProfile(user_id=mentor_user.id),
        organisation_id=client,
        proposer_organisation_id=proposer,
        status=EngagementStatus.ACTIVE,
    )


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), ENGAGEMENTS)
def test_engagement_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, _, kind = label.partition(" ")
    target = Engagement if action == "propose" else _engagement(db_session, actor, ownership, kind == "mentored")
    assert can(actor, action, target) is allowed


@pytest.mark.parametrize(("label", "role", "ownership", "allowed"), MENTOR_LOGS)
def test_mentor_log_policy(db_session, label, role, ownership, allowed):
    actor = _actor(db_session, role)
    action, _, kind = label.partition(" ")
    log = EngagementLog(engagement=_engagement(db_session, actor, ownership, kind == "mentored"))
    assert can(actor, action, log) is allowed


def test_mentor_engagement_and_log_lists_keep_exactly_what_each_user_may_view(app, db_session):
    smes = [quick_user(db_session, Role.SME) for _ in range(2)]
    sponsor = quick_user(db_session, Role.SPONSOR)
    mentors = [make_mentor(app, db_session, user=quick_user(db_session, Role.MENTOR)) for _ in range(2)]
    make_mentor(app, db_session, verified=False, user=quick_user(db_session, Role.MENTOR))
    engagements = [
        make_engagement(db_session, mentors[0], make_need(db_session, smes[0]), status=EngagementStatus.ACTIVE),
        make_engagement(db_session, mentors[1], make_need(db_session, smes[1]), proposer=sponsor),
    ]
    for engagement in engagements:
        engagement.logs.append(
            EngagementLog(
                author_id=engagement.mentor.user_id,
                log_date=date(2026, 2, 1),
                hours=4,
                topics="사출 조건",
                advice="금형 온도",
                next_steps="재측정",
            )
        )
    mentor_users = [db_session.get(User, mentor.user_id) for mentor in mentors]
    for viewer in [None, *smes, sponsor, *mentor_users, *(quick_user(db_session, role) for role in Role)]:
        assert_twin_agrees(db_session, viewer, MentorProfile)
        assert_twin_agrees(db_session, viewer, Engagement)
        assert_twin_agrees(db_session, viewer, EngagementLog)
