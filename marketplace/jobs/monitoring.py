"""What an operator sees of the queue: a readiness check, and gauges at /metrics (depth, oldest job's age,
and per task its runs, failures and last success, which the worker records in the queue's own storage)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from flask import Flask
from huey.api import Task
from sqlalchemy.orm import Session

from marketplace.jobs.queue import Jobs, written_at
from marketplace.ops.health import ReadinessCheck, add_readiness_check
from marketplace.ops.metrics import Gauge, add_gauge

# The oldest job is looked for among the first this many waiting (a queue that long is the alarm anyway).
AGE_SCAN_LIMIT = 1000
STATS_KEY = "stats.{}"


def oldest_waiting_seconds(jobs: Jobs) -> float:
    messages = jobs.huey.storage.enqueued_items(AGE_SCAN_LIMIT)
    if not messages:
        return 0.0
    return max(time.time() - min(written_at(message) for message in messages), 0.0)


def task_stats(jobs: Jobs, name: str) -> dict[str, float]:
    stats = jobs.huey.get(STATS_KEY.format(name), peek=True)
    return stats if isinstance(stats, dict) else {"runs": 0, "failures": 0, "last_success": 0}


def record_run(jobs: Jobs, task: Task, _value: Any, error: BaseException | None) -> None:
    """Post-execute hook (in the worker): count the run and remember when the task last succeeded."""
    name = type(task).__name__
    stats = dict(task_stats(jobs, name))
    stats["runs"] += 1
    if error is None:
        stats["last_success"] = time.time()
    else:
        stats["failures"] += 1
    jobs.huey.put(STATS_KEY.format(name), stats)


def _per_task_reader(jobs: Jobs, field: str) -> Callable[[Session], dict[str, float]]:
    def read(_session: Session) -> dict[str, float]:
        return {name: float(task_stats(jobs, name)[field]) for name in jobs.tasks}

    return read


def register_monitoring(app: Flask, jobs: Jobs) -> None:
    jobs.huey.post_execute("record_run")(lambda task, value, error: record_run(jobs, task, value, error))
    add_readiness_check(app, ReadinessCheck("jobs", lambda: _answers(jobs)))
    gauges = (
        ("sangsaeng_jobs_waiting", "Jobs waiting in the queue for the worker.", lambda _s: jobs.huey.pending_count()),
        ("sangsaeng_jobs_oldest_seconds", "Age of the oldest job waiting in the queue.",
         lambda _s: oldest_waiting_seconds(jobs)),
    )  # fmt: skip
    for name, documentation, read in gauges:
        add_gauge(app, Gauge(name, documentation, read))
    per_task = (
        ("sangsaeng_job_runs", "Runs of each task since the queue was created.", "runs"),
        ("sangsaeng_job_failures", "Runs of each task that raised an error.", "failures"),
        ("sangsaeng_job_last_success_timestamp_seconds", "When each task last succeeded (Unix time; 0: never).",
         "last_success"),
    )  # fmt: skip
    for name, documentation, field in per_task:
        add_gauge(app, Gauge(name, documentation, _per_task_reader(jobs, field), label="task"))


def _answers(jobs: Jobs) -> str | None:
    jobs.huey.pending_count()  # raises when the queue's storage cannot be reached
    return None
