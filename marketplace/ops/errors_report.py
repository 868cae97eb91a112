"""Errors to a Sentry-compatible endpoint when SENTRY_DSN is set (Sentry, GlitchTip, a self-hosted relay).

sentry-sdk's Flask and logging integrations report every unhandled exception: the 500 handler logs it
with its traceback, and a logged exception becomes an event. Each event carries the request id, so an
operator finds its log lines. No personal data is sent (no cookies, bodies or user emails).
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from marketplace.ops.logs import current_request_id


def _tag_request_id(event: dict[str, Any], _hint: dict[str, Any]) -> dict[str, Any]:
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def init_error_reporting(app: Flask) -> None:
    dsn = app.config.get("SENTRY_DSN")
    if not dsn:
        return
    import sentry_sdk  # only when configured: nothing to load otherwise
    from sentry_sdk.integrations.huey import HueyIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=app.config["ENV_NAME"],
        data_collection={"user_info": False, "http_bodies": []},
        traces_sample_rate=0.0,
        before_send=_tag_request_id,  # type: ignore[arg-type]
        # Its Huey integration adds trace headers to every queued job's arguments, which a job worker started
        # without SENTRY_DSN passes on to the task, and every job fails. A failed job still reaches Sentry: the
        # worker logs it with its traceback, and the logging integration reports that.
        disabled_integrations=[HueyIntegration()],
    )
