"""A real job worker process (`flask --app wsgi jobs worker`) on a test's database and queue, stopped after."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from devtools.fake_stripe import stop_process

ROOT = Path(__file__).resolve().parents[2]
READY_LINE = "job worker on "
START_TIMEOUT = 60  # the worker imports the app (not the model: that loads with the first refresh)
REFRESH_TIMEOUT = 180  # the first refresh loads the model and encodes a whole world on a loaded host
STOP_TIMEOUT = 30


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def running(self) -> bool:
        return self.process.poll() is None


@contextmanager
def running_worker(database_url: str, jobs_url: str, **environment: str) -> Iterator[Worker]:
    """Start the worker on `database_url` and `jobs_url` (and `environment`); stop it on exit."""
    folder = tempfile.TemporaryDirectory(prefix="sangsaeng-worker-")
    log_path = Path(folder.name) / "worker.log"
    settings = {"SANGSAENG_ENV": "testing", "DATABASE_URL": database_url, "JOBS_URL": jobs_url}
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 (our own command)
            command, cwd=ROOT, env=os.environ | settings | environment, stdout=log, stderr=subprocess.STDOUT
        )
    worker = Worker(process, log_path)
    try:
        wait_for(lambda: READY_LINE in worker.log() or not worker.running(), START_TIMEOUT)
        assert worker.running(), f"the worker ended at start:\n{worker.log()}"
        yield worker
    finally:
        stop_process(process, STOP_TIMEOUT)
        folder.cleanup()


def wait_for(condition: Callable[[], bool], timeout: float, every: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


def wait_for_refresh(app: Flask, worker: Worker, timeout: float = REFRESH_TIMEOUT) -> None:
    """Wait until the worker has finished a matching refresh since it started (every vector is stored)."""
    from marketplace.jobs import jobs_of
    from marketplace.jobs.monitoring import task_stats

    started, jobs = time.time() - 1, jobs_of(app)

    def refreshed() -> bool:
        done = (task_stats(jobs, name)["last_success"] for name in ("refresh_matching", "sweep_matching"))
        return max(done) > started or not worker.running()

    assert wait_for(refreshed, timeout, every=0.5), f"no matching refresh within {timeout} s:\n{worker.log()}"
    assert worker.running(), worker.log()


def metric(body: str, sample: str) -> float:
    """The value of one sample (`name` or `name{label="value"}`) in a /metrics answer."""
    found = re.search(rf"^{re.escape(sample)} (\S+)$", body, re.MULTILINE)
    assert found, f"{sample} not in /metrics"
    return float(found.group(1))
