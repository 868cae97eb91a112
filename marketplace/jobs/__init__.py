"""The job queue (Huey): one queue per app, built from JOBS_URL, with the tasks of `tasks.py`.

SQLite storage by default (a fresh machine has no Redis; the queue file lives in the instance folder),
`RedisHuey` when JOBS_URL is `redis://…`. The web only enqueues; `flask --app wsgi jobs worker` runs the
tasks (and the periodic ones), and is the only process that loads the embedding model.
"""

from __future__ import annotations

from flask import Flask

from marketplace.jobs.monitoring import register_monitoring
from marketplace.jobs.queue import EXTENSION_KEY, Jobs, jobs_of, queue_for_url
from marketplace.jobs.tasks import register_tasks
from marketplace.jobs.triggers import listen_for_listing_changes

__all__ = ["init_jobs", "jobs_of"]


def init_jobs(app: Flask) -> None:
    jobs = Jobs(queue_for_url(app.config["JOBS_URL"]))
    app.extensions[EXTENSION_KEY] = jobs
    register_tasks(app, jobs)
    register_monitoring(app, jobs)
    listen_for_listing_changes()
