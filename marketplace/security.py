"""Cross-cutting web security: safe redirects and response headers."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, Request, Response, current_app, g, request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter

from marketplace.errors import ValidationFailed
from marketplace.validation import MAX_ID

# Everything is served from our own origin (no CDN), so the policy can be strict. The one inline style we
# produce, a chart's own stylesheet inside its SVG, carries this response's nonce (see `csp_nonce`).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'{nonce}; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def csp_nonce() -> str:
    """A nonce for this response's inline stylesheets, made on first use; the policy then names it."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return str(g.csp_nonce)


def content_security_policy() -> str:
    nonce = g.get("csp_nonce")
    return CONTENT_SECURITY_POLICY.format(nonce=f" 'nonce-{nonce}'" if nonce else "")


def safe_next_url(target: str | None, default: str) -> str:
    """`target` when it is a path on our own host, else `default` (no open redirects via ?next=)."""
    if not target:
        return default
    parts = urlsplit(target.replace("\\", "/"))
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def refuse_nul_characters() -> None:
    """No text we store or search may hold a NUL: PostgreSQL refuses it, and no person types one.

    Checked once for every request, before any view: query arguments, form fields and the JSON body
    (where a NUL is written \\u0000). The answer names the fields, and nothing is written. A signed webhook's
    body is Stripe's, and only its ids are kept: refusing it would only make Stripe retry it for days.
    """
    fields = [key for key, value in request.args.items(multi=True) if "\x00" in key or "\x00" in value]
    if request.path.startswith("/webhooks/"):
        pass  # its body must reach the signature check byte for byte, whatever its declared type
    elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fields += [key for key, value in request.form.items(multi=True) if "\x00" in key or "\x00" in value]
    elif request.is_json and _json_holds_nul(request.get_data()):
        fields.append("body")
    if fields:
        message = _l("Remove the NUL character (\\0) from what you sent.")
        named = {field.replace("\x00", "") or "body" for field in fields}
        raise ValidationFailed(message, fields={field: [str(message)] for field in sorted(named)})


def _json_holds_nul(body: bytes) -> bool:
    return b"\x00" in body or b"\\u0000" in body.lower()


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", content_security_policy())
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


def add_hsts(response: Response) -> Response:
    response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: an id past the database's integer names nothing (404), never a 500.

    Such an id becomes NO_ROW rather than failing the match: a failed match makes Werkzeug answer
    `PATCH /needs/2147483648` with a 405 that claims PATCH is allowed, where `GET` gets a 404.
    """

    def to_python(self, value: str) -> int:
        number = int(value)
        return number if number <= MAX_ID else NO_ROW


NO_ROW = 0  # ids start at 1


F = TypeVar("F", bound=Callable[..., Any])
# Room for the form's other fields and the multipart boundaries around an upload at its size limit.
UPLOAD_FORM_ROOM = 64 * 1024


def accepts_upload(limit_setting: str, on_too_large: Callable[[], Any]) -> Callable[[F], F]:
    """The view takes bodies up to the setting (bytes) instead of MAX_CONTENT_LENGTH; a larger one is answered
    by `on_too_large` (the form's field message, or the API's) instead of the bare 413 page.
    Put it right under the route decorator, so the registered view carries it."""

    def decorator(view: F) -> F:
        view.upload_limit_setting = limit_setting  # type: ignore[attr-defined]
        view.on_too_large = on_too_large  # type: ignore[attr-defined]
        return view

    return decorator


class SizedRequest(Request):
    """MAX_CONTENT_LENGTH, except on the views marked with `accepts_upload` (checked before the CSRF token is read)."""

    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is not None:
            return self._max_content_length
        rule = self.url_rule
        view = current_app.view_functions.get(rule.endpoint) if rule is not None and current_app else None
        setting = getattr(view, "upload_limit_setting", None)
        if setting:
            return int(current_app.config[setting]) + UPLOAD_FORM_ROOM
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


def register_security(app: Flask) -> None:
    app.request_class = SizedRequest
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)
    if app.config["ENV_NAME"] == "production":
        app.after_request(add_hsts)
