"""The JSON API under /api/v1: Bearer-token authentication, JSON errors, OpenAPI."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, g, request
from flask_babel import lazy_gettext as _l

from marketplace.auth.services import user_for_api_token
from marketplace.db import db
from marketplace.errors import Unauthorised
from marketplace.extensions import limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def authenticate_bearer() -> None:
    """Identify the caller by `Authorization: Bearer <token>`; cookies are never used here."""
    g.api_user = None
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _, token = header.partition(" ")
    lifetime = timedelta(days=float(current_app.config["API_TOKEN_LIFETIME_DAYS"]))
    user = user_for_api_token(db.session, token.strip(), lifetime) if scheme.lower() == "bearer" and token else None
    if user is None:
        raise Unauthorised(_l("The API token is missing, revoked, expired or wrong."))
    if db.session.dirty:
        db.session.commit()  # the token's last use, recorded before the request's own work starts
    g.api_user = user


limiter.limit(lambda: current_app.config["API_RATE_LIMIT"])(bp)
