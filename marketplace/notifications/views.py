"""The notifications page, the notification settings and, in development, the email outbox."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.errors import NotFound
from marketplace.notifications import bp
from marketplace.notifications.forms import preferences_form
from marketplace.notifications.kinds import kinds_for
from marketplace.notifications.messages import notification_text
from marketplace.notifications.outbox import MAX_ATTEMPTS, recent_emails
from marketplace.notifications.preferences import save_choices, user_choices
from marketplace.notifications.services import mark_all_read, open_notification, recent_notifications
from marketplace.permissions import requires

bp.add_app_template_global(notification_text)


@bp.get("/")
@requires()
def index() -> str:
    return render_template("notifications/index.html", notifications=recent_notifications(db.session, current_user))


@bp.post("/<int:notification_id>/open")
@requires()
def open_one(notification_id: int) -> Response:
    """Following a notification from the list marks it read. A POST (a form per line), not a GET: reading a
    page never writes, and another site cannot mark a user's notifications read by linking here."""
    link = open_notification(db.session, current_user, notification_id)
    db.session.flush()
    return redirect(link)


@bp.post("/read")
@requires()
def read_all() -> Response:
    mark_all_read(db.session, current_user)
    db.session.flush()
    return redirect(url_for("notifications.index"))


@bp.route("/settings", methods=["GET", "POST"])
@requires()
def settings() -> str | Response:
    form = preferences_form(kinds_for(current_user.role), user_choices(db.session, current_user))
    if form.validate_on_submit():
        save_choices(db.session, current_user, form.choices())
        db.session.flush()
        flash(_("Your notification settings are saved."), "success")
        return redirect(url_for("notifications.settings"))
    return render_template("notifications/settings.html", form=form)


def development_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """Outside development the page does not exist (there, `flask notify send` sends the outbox)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_app.config["ENV_NAME"] != "development":
            raise NotFound(_l("There is no page at this address."))
        return view(*args, **kwargs)

    return wrapper


@bp.get("/outbox")
@development_only
@requires(Role.ADMIN)
def outbox() -> str:
    return render_template("notifications/outbox.html", emails=recent_emails(db.session), max_attempts=MAX_ATTEMPTS)
