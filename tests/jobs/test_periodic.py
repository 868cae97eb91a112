"""The periodic work through the real job worker: an email in the outbox reaches a real SMTP server when the
worker runs `send_outbox` (enqueued now, rather than waiting for the minute), once even when it runs twice,
and /metrics shows the task's runs and last success."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session

from marketplace.app import create_app
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.jobs import jobs_of
from marketplace.jobs.monitoring import task_stats
from marketplace.notifications.models import OutboxEmail
from marketplace.notifications.services import notify
from tests.conftest import test_overrides as settings_for_tests
from tests.factories import SITE_URL, make_user
from tests.jobs.worker import metric, running_worker, wait_for
from tests.notifications.conftest import SmtpServer, free_port

RUN_TIMEOUT = 60


@pytest.fixture
def smtp_server():
    server = SmtpServer(free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    yield server
    controller.stop()


def test_the_worker_sends_the_outbox_once_and_reports_it_in_metrics(own_database, tmp_path, smtp_server):
    jobs_url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    mail = {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp_server.port)}
    app = create_app(settings_for_tests(own_database) | {"JOBS_URL": jobs_url} | mail)
    with app.app_context():
        user = make_user(app, db.session, Role.SME, email="choi@sewon.kr")
        notify(
            db.session,
            [user],
            "interest_received",
            "/interests/3",
            site_url=SITE_URL,
            sender="김민준 (세원정밀)",
            title="MES",
        )
        db.session.commit()
    jobs = jobs_of(app)
    with running_worker(own_database, jobs_url, **mail) as worker:
        jobs.enqueue("send_outbox")
        jobs.enqueue("send_outbox")  # a second run finds nothing due
        assert wait_for(lambda: task_stats(jobs, "send_outbox")["runs"] >= 2, RUN_TIMEOUT), worker.log()
    assert [received.recipients for received in smtp_server.received] == [["choi@sewon.kr"]]
    with Session(db.state(app).engine) as session:
        (email,) = session.query(OutboxEmail).all()
        assert email.sent_at is not None
    metrics = app.test_client().get("/metrics").get_data(as_text=True)
    assert metric(metrics, 'sangsaeng_job_runs{task="send_outbox"}') >= 2
    assert metric(metrics, 'sangsaeng_job_failures{task="send_outbox"}') == 0
    assert metric(metrics, 'sangsaeng_job_last_success_timestamp_seconds{task="send_outbox"}') > 0
    db.state(app).engine.dispose()
