"""What an operator sees: health and readiness, request ids, JSON logs, metrics and error reports."""

from __future__ import annotations

import io
import json
import logging
import re
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from marketplace.db import utcnow
from marketplace.notifications.models import OutboxEmail
from marketplace.ops.health import ReadinessCheck, add_readiness_check


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_overrides(fake_stripe):
    return {"STRIPE_API_BASE": fake_stripe.api_base}


def test_healthz_answers_without_the_database(make_app):
    app = make_app(DATABASE_URL="sqlite:////nonexistent/dir/x.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_ready_when_the_database_and_stripe_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["stripe"]["ok"] is True


def test_unready_without_the_database(make_app):
    app = make_app(DATABASE_URL="sqlite:////nonexistent/dir/x.db")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unready"
    assert "unable to open database" in response.get_json()["checks"]["database"]["error"]


def test_stripe_down_degrades_but_keeps_the_site_in_service(make_app):
    app = make_app(STRIPE_API_BASE=f"http://127.0.0.1:{closed_port()}")
    response = app.test_client().get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["stripe"]["ok"] is False
    assert body["checks"]["stripe"]["required"] is False
    assert "refused" in body["checks"]["stripe"]["error"].lower()


def test_a_registered_required_check_failing_makes_the_app_unready(app, client):
    def queue_down() -> str:
        return "no worker has taken a job for 10 minutes"

    add_readiness_check(app, ReadinessCheck("job_queue", queue_down))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["job_queue"]["error"] == "no worker has taken a job for 10 minutes"


def test_every_response_carries_a_request_id(client):
    made = client.get("/healthz").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert client.get("/healthz").headers["X-Request-ID"] != made
    assert client.get("/healthz", headers={"X-Request-ID": "edge-42.a"}).headers["X-Request-ID"] == "edge-42.a"
    unsafe = client.get("/healthz", headers={"X-Request-ID": 'x" injected=1'}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", unsafe)
    assert client.get("/no/such/page").headers["X-Request-ID"]


@pytest.fixture
def json_log(make_app) -> Iterator[tuple]:
    """An app logging JSON, and what its log handler writes (read from a buffer instead of stderr)."""
    app = make_app(LOG_FORMAT="json", LOG_LEVEL="INFO")
    root = logging.getLogger()
    (handler,) = [h for h in root.handlers if h.get_name() == "sangsaeng-json"]
    written = io.StringIO()
    handler.setStream(written)
    yield app, written
    root.removeHandler(handler)
    root.setLevel(logging.WARNING)


def test_logs_are_json_lines_with_the_request_id(json_log):
    app, written = json_log

    @app.get("/_log_something")
    def log_something() -> str:
        app.logger.info("made %d widgets", 3)
        return "ok"

    response = app.test_client().get("/_log_something", headers={"X-Request-ID": "trace-7"})
    lines = [json.loads(line) for line in written.getvalue().splitlines()]
    ours = [line for line in lines if line["message"] == "made 3 widgets"]
    assert len(ours) == 1
    assert ours[0]["request_id"] == response.headers["X-Request-ID"] == "trace-7"
    assert ours[0]["level"] == "INFO"
    assert ours[0]["logger"] == app.logger.name
    assert ours[0]["time"]


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text output (0 when absent)."""
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            found = dict(re.findall(r'(\w+)="([^"]*)"', line.split(" ")[0]))
            if all(found.get(k) == v for k, v in labels.items()):
                return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_count_requests_by_endpoint(client):
    name = "sangsaeng_request_duration_seconds_count"
    labels = {"endpoint": "ops_health.healthz", "method": "GET", "status": "200"}
    before = sample(client.get("/metrics").get_data(as_text=True), name, **labels)
    for _ in range(3):
        client.get("/healthz")
    after = sample(client.get("/metrics").get_data(as_text=True), name, **labels)
    assert after - before == 3


def test_metrics_show_the_outbox_backlog_and_the_ledger_check(client, db_session):
    db_session.add_all(
        OutboxEmail(
            recipient=f"r{n}@example.kr",
            subject="s",
            body="b",
            locale="ko",
            kind="k",
            created_at=utcnow() - timedelta(minutes=10),
        )
        for n in range(2)
    )
    db_session.add(
        OutboxEmail(recipient="sent@example.kr", subject="s", body="b", locale="ko", kind="k", sent_at=utcnow())
    )
    db_session.commit()
    text = client.get("/metrics").get_data(as_text=True)
    assert sample(text, "sangsaeng_outbox_backlog") == 2
    assert sample(text, "sangsaeng_outbox_oldest_seconds") >= 600
    assert "sangsaeng_ledger_check_violations 0.0" in text


def test_metrics_can_require_a_token(make_app):
    app = make_app(METRICS_TOKEN="s3cret")
    client = app.test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer s3cret"}).status_code == 200


class _FakeSentry(BaseHTTPRequestHandler):
    """Takes envelopes as a Sentry server would, and keeps their bodies."""

    received: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        type(self).received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def fake_sentry() -> Iterator[str]:
    _FakeSentry.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeSentry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://public@127.0.0.1:{server.server_port}/1"
    server.shutdown()
    server.server_close()
    import sentry_sdk

    sentry_sdk.init(dsn=None, default_integrations=False)  # the rest of the suite reports nowhere


def test_an_unexpected_error_is_reported_with_its_request_id(make_app, fake_sentry):
    import sentry_sdk

    # Not the testing environment: there an error propagates to the test instead of becoming a 500 page.
    app = make_app(ENV_NAME="development", SECRET_KEY="k" * 40, SENTRY_DSN=fake_sentry)

    @app.get("/_fail")
    def fail() -> str:
        raise LookupError("the widget register is missing")

    response = app.test_client().get("/_fail", headers={"X-Request-ID": "trace-500"})
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)
    events = b"".join(_FakeSentry.received).decode()
    assert "the widget register is missing" in events
    assert "LookupError" in events
    assert '"request_id":"trace-500"' in events.replace(" ", "")


def test_a_job_queued_with_error_reporting_on_carries_only_its_own_arguments(make_app, fake_sentry, tmp_path):
    """A job worker started without SENTRY_DSN runs what a web process with it queued (sentry-sdk's Huey
    integration would add trace headers to the job's arguments, and the task would refuse them)."""
    from marketplace.jobs.queue import jobs_of

    app = make_app(SENTRY_DSN=fake_sentry, JOBS_URL=f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    with app.test_request_context(headers={"X-Request-ID": "queued-with-sentry"}):
        app.preprocess_request()
        jobs_of(app).enqueue("refresh_matching")
    [task] = jobs_of(app).huey.pending()
    assert task.kwargs == {"request_id": "queued-with-sentry"}
