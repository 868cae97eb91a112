"""Served by gunicorn as in production, 50 concurrent API clients get no server error (a bounded run).

The full measurement (60 s, on SQLite and PostgreSQL) is `python -m benchmarks.load_api`; this is the
same code for a few seconds, on the suite's database engine.
"""

from __future__ import annotations

import http.client
import json
import re

from benchmarks.load_api import gunicorn, run_load, seed_accounts
from tests.conftest import fresh_database

CLIENTS = 50
SECONDS = 4


def scrape(address: str) -> str:
    host, port = address.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", "/metrics")
        return connection.getresponse().read().decode()
    finally:
        connection.close()


def api_requests_counted(metrics: str) -> int:
    """Requests to API endpoints that /metrics counted, over every worker process."""
    counts = re.findall(r'sangsaeng_request_duration_seconds_count\{endpoint="api\.[^"]*"[^}]*\} (\S+)', metrics)
    return int(sum(float(count) for count in counts))


def test_fifty_concurrent_api_clients_get_no_server_error(database_url):
    with fresh_database(database_url) as url:
        accounts = seed_accounts(url, 10)
        with gunicorn(url, workers=2, threads=4) as (address, logs):
            report = run_load(address, accounts, CLIENTS, SECONDS)
            metrics = scrape(address)
            access = [json.loads(line) for line in (logs / "access.log").read_text().splitlines()]
    assert report.server_errors == 0, report.summary()
    assert report.broken == 0, report.summary()
    assert report.statuses[201] > 0, report.summary()  # writes happened alongside the reads
    assert report.requests >= CLIENTS, report.summary()
    # Both workers' samples add up at /metrics (multi-process mode): every API request is counted once.
    assert api_requests_counted(metrics) == report.requests
    # The access log is JSON with the id each response carried.
    api_lines = [line for line in access if line["path"].startswith("/api/v1/")]
    assert len(api_lines) == report.requests
    assert all(re.fullmatch(r"[0-9a-f]{32}", line["request_id"]) for line in api_lines)
