"""Request ids and structured (JSON) logs.

Every request gets an id: the proxy's `X-Request-ID` when it sent a sane one, else a new one. It is
returned in the response's `X-Request-ID` and written on every log line of that request. A job worker
carries it on by calling `request_id_scope(id)` around the job (the id is a context variable, not
Flask's `g`, so it also works outside a request).
"""

from __future__ import annotations

import logging
import re
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, Response, g, request
from flask.logging import default_handler

from marketplace.config import ConfigError

REQUEST_ID_HEADER = "X-Request-ID"
# What we accept from outside: short, no spaces or control characters (it is written into logs).
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
LOG_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request (or job) being handled, if any."""
    return _request_id.get()


@contextmanager
def request_id_scope(request_id: str | None) -> Iterator[str]:
    """Log under `request_id` (a new one when None) inside the block: for jobs started by a request."""
    token = _request_id.set(request_id or new_request_id())
    try:
        yield _request_id.get() or ""
    finally:
        _request_id.reset(token)


def new_request_id() -> str:
    return uuid.uuid4().hex


def incoming_request_id(header: str | None) -> str:
    """The caller's id when it is safe to log, else a new one."""
    if header and SAFE_REQUEST_ID.fullmatch(header):
        return header
    return new_request_id()


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record (None outside requests and jobs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


def register_request_id(app: Flask) -> None:
    @app.before_request
    def _take_request_id() -> None:
        g.request_id = incoming_request_id(request.headers.get(REQUEST_ID_HEADER))
        g.request_id_token = _request_id.set(g.request_id)

    @app.after_request
    def _return_request_id(response: Response) -> Response:
        # A request refused before our before_request ran still gets an id.
        response.headers[REQUEST_ID_HEADER] = g.get("request_id") or new_request_id()
        return response

    @app.teardown_request
    def _forget_request_id(_exc: BaseException | None) -> None:
        token = g.pop("request_id_token", None)
        if token is not None:
            _request_id.reset(token)


def json_handler() -> logging.Handler:
    from pythonjsonlogger.json import JsonFormatter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(LOG_FIELDS, rename_fields=RENAMED))
    handler.addFilter(RequestIdFilter())
    handler.set_name("sangsaeng-json")
    return handler


def configure_logging(app: Flask) -> None:
    """LOG_FORMAT=json: one JSON object a line on stderr for the whole process, at LOG_LEVEL.

    `text` (development's default) leaves logging as Flask and the server set it up.
    """
    log_format = str(app.config.get("LOG_FORMAT", "text")).lower()
    if log_format not in ("json", "text"):
        raise ConfigError(f"LOG_FORMAT must be json or text, not {log_format!r}")
    if log_format == "text":
        return
    root = logging.getLogger()
    # create_app may run more than once in a process: replace our handler rather than add another.
    root.handlers = [h for h in root.handlers if h.get_name() != "sangsaeng-json"]
    root.addHandler(json_handler())
    root.setLevel(str(app.config.get("LOG_LEVEL", "INFO")).upper())
    # Flask's own handler would print each app log line a second time, as text.
    app.logger.removeHandler(default_handler)
