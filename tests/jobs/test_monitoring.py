"""The job queue in /readyz and /metrics: reachable or not, how many jobs wait and for how long."""

from __future__ import annotations

import socket
import time

import pytest

from marketplace.app import create_app
from marketplace.db import db
from marketplace.jobs import jobs_of
from tests.conftest import test_overrides as settings_for_tests
from tests.jobs.worker import metric


@pytest.fixture
def app_overrides(tmp_path):
    return {"JOBS_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}"}


def test_ready_checks_the_job_queue(client):
    body = client.get("/readyz").get_json()
    assert body["checks"]["jobs"]["ok"] is True


def test_unready_when_the_job_queue_cannot_be_reached(database_url):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    app = create_app(settings_for_tests(database_url) | {"JOBS_URL": f"redis://127.0.0.1:{closed_port}/1"})
    response = app.test_client().get("/readyz")
    db.state(app).engine.dispose()
    assert response.status_code == 503
    assert "refused" in response.get_json()["checks"]["jobs"]["error"].lower()


def test_metrics_show_the_queue_depth_and_its_oldest_job_age(app, client):
    empty = client.get("/metrics").get_data(as_text=True)
    assert metric(empty, "sangsaeng_jobs_waiting") == 0
    assert metric(empty, "sangsaeng_jobs_oldest_seconds") == 0
    jobs = jobs_of(app)
    jobs.enqueue("refresh_matching")
    time.sleep(1.1)
    jobs.enqueue("sweep_matching")
    body = client.get("/metrics").get_data(as_text=True)
    assert metric(body, "sangsaeng_jobs_waiting") == 2
    assert 1.0 <= metric(body, "sangsaeng_jobs_oldest_seconds") < 60
    assert metric(body, 'sangsaeng_job_runs{task="refresh_matching"}') == 0  # no worker ran it (yet)
