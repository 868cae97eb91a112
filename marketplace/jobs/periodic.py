"""The periodic work, run by the job worker (schedule in tasks.py; docs/operations.md). Each body calls the
same service as its command (`notify send`, `notify due-logs`, `funds reconcile`) and commits once; each is
idempotent (running twice does no harm), so a run repeated after a crash or a restart is safe.

A failing run raises: the worker logs it, counts it in /metrics (sangsaeng_job_failures) and the next
scheduled run tries again.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app

from marketplace import clock
from marketplace.context import site_url
from marketplace.db import db
from marketplace.unit_of_work import transaction

log = logging.getLogger(__name__)


def send_outbox() -> dict[str, Any]:
    """Send the due emails (each claimed before it goes out: never twice, even beside `notify send`)."""
    from marketplace.notifications.mailer import MailServerUnreachable, send_due_emails

    report = send_due_emails(db.session, current_app.config)
    if report is None:
        return {"sent": 0, "skipped": "development without MAIL_SERVER"}
    if report.unreachable:
        raise MailServerUnreachable(report.unreachable)  # the rest waits for the next run
    if report.sent or report.failed:
        log.info("outbox: %d sent, %d failed", report.sent, report.failed)
    return {"sent": report.sent, "failed": report.failed, "taken": report.taken}


def remind_due_logs() -> int:
    """Remind mentors of this month's logs (once per engagement and month)."""
    from mentors.notices import remind_due_logs as remind

    with transaction() as session:
        reminded = remind(session, clock.today(), site_url())
    log.info("log reminders: %d", reminded)
    return reminded


def reconcile_payments() -> dict[str, Any]:
    """Apply what Stripe's webhooks missed (the fake Stripe never retries one)."""
    from funds.payments.commands import reconcile

    report = reconcile(db.session)
    if report.settlements or report.events_applied or report.refunds_sent or report.abandoned:
        log.info(
            "reconcile: settled %d payments, applied %d missed events", len(report.settlements), report.events_applied
        )
    for payment_id in report.unmatched:
        log.error("reconcile: payment %s differs from Stripe's record", payment_id)
    return {"settled": len(report.settlements), "applied": report.events_applied, "unmatched": report.unmatched}


def alert_saved_searches() -> int:
    """Alert users of new listings that fit their saved searches (once per search and listing)."""
    from marketplace.saved_searches.services import alert_new_listings

    with transaction() as session:
        raised = alert_new_listings(session)
    if raised:
        log.info("saved-search alerts: %d", raised)
    return raised


def send_alert_digests() -> int:
    """Queue each user's daily email of undelivered alerts (one a day; nothing twice), for `send_outbox`."""
    from marketplace.notifications.alerts import send_digests

    with transaction() as session:
        queued = send_digests(session, clock.today())
    log.info("alert digests: %d", queued)
    return queued
