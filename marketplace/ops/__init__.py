"""Running the app in production: proxy headers, request ids and JSON logs, health checks, metrics, error reports.

Registered first in create_app, so every request (even one a rate limit refuses) has its id and is measured.
"""

from __future__ import annotations

from flask import Flask

from marketplace.ops.errors_report import init_error_reporting
from marketplace.ops.health import bp as health_bp
from marketplace.ops.health import register_core_checks
from marketplace.ops.logs import configure_logging, register_request_id
from marketplace.ops.metrics import bp as metrics_bp
from marketplace.ops.metrics import register_request_metrics
from marketplace.ops.proxy import trust_proxies


def register_operations(app: Flask) -> None:
    trust_proxies(app)
    configure_logging(app)
    register_request_id(app)
    register_request_metrics(app)
    init_error_reporting(app)
    register_core_checks(app)
    app.register_blueprint(health_bp)
    app.register_blueprint(metrics_bp)
