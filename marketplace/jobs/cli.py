"""`flask --app wsgi jobs worker`: the job worker; `jobs run <task>`: one task now, in the worker's queue."""

from __future__ import annotations

import logging
import os

import click
from flask import current_app
from flask.cli import AppGroup

from marketplace.jobs.queue import jobs_of

jobs_group = AppGroup("jobs", help="The job queue: its worker, and tasks on demand.")

# How long an idle worker waits at most before looking at the queue again (SQLite storage is polled).
POLL_MAX_SECONDS = 1.0


@jobs_group.command("worker")
@click.option("--workers", default=1, show_default=True, help="Threads running tasks.")
@click.option(
    "--nice",
    default=0,
    show_default=True,
    help="Lower the worker's CPU priority by this much (os.nice), so that pages served on the same cores go first.",
)
def worker_command(workers: int, nice: int) -> None:
    """Run queued tasks and the periodic ones until stopped (SIGTERM, or Ctrl-C to finish the current task)."""
    from marketplace.jobs.tasks import job_table

    if nice > 0:
        os.nice(nice)

    jobs = jobs_of()
    if not logging.getLogger().handlers:  # text logs (development): say what the tasks did, not every tick
        logging.basicConfig(level=logging.INFO, format="%(asctime)s job worker %(levelname)s: %(message)s")
    logging.getLogger("huey").setLevel(logging.WARNING)  # a failed task's traceback, not each run
    click.echo(f"job worker on {_where(current_app.config['JOBS_URL'])}:")
    for job in job_table():
        click.echo(f"  {job.name}: {job.description}")
    consumer = jobs.huey.create_consumer(workers=workers, periodic=True, max_delay=POLL_MAX_SECONDS)
    consumer.run()


@jobs_group.command("enqueue")
@click.argument("task")
def enqueue_command(task: str) -> None:
    """Put TASK in the queue now (the worker runs it within a second), e.g. `jobs enqueue send_outbox`."""
    jobs = jobs_of()
    if task not in jobs.tasks:
        raise click.ClickException(f"no task {task!r}; tasks: {', '.join(sorted(jobs.tasks))}")
    jobs.enqueue(task)
    click.echo(f"{task} enqueued")


def _where(url: str) -> str:
    return url.split("@")[-1]  # never print a password in the URL
