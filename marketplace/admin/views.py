"""Admin: users and organisations."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.admin import bp
from marketplace.admin.services import list_users, set_user_active
from marketplace.audit import admin_edits
from marketplace.auth.forms import ROLE_LABELS
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.permissions import requires


@bp.get("/users")
@requires(Role.ADMIN)
def users() -> str:
    query, role = request.args.get("q", ""), request.args.get("role", "")
    return render_template(
        "admin/users.html", users=list_users(db.session, query, role), q=query, role=role, role_labels=ROLE_LABELS
    )


@bp.post("/users/<int:user_id>/active")
@requires(Role.ADMIN)
def set_active(user_id: int) -> Response:
    active = request.form.get("active") == "1"
    user = set_user_active(db.session, current_user, user_id, active)
    db.session.flush()
    flash(_("%(email)s is now %(state)s.", email=user.email, state=_("active") if active else _("disabled")), "info")
    return redirect(url_for("admin.users"))


@bp.get("/edits")
@requires(Role.ADMIN)
def edits() -> str:
    """The audit trail of admins' changes to other organisations' listings and profiles."""
    return render_template("admin/edits.html", edits=admin_edits(db.session))
