"""Gunicorn settings for serving Sangsaeng: `gunicorn -c gunicorn.conf.py wsgi:app`.

Each value can be changed by the environment variable named beside it, and any by a command-line flag.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Where to listen. Behind a proxy on the same host keep 127.0.0.1; in a container, 0.0.0.0:8000.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
# Processes x threads = requests served at once. Every worker maps the one matching index the job worker
# publishes (the embedding model lives only in the job worker), so a worker costs little memory of its own;
# two workers keep serving while one restarts.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker takes a connection only when one of its threads is free to answer it. A request that must wait
# then waits in the kernel's queue, where whichever worker frees first takes it, instead of behind a busy
# worker's four threads while the other worker idles (gthread's default takes up to 1,000 at once). Need
# pages with 20 users on 2 workers: p95 388 → 213 ms and 369 → 273 ms in two alternated runs
# (benchmarks/need_page_load.py). With no spare slot gunicorn keeps no connection open between requests;
# the TLS proxy in front keeps the browsers' connections alive, and a new one on the same host costs little.
worker_connections = threads
keepalive = 0
# The slowest legitimate request is a payment, which waits on Stripe for at most its client timeout, or a
# report download over every project; a worker silent for longer than this is stuck and is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "90"))
# Graceful restarts: on SIGHUP (a new release) or after max_requests, a worker finishes what it is
# serving, for up to graceful_timeout seconds, while the others go on answering.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Recycling a worker rebuilds its matching index (seconds of CPU), so it is rare, and spread by a jitter of half so
# that two workers never restart together (a load test saw both down at once with a 10 % jitter).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 2
# Heartbeat files in memory, not on a (possibly slow, possibly read-only) container disk.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108 (a RAM disk, not a shared tmp)
# One JSON object a line on stdout, carrying the request id the app returns (X-Request-ID).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = (
    '{"time": "%(t)s", "logger": "access", "request_id": "%({x-request-id}o)s", "remote": "%(h)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
    '"user_agent": "%(a)s"}'
)
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The client's address comes from the app's own TRUSTED_PROXIES setting (ProxyFix), not from gunicorn.
forwarded_allow_ips = "127.0.0.1"

# Prometheus: every worker writes its samples to files here; /metrics in any worker adds them up.
# Set before the app (and so prometheus_client) is imported by a worker.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="sangsaeng-metrics-"))
# numpy's BLAS (OpenBLAS) runs one thread per worker: its matrix products (a match's dense channel) otherwise
# split across every core and wait for a core the other workers and requests hold. Read when numpy loads,
# so set before a worker imports it (figures: docs/matching.md, Speed).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def on_starting(server) -> None:  # noqa: ANN001 (gunicorn's hook signature)
    """Start from empty metric files: samples of a previous run's workers would be added in."""
    directory = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker) -> None:  # noqa: ANN001
    """A worker that ended leaves its counters (they still count) but not its gauges."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
