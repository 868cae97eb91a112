"""Engagements: the mentor is told of a proposal, the other sides of each move, and of a log due each month."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.auth.models import Role
from marketplace.db import utcnow
from marketplace.notifications.preferences import Choice, save_choices
from mentors.engagements import propose_engagement, transition_engagement
from mentors.models import EngagementLog, EngagementStatus
from mentors.schemas import EngagementIn
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, context_of, make_engagement, make_mentor, make_need, make_user
from tests.mentors.conftest import linked_sponsor
from tests.notifications.conftest import emails_to, notifications_of


@pytest.fixture
def sides(app, db_session):
    mentor = make_user(app, db_session, Role.MENTOR, locale="en")
    sme = make_user(app, db_session, Role.SME)
    return {
        "mentor": mentor,
        "profile": make_mentor(app, db_session, user=mentor),
        "sme": sme,
        "sme_colleague": make_user(app, db_session, Role.SME, organisation=sme.organisation),
        "sponsor": linked_sponsor(app, db_session, sme),
        "need": make_need(db_session, sme, title="금형 수리 이력 관리"),
    }


def told(db_session, sides, kind: str) -> set[str]:
    people = ("mentor", "sme", "sme_colleague", "sponsor")
    return {name for name in people if notifications_of(db_session, sides[name], kind)}


@pytest.mark.parametrize("proposer", ["sme", "sponsor"])
def test_a_proposal_tells_the_mentor_by_app_and_email(app, db_session, sides, proposer):
    values = {
        "mentor_id": sides["profile"].id,
        "need_id": sides["need"].id,
        "start_date": clock.today() + timedelta(days=3),
        "months": 4,
    }
    with app.test_request_context():
        propose_engagement(db_session, context_of(sides[proposer]), EngagementIn.model_construct(**values))
    assert told(db_session, sides, "engagement_proposed") == {"mentor"}
    (email,) = emails_to(db_session, sides["mentor"])
    assert "proposes that you mentor “금형 수리 이력 관리” for 4 months" in email.body  # the mentor reads English


# (who proposed, the engagement's state, the move, who makes it, who is told)
MOVES = [
    ("sponsor", "proposed", "accept", "mentor", {"sme", "sme_colleague", "sponsor"}),
    ("sme", "proposed", "accept", "mentor", {"sme", "sme_colleague"}),
    ("sponsor", "proposed", "decline", "mentor", {"sme", "sme_colleague", "sponsor"}),
    ("sme", "accepted", "start", "sme", {"mentor"}),  # the side that moved is not told, colleagues neither
    ("sme", "accepted", "start", "mentor", {"sme", "sme_colleague"}),
    ("sme", "active", "pause", "mentor", {"sme", "sme_colleague"}),
    ("sme", "paused", "resume", "sme", {"mentor"}),
    ("sponsor", "active", "complete", "sme", {"mentor"}),
    ("sponsor", "active", "cancel", "sponsor", {"mentor", "sme", "sme_colleague"}),
    ("sme", "proposed", "cancel", "sme", {"mentor"}),
]


@pytest.mark.parametrize(("proposer", "state", "action", "actor", "expected"), MOVES)
def test_a_move_tells_the_other_sides(app, db_session, sides, proposer, state, action, actor, expected):
    engagement = make_engagement(
        db_session, sides["profile"], sides["need"], proposer=sides[proposer], status=EngagementStatus(state)
    )
    with app.test_request_context():
        reason = "일정 변경" if action != "start" else None
        transition_engagement(db_session, context_of(sides[actor], engagement.start_date), engagement, action, reason)
    assert told(db_session, sides, "engagement_moved") == expected


def test_the_mentor_reads_the_move_in_english_with_the_reason(app, db_session, sides, client):
    engagement = make_engagement(db_session, sides["profile"], sides["need"], status=EngagementStatus.ACTIVE)
    with app.test_request_context():
        transition_engagement(db_session, context_of(sides["sme"]), engagement, "complete", "목표 달성")
    db_session.commit()
    log_in(client, sides["mentor"].email, PASSWORD)
    page = client.get("/notifications/").get_data(as_text=True)
    assert f"moved the engagement “{engagement.title}” to: Completed. Reason: 목표 달성" in page
    (notification,) = notifications_of(db_session, sides["mentor"], "engagement_moved")
    assert f'action="/notifications/{notification.id}/open"' in page
    opened = post_form(client, f"/notifications/{notification.id}/open", {})
    assert opened.status_code == 302
    assert opened.headers["Location"] == f"/mentors/engagements/{engagement.id}"


def test_log_due_reminds_each_active_engagement_once_a_month(app, db_session, sides, runner):
    today = clock.today()
    due = make_engagement(db_session, sides["profile"], sides["need"], status=EngagementStatus.ACTIVE)
    logged = make_engagement(
        db_session, sides["profile"], make_need(db_session, sides["sme"]), status=EngagementStatus.ACTIVE
    )
    logged.logs.append(
        EngagementLog(author_id=sides["mentor"].id, log_date=today, hours=4, topics="t", advice="a", next_steps="n")
    )
    make_engagement(db_session, sides["profile"], make_need(db_session, sides["sme"]), status=EngagementStatus.PAUSED)
    db_session.commit()

    first = runner.invoke(args=["notify", "due-logs"])
    second = runner.invoke(args=["notify", "due-logs"])

    assert first.exit_code == 0, first.output
    assert first.output.strip() == f"1 log reminders for {today:%Y-%m}"
    assert second.output.strip() == f"0 log reminders for {today:%Y-%m}"
    (reminder,) = notifications_of(db_session, sides["mentor"], "log_due")
    assert reminder.link == f"/mentors/engagements/{due.id}"
    assert len(emails_to(db_session, sides["mentor"])) == 1
    assert [n for n in notifications_of(db_session, sides["sme"]) if n.kind == "log_due"] == []

    next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    later = runner.invoke(args=["notify", "due-logs", "--today", next_month.isoformat()])
    assert later.output.strip() == f"2 log reminders for {next_month:%Y-%m}"  # both active ones, no log that month


def test_the_workers_daily_reminder_task_reminds_once_when_run_twice(app, db_session, sides):
    from marketplace.jobs import jobs_of

    make_engagement(db_session, sides["profile"], sides["need"], status=EngagementStatus.ACTIVE)
    remind = jobs_of(app).tasks["remind_due_logs"]
    assert (remind.call_local(), remind.call_local()) == (1, 0)  # what the worker runs each day
    assert len(notifications_of(db_session, sides["mentor"], "log_due")) == 1
    assert len(emails_to(db_session, sides["mentor"])) == 1


def test_a_mentor_who_turned_log_reminders_off_gets_none(app, db_session, sides, runner):
    make_engagement(db_session, sides["profile"], sides["need"], status=EngagementStatus.ACTIVE, active_since=utcnow())
    with app.app_context():
        save_choices(db_session, sides["mentor"], {"log_due": Choice(in_app=False, email=False)})
    db_session.commit()
    assert runner.invoke(args=["notify", "due-logs"]).output.startswith("0 log reminders")
    assert notifications_of(db_session, sides["mentor"]) == []
