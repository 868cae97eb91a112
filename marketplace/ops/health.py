"""`/healthz` (the process answers) and `/readyz` (what a request needs is reachable).

A load balancer sends traffic only to a ready instance. The database (and the job queue, once it
registers its check with `add_readiness_check`) are required: without them no page works. Stripe is
reported but not required: when it is down only payments wait, and taking every instance out of
service would turn a payment outage into a whole-site one.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, current_app
from sqlalchemy import text

from marketplace.db import db

bp = Blueprint("ops_health", __name__)

STRIPE_DEFAULT_BASE = "https://api.stripe.com"
STRIPE_CHECK_TIMEOUT = 2.0  # seconds: a probe must answer well within the balancer's own timeout


@dataclass(frozen=True)
class ReadinessCheck:
    """`probe()` raises (or returns a reason) when the dependency is not usable."""

    name: str
    probe: Callable[[], str | None]
    required: bool = True


def add_readiness_check(app: Flask, check: ReadinessCheck) -> None:
    app.extensions.setdefault("sangsaeng.readiness", []).append(check)


def database_probe() -> str | None:
    db.session.execute(text("SELECT 1"))
    db.session.rollback()
    return None


def stripe_probe() -> str | None:
    """Stripe answers HTTP at all (any status: an unauthenticated GET gets 401, which is an answer)."""
    base = current_app.config.get("STRIPE_API_BASE") or STRIPE_DEFAULT_BASE
    try:
        with urllib.request.urlopen(f"{base.rstrip('/')}/v1/", timeout=STRIPE_CHECK_TIMEOUT):  # noqa: S310 (our setting)
            return None
    except urllib.error.HTTPError:
        return None


def _run(check: ReadinessCheck) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        problem = check.probe()
    except Exception as error:  # a probe's failure is its answer
        problem = f"{type(error).__name__}: {error}"[:200]
    result: dict[str, Any] = {"ok": problem is None, "ms": round((time.perf_counter() - started) * 1000, 1)}
    if problem:
        result["error"] = problem
    if not check.required:
        result["required"] = False
    return result


@bp.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@bp.get("/readyz")
def readyz() -> tuple[dict[str, Any], int]:
    checks = current_app.extensions.get("sangsaeng.readiness", [])
    results = {check.name: _run(check) for check in checks}
    ready = all(results[check.name]["ok"] for check in checks if check.required)
    degraded = not all(result["ok"] for result in results.values())
    status = "ready" if not degraded else ("degraded" if ready else "unready")
    return {"status": status, "checks": results}, 200 if ready else 503


def register_core_checks(app: Flask) -> None:
    add_readiness_check(app, ReadinessCheck("database", database_probe))
    add_readiness_check(app, ReadinessCheck("stripe", stripe_probe, required=False))
