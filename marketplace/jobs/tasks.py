"""Every task the worker runs, registered in this one place.

A task runs inside the app's context (its own database session, closed after) and calls the same
service code as the command line; the service does the work, the task commits once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from huey import crontab

from marketplace.jobs.queue import Jobs
from marketplace.ops.logs import request_id_scope

log = logging.getLogger(__name__)

# Set while a matching refresh waits in the queue: many saves in a row enqueue one refresh, not many.
REFRESH_PENDING = "refresh_matching.pending"


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], Any]
    # When the scheduler enqueues it by itself (None: only when something asks for it).
    schedule: Callable[[Any], bool] | None = None
    description: str = ""


def refresh_matching() -> int:
    from marketplace.jobs.periodic import alert_saved_searches
    from marketplace.jobs.queue import jobs_of
    from marketplace.matches.refresh import refresh_matching as refresh

    jobs_of().huey.delete(REFRESH_PENDING)  # a save from now on asks for another run
    encoded = refresh()
    alert_saved_searches()  # a save that asked for this run may be new in someone's saved search
    return encoded


def job_table() -> list[Job]:
    """The tasks and their schedule, in UTC (docs/operations.md, Periodic work, lists the same)."""
    from marketplace.jobs.periodic import (
        alert_saved_searches,
        reconcile_payments,
        remind_due_logs,
        send_alert_digests,
        send_outbox,
    )

    return [
        Job("refresh_matching", refresh_matching, description="after a listing is saved"),
        Job("sweep_matching", refresh_matching, crontab(), "every minute: anything a save did not ask for"),
        Job("send_outbox", send_outbox, crontab(), "every minute"),
        Job("reconcile_payments", reconcile_payments, crontab(minute="*/5"), "every 5 minutes"),
        Job("remind_due_logs", remind_due_logs, crontab(minute="5", hour="0"), "daily at 00:05 UTC (09:05 in Korea)"),
        Job("alert_saved_searches", alert_saved_searches, crontab(), "every minute: new listings in saved searches"),
        Job(
            "send_alert_digests",
            send_alert_digests,
            crontab(minute="0", hour="23"),
            "daily at 23:00 UTC (08:00 in Korea): the day's alerts, one email per user",
        ),  # fmt: skip
    ]


def register_tasks(app: Flask, jobs: Jobs) -> None:
    for job in job_table():
        run = _in_app_context(app, job)
        if job.schedule is None:
            jobs.tasks[job.name] = jobs.huey.task(name=job.name)(run)
        else:
            jobs.tasks[job.name] = jobs.huey.periodic_task(job.schedule, name=job.name)(run)


def _in_app_context(app: Flask, job: Job) -> Callable[..., Any]:
    def run(request_id: str | None = None) -> Any:
        # A task queued by a request logs under that request's id, so one id follows a save from the web
        # log into the worker's; a periodic run gets an id of its own.
        with app.app_context(), request_id_scope(request_id):
            started = time.monotonic()
            log.info("task %s started", job.name)
            result = job.run()
            log.info("task %s done in %.1f s", job.name, time.monotonic() - started)
            return result

    run.__name__ = run.__qualname__ = job.name
    return run


def request_refresh(jobs: Jobs) -> None:
    """Enqueue a matching refresh unless one is already waiting."""
    if jobs.huey.put_if_empty(REFRESH_PENDING, "1"):
        jobs.enqueue("refresh_matching")
