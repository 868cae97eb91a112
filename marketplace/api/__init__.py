"""The JSON API under /api/v1: Bearer-token authentication, JSON errors, OpenAPI."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from flask import Blueprint, current_app, g, request
from flask_babel import lazy_gettext as _l

from marketplace.auth.services import api_token_for, record_token_use, token_use_due
from marketplace.db import db, utcnow
from marketplace.errors import Unauthorised
from marketplace.extensions import configured_limit, limiter
from marketplace.unit_of_work import after_request_ends, own_transaction

log = logging.getLogger(__name__)

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def authenticate_bearer() -> None:
    """Identify the caller by `Authorization: Bearer <token>`; cookies are never used here."""
    g.api_user = None
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _, plain = header.partition(" ")
    lifetime = timedelta(days=float(current_app.config["API_TOKEN_LIFETIME_DAYS"]))
    token = api_token_for(db.session, plain.strip(), lifetime) if scheme.lower() == "bearer" and plain else None
    if token is None:
        raise Unauthorised(_l("The API token is missing, revoked, expired or wrong."))
    if token_use_due(token, utcnow()):
        after_request_ends(partial(remember_token_use, token.id))
    g.api_user = token.user


def remember_token_use(token_id: int) -> None:
    """Record the token's last use in a short transaction of its own, once the request's has ended (so a
    writing request's lock is released), whatever its outcome.

    Bookkeeping must never fail or hold up a request: it waits for the write lock at most
    TOKEN_USE_LOCK_WAIT_MS, and any failure (a busy database) is logged and dropped; the next
    request of the minute tries again.
    """
    try:
        with own_transaction(TOKEN_USE_LOCK_WAIT_MS) as own:
            record_token_use(own, token_id, utcnow())
    except Exception as error:  # a busy database, most likely: the next request of the minute tries again
        log.warning("could not record the last use of API token %s: %s", token_id, type(error).__name__)


TOKEN_USE_LOCK_WAIT_MS = 250

limiter.limit(configured_limit("API_RATE_LIMIT"))(bp)
