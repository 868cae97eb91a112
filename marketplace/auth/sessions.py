"""Flask-Login wiring: a login id that carries the user's session token, so sessions can be ended."""

from __future__ import annotations

import functools
import hmac

from flask import Flask, session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_user
from sqlalchemy.orm import joinedload

from marketplace.auth.models import User
from marketplace.db import db
from marketplace.validation import whole_number


@functools.cache
def with_organisation() -> tuple:
    """Every page's top bar names the user's organisation: read in the user's own query, not lazily in a
    second. Built at the first log-in check, not at import: a loader option configures every mapper, and the
    app imports this module before the features' models (VoucherOffer's MentorProfile) exist."""
    return (joinedload(User.organisation),)


def load_user(login_id: str) -> User | None:
    """The user of a session or remember cookie, if its session token is still current."""
    user_id, _, token = login_id.partition(":")
    number = whole_number(user_id)
    if number is None or not token:
        return None
    user = db.session.get(User, number, options=with_organisation())
    if user is None or not hmac.compare_digest(user.session_token, token):
        return None
    return user


def register_login(app: Flask, manager: LoginManager) -> None:
    manager.init_app(app)
    manager.user_loader(load_user)
    manager.login_view = "auth.login"
    manager.login_message = _l("Please log in to see this page.")
    manager.login_message_category = "info"
    # "basic": a session seen from another browser becomes non-fresh; ending sessions outright
    # is done by rotating the user's session token (services.end_all_sessions).
    manager.session_protection = "basic"


def start_session(user: User, remember: bool = False) -> None:
    """Log the user in with a fresh session: nothing from the anonymous session survives (no fixation)."""
    session.clear()
    login_user(user, remember=remember)
