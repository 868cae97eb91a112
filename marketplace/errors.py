"""Domain errors and the one place that turns any error into an HTML page or a JSON 4xx."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from marketplace.db import db


class DomainError(Exception):
    """A rule of the product refused an action; `message` is shown to the user as it is."""

    status = 400
    code = "bad_request"

    def __init__(self, message: Any, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.fields = fields or {}


class ValidationFailed(DomainError):
    status = 400
    code = "validation_failed"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class EmailNotVerified(Forbidden):
    code = "email_not_verified"


class Unauthorised(DomainError):
    status = 401
    code = "unauthorised"


class Conflict(DomainError):
    status = 409
    code = "conflict"


def wants_json() -> bool:
    """API callers get JSON errors; browsers get pages."""
    return request.path.startswith("/api/") or request.path.startswith("/webhooks/")


def error_response(status: int, code: str, message: Any, fields: dict[str, list[str]] | None = None) -> Response:
    """The JSON error shape every API endpoint uses."""
    body = {"error": {"code": code, "message": str(message), "fields": fields or {}}}
    response = jsonify(body)
    response.status_code = status
    return response


def _http_code(exc: HTTPException) -> str:
    return (exc.name or "error").lower().replace(" ", "_").replace("'", "")


def _page(status: int, title: Any, message: Any) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, title=title, message=message), status


def _roll_back() -> None:
    """Every error answer starts by ending the request's transaction unwritten.

    Nothing a refused request did may be committed later, and the error page itself reads the database
    (the signed-in user, the menu's badges), which a failed transaction would refuse, ending in the
    server's bare page without our security headers.
    """
    try:
        db.roll_back_request()
    except Exception:  # the database is gone: the page below must still be answered
        current_app.logger.exception("rolling back after an error failed")


def handle_domain_error(exc: DomainError) -> Response | tuple[str, int]:
    _roll_back()
    if wants_json():
        return error_response(exc.status, exc.code, exc.message, exc.fields)
    return _page(exc.status, _domain_title(exc.status), exc.message)


def _domain_title(status: int) -> str:
    """The heading of a refused action's page: what happened, not a request to check one's input."""
    titles = {403: _("Not allowed"), 404: _("Page not found"), 409: _("This cannot be done now")}
    return titles.get(status, _("This could not be done"))


def handle_csrf_error(exc: CSRFError) -> Response | tuple[str, int]:
    _roll_back()
    message = _("The form expired or did not come from this site. Reload the page and try again.")
    if wants_json():
        return error_response(400, "csrf_failed", message)
    return _page(400, _("Form refused"), message)


def _http_page_text(status: int) -> tuple[str, str] | None:
    """Title and message of the error pages people actually meet, in their language."""
    texts = {
        400: (_("Bad request"), _("The request could not be understood.")),
        403: (_("Not allowed"), _("You do not have access to this page.")),
        404: (
            _("Page not found"),
            _("There is no page at this address. It may have been removed, or the address mistyped."),
        ),
        405: (_("Not allowed"), _("This page cannot be used that way.")),
        413: (_("Too large"), _("What you sent is larger than we accept.")),
        429: (_("Too many attempts"), _("Please wait a minute and try again.")),
    }
    return texts.get(status)


def handle_http_error(exc: HTTPException) -> Response | tuple[str, int, dict[str, str]]:
    _roll_back()
    status = exc.code or 500
    too_large_answer = getattr(_current_view(), "on_too_large", None) if status == 413 else None
    if too_large_answer is not None:
        return too_large_answer()  # the upload's own field message (marketplace.security.accepts_upload)
    headers = _protocol_headers(exc)
    if wants_json():
        response = error_response(status, _http_code(exc), exc.description or exc.name)
        response.headers.update(headers)
        return response
    title, message = _http_page_text(status) or (exc.name, exc.description)
    return (*_page(status, title, message), headers)


def _current_view() -> Any:
    rule = request.url_rule
    return current_app.view_functions.get(rule.endpoint) if rule is not None else None


def _protocol_headers(exc: HTTPException) -> dict[str, str]:
    """The headers the error's protocol requires (a 405's `Allow`, a 429's `Retry-After`), without its body's type."""
    return {name: value for name, value in exc.get_headers() if name.lower() != "content-type"}


def handle_unexpected(exc: Exception) -> Response | tuple[str, int]:
    # Logged with its traceback; the user sees a plain page, never the exception.
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    _roll_back()
    if wants_json():
        return error_response(500, "internal_error", _("Something went wrong on our side."))
    try:
        return _page(500, _("Something went wrong"), _("Something went wrong on our side. Please try again."))
    except Exception:  # the page needs the database too; a plain one still carries our headers
        current_app.logger.exception("the error page failed")
        return PLAIN_ERROR_PAGE, 500


PLAIN_ERROR_PAGE = (
    '<!doctype html><html lang="ko"><meta charset="utf-8"><title>500</title>'
    "<p>일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.</p>"
    "<p>Something went wrong on our side. Please try again.</p></html>"
)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected)
    if not app.config["TESTING"]:
        # In tests an unexpected exception should fail loudly, not become a 500 page.
        app.register_error_handler(Exception, handle_unexpected)
