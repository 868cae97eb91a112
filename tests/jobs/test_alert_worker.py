"""Alerts through the real job worker: an SME posts a need through the web; the worker, once it has read the need,
alerts the supplier whose solution the need fits well (a match alert) and whose saved search it fits; the daily
digest task then queues one email for the supplier, and a second run queues nothing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.app import create_app
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.jobs import jobs_of
from marketplace.jobs.monitoring import task_stats
from marketplace.notifications.models import Alert, Notification, OutboxEmail
from marketplace.saved_searches.commands import SavedSearchIn
from marketplace.saved_searches.services import save_search
from tests.conftest import log_in, post_form
from tests.conftest import test_overrides as settings_for_tests
from tests.factories import PASSWORD, make_solution, make_user
from tests.jobs.test_worker import NEED_FORM
from tests.jobs.worker import running_worker, wait_for

ALERT_TIMEOUT = 120  # the worker loads the model with its first refresh (a loaded 2-core host: tens of seconds)


def kinds_alerted(app, user_id: int) -> set[str]:
    with Session(db.state(app).engine) as session:
        return set(session.scalars(select(Alert.kind).where(Alert.user_id == user_id)))


def test_a_new_need_alerts_the_fitting_supplier_once_and_the_digest_emails_it_once(own_database, tmp_path):
    jobs_url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    app = create_app(settings_for_tests(own_database) | {"JOBS_URL": jobs_url})
    with app.app_context():
        session = db.session
        sme, supplier = make_user(app, session, Role.SME), make_user(app, session, Role.SUPPLIER)
        solution = make_solution(
            session, supplier, title="사출 공장 전용 MES", description="사출 성형 불량 실시간 집계"
        )
        save_search(session, supplier, SavedSearchIn(name="사출 불량", area="needs", filters={"q": "사출 불량"}))
        session.commit()
        supplier_id, supplier_email, solution_title = supplier.id, supplier.email, solution.title
    client = app.test_client()
    log_in(client, sme.email, PASSWORD)
    jobs = jobs_of(app)
    with running_worker(own_database, jobs_url) as worker:
        assert post_form(client, "/needs/new", NEED_FORM).status_code == 302
        wanted = {"saved_search_match", "need_matches_offer"}
        assert wait_for(lambda: kinds_alerted(app, supplier_id) == wanted, ALERT_TIMEOUT), worker.log()
        jobs.enqueue("send_alert_digests")
        jobs.enqueue("send_alert_digests")  # the job runs twice: still one email
        assert wait_for(lambda: task_stats(jobs, "send_alert_digests")["runs"] >= 2, 60), worker.log()
    with Session(db.state(app).engine) as session:
        told = list(session.scalars(select(Notification).where(Notification.user_id == supplier_id)))
        assert sorted(notification.kind for notification in told) == sorted(wanted)
        match = next(n for n in told if n.kind == "need_matches_offer")
        assert match.data["offer"] == solution_title
        assert match.data["score"] >= app.config["MATCH_ALERT_SCORE"]
        (email,) = session.scalars(select(OutboxEmail).where(OutboxEmail.recipient == supplier_email))
        assert email.kind == "alert_digest"
        assert NEED_FORM["title"] in email.body
        assert solution_title in email.body
    db.state(app).engine.dispose()
