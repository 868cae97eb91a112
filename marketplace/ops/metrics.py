"""Prometheus metrics at /metrics.

Request latency is measured in each process. Under gunicorn every worker is a process of its own, so
`gunicorn.conf.py` sets PROMETHEUS_MULTIPROC_DIR before the app is imported: each worker then writes its
samples to files there and a scrape of any worker adds up all of them (prometheus_client's multiprocess
mode). Gauges read from the database (outbox backlog, ledger check, and the job queue's depth once the
queue registers it with `add_gauge`) are computed at scrape time, once, by whichever worker answers.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy.orm import Session

from marketplace.db import db

log = logging.getLogger(__name__)

bp = Blueprint("ops_metrics", __name__)

REQUEST_LATENCY = Histogram(
    "sangsaeng_request_duration_seconds",
    "Time from the request's arrival in the app to its response, by endpoint.",
    ("endpoint", "method", "status"),
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)

Reading = float | Mapping[str, float]


@dataclass(frozen=True)
class Gauge:
    """A gauge read from the database at scrape time; a mapping answer becomes one sample per `label`."""

    name: str
    documentation: str
    read: Callable[[Session], Reading]
    label: str = ""


def add_gauge(app: Flask, gauge: Gauge) -> None:
    """Publish `gauge` at /metrics (features call this: the outbox, the ledger, the job queue)."""
    app.extensions.setdefault("sangsaeng.gauges", []).append(gauge)


def at_most_every(seconds: float, read: Callable[[Session], Reading]) -> Callable[[Session], Reading]:
    """`read`, run again only when its last answer is older than `seconds` (for scans too costly per scrape)."""
    lock = threading.Lock()
    cached: list[tuple[float, Reading]] = []

    def cached_read(session: Session) -> Reading:
        with lock:
            if not cached or time.monotonic() - cached[0][0] > seconds:
                cached[:] = [(time.monotonic(), read(session))]
            return cached[0][1]

    return cached_read


class _GaugeCollector(Collector):
    def __init__(self, gauges: list[Gauge], session: Session) -> None:
        self.gauges = gauges
        self.session = session

    def collect(self) -> Iterator[Metric]:
        for gauge in self.gauges:
            try:
                reading = gauge.read(self.session)
            except Exception:
                # One failing source must not hide the others (or the request metrics).
                log.exception("metric %s could not be read", gauge.name)
                self.session.rollback()
                continue
            yield _family(gauge, reading)


def _family(gauge: Gauge, reading: Reading) -> GaugeMetricFamily:
    if isinstance(reading, Mapping):
        family = GaugeMetricFamily(gauge.name, gauge.documentation, labels=[gauge.label])
        for key, value in sorted(reading.items()):
            family.add_metric([key], float(value))
        return family
    return GaugeMetricFamily(gauge.name, gauge.documentation, value=float(reading))


class _ThisProcess(Collector):
    """The default registry's metrics, when there are no worker processes to add up."""

    def collect(self) -> Iterable[Metric]:
        return REGISTRY.collect()


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(_GaugeCollector(current_app.extensions.get("sangsaeng.gauges", []), db.session))
    return registry


@bp.get("/metrics")
def metrics() -> Response:
    token = current_app.config.get("METRICS_TOKEN")
    if token and request.headers.get("Authorization") != f"Bearer {token}":
        abort(401)
    body = generate_latest(_registry())
    db.session.rollback()  # only read; end the transaction the gauges opened
    return Response(body, content_type=CONTENT_TYPE_LATEST)


def register_request_metrics(app: Flask) -> None:
    @app.before_request
    def _start_clock() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def _observe(response: Response) -> Response:
        started = g.get("request_started")
        if started is not None:
            endpoint = request.url_rule.endpoint if request.url_rule is not None else "unmatched"
            REQUEST_LATENCY.labels(endpoint, request.method, str(response.status_code)).observe(
                time.perf_counter() - started
            )
        return response
