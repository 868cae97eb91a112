"""`flask notify send` against a real SMTP server: delivery in the recipient's language, failures kept and
retried later, and claims that keep two senders from sending one email twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from marketplace.app import create_app
from marketplace.auth.models import Role
from marketplace.db import db, utcnow
from marketplace.notifications.mailer import SmtpMailer, deliver_outbox
from marketplace.notifications.models import OutboxEmail
from marketplace.notifications.outbox import CLAIM_TIMEOUT, FIRST_RETRY, MAX_ATTEMPTS, claim_email, sendable_ids
from marketplace.notifications.services import notify
from tests import conftest
from tests.conftest import run_at_once
from tests.factories import SITE_URL, make_user
from tests.notifications.conftest import emails_to, free_port, mail_settings


@pytest.fixture
def app_overrides(smtp_server):
    return mail_settings(smtp_server.port)


def interest_email(app, db_session, user, title: str = "사출 라인 MES") -> OutboxEmail:
    with app.app_context():
        notify(
            db_session,
            [user],
            "interest_received",
            "/interests/7",
            site_url=SITE_URL,
            sender="이서연 (비전테크)",
            title=title,
        )
    db_session.commit()
    (queued,) = emails_to(db_session, user)
    return queued


def test_an_email_arrives_in_korean_with_its_link_and_is_sent_once(app, runner, db_session, smtp_server):
    user = make_user(app, db_session, Role.SME, email="kim@daesung.kr")
    queued = interest_email(app, db_session, user)

    result = runner.invoke(args=["notify", "send"])

    assert result.exit_code == 0, result.output
    assert "sent 1, failed 0" in result.output
    (received,) = smtp_server.received
    assert received.recipients == ["kim@daesung.kr"]
    assert received.sender == "noreply@sangsaeng.kr"
    assert received.message["Subject"] == "[상생] 관심 표명 받음"
    body = received.message.get_content()
    assert "이서연 (비전테크) 님이 “사출 라인 MES”에 관심을 표명했습니다." in body
    assert "http://127.0.0.1:5000/interests/7" in body
    assert "http://127.0.0.1:5000/notifications/settings" in body
    db_session.refresh(queued)
    assert queued.sent_at is not None
    assert (queued.attempts, queued.last_error, queued.locale) == (1, None, "ko")

    again = runner.invoke(args=["notify", "send"])
    assert "sent 0, failed 0" in again.output
    assert len(smtp_server.received) == 1


def test_the_workers_outbox_task_sends_each_email_once_when_run_twice(app, db_session, smtp_server):
    from marketplace.jobs import jobs_of

    queued = interest_email(app, db_session, make_user(app, db_session, Role.SME, email="park@hanil.kr"))
    send_outbox = jobs_of(app).tasks["send_outbox"]
    assert send_outbox.call_local() == {"sent": 1, "failed": 0, "taken": 0}  # what the worker runs each minute
    assert send_outbox.call_local() == {"sent": 0, "failed": 0, "taken": 0}
    assert [received.recipients for received in smtp_server.received] == [["park@hanil.kr"]]
    db_session.refresh(queued)
    assert queued.sent_at is not None


def test_a_reader_of_english_gets_english(app, runner, db_session, smtp_server):
    user = make_user(app, db_session, Role.SME, locale="en")
    interest_email(app, db_session, user, title="Injection line MES")
    runner.invoke(args=["notify", "send"])
    (received,) = smtp_server.received
    assert received.message["Subject"] == "[Sangsaeng] Interest received"
    assert "이서연 (비전테크) is interested in “Injection line MES”." in received.message.get_content()


def test_a_refused_recipient_is_recorded_and_the_run_goes_on(app, runner, db_session, smtp_server):
    refused = make_user(app, db_session, Role.SME, email="gone@example.kr")
    fine = make_user(app, db_session, Role.SME, email="here@example.kr")
    smtp_server.refuse.add("gone@example.kr")
    first, second = interest_email(app, db_session, refused), interest_email(app, db_session, fine)

    result = runner.invoke(args=["notify", "send"])

    assert "sent 1, failed 1" in result.output
    assert [r.recipients for r in smtp_server.received] == [["here@example.kr"]]
    db_session.refresh(first)
    db_session.refresh(second)
    assert first.sent_at is None
    assert "550" in first.last_error
    assert second.sent_at is not None


class TestServerDown:
    @pytest.fixture
    def app_overrides(self):
        return mail_settings(free_port())  # nothing listens there

    def test_the_error_is_kept_the_row_stays_unsent_and_is_retried_later(self, app, runner, db_session, smtp_server):
        user = make_user(app, db_session, Role.SME)
        queued = interest_email(app, db_session, user)
        other = interest_email(app, db_session, make_user(app, db_session, Role.SME))

        result = runner.invoke(args=["notify", "send"])

        assert result.exit_code == 1
        assert "sent 0, failed 1" in result.output
        assert "mail server unreachable" in result.output
        db_session.refresh(queued)
        assert queued.sent_at is None
        assert queued.claimed_at is None
        assert queued.attempts == 1
        assert "Connection refused" in queued.last_error or "ConnectionRefused" in queued.last_error
        assert queued.next_attempt_at - utcnow() > FIRST_RETRY - timedelta(minutes=1)
        db_session.refresh(other)
        assert other.attempts == 0  # the run stopped at the first unreachable server

        # Run again at once: the failed row waits its turn, only the untried one is attempted.
        assert "sent 0, failed 1" in runner.invoke(args=["notify", "send"]).output
        db_session.refresh(queued)
        db_session.refresh(other)
        assert (queued.attempts, other.attempts) == (1, 1)
        # Five minutes later, with the server back, both go out.
        back = mail_settings(smtp_server.port) | {"MAIL_FROM": app.config["MAIL_FROM"]}
        with app.app_context():
            report = deliver_outbox(db.session, SmtpMailer(back), now=utcnow() + FIRST_RETRY + timedelta(seconds=1))
        assert (report.sent, report.failed) == (2, 0)
        assert sorted(r.recipients[0] for r in smtp_server.received) == sorted([user.email, other.recipient])


def test_claims_stale_claims_and_giving_up(app, db_session):
    queued = interest_email(app, db_session, make_user(app, db_session, Role.SME))
    now = utcnow()
    assert claim_email(db_session, queued.id, now) is not None
    assert claim_email(db_session, queued.id, now) is None  # claimed: a second sender skips it
    assert sendable_ids(db_session, now, 10) == []
    assert sendable_ids(db_session, now + CLAIM_TIMEOUT + timedelta(seconds=1), 10) == [queued.id]  # its sender died
    queued.claimed_at, queued.attempts = None, MAX_ATTEMPTS
    db_session.flush()
    assert sendable_ids(db_session, now + timedelta(days=30), 10) == []


def test_without_a_server_outside_development_send_refuses(database_url, session_factory):
    app = create_app(conftest.test_overrides(database_url))
    db.state(app).sessionmaker = session_factory
    result = app.test_cli_runner().invoke(args=["notify", "send"])
    assert result.exit_code == 1
    assert "MAIL_SERVER is not set" in result.output


@pytest.fixture
def committed_outbox(engine, database_url, smtp_server):
    """A real app and 30 committed emails; all deleted afterwards."""
    app = create_app(conftest.test_overrides(database_url) | mail_settings(smtp_server.port))
    session = Session(db.state(app).engine, expire_on_commit=False)
    rows = [
        OutboxEmail(recipient=f"sme{n}@example.kr", subject="[상생] 결제 완료", body="본문", locale="ko", kind="x")
        for n in range(30)
    ]
    session.add_all(rows)
    session.commit()
    try:
        yield app, [row.id for row in rows]
    finally:
        session.execute(delete(OutboxEmail).where(OutboxEmail.id.in_([row.id for row in rows])))
        session.commit()
        session.close()
        db.state(app).engine.dispose()


def test_three_senders_at_once_send_each_email_exactly_once(committed_outbox, smtp_server):
    app, ids = committed_outbox
    reports = []

    def send(_n: int) -> None:
        with app.app_context():
            reports.append(deliver_outbox(db.session, SmtpMailer(app.config)))

    run_at_once(send, range(3), timeout=60)

    recipients = [received.recipients[0] for received in smtp_server.received]
    assert sorted(recipients) == sorted(f"sme{n}@example.kr" for n in range(30))
    assert sum(report.sent for report in reports) == 30
    assert sum(report.failed for report in reports) == 0
    with app.app_context():
        unsent = db.session.scalars(
            select(OutboxEmail.id).where(OutboxEmail.id.in_(ids), OutboxEmail.sent_at.is_(None))
        )
        assert list(unsent) == []
