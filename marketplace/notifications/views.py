"""The notifications page."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.db import db
from marketplace.notifications import bp
from marketplace.notifications.messages import notification_text
from marketplace.notifications.services import mark_all_read, recent_notifications
from marketplace.permissions import requires

bp.add_app_template_global(notification_text)


@bp.get("/")
@requires()
def index() -> str:
    return render_template("notifications/index.html", notifications=recent_notifications(db.session, current_user))


@bp.post("/read")
@requires()
def read_all() -> Response:
    mark_all_read(db.session, current_user)
    db.session.commit()
    return redirect(url_for("notifications.index"))
