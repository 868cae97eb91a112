"""Admin: users and organisations."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.admin import bp
from marketplace.admin.commands import OperatedComplexesIn
from marketplace.admin.forms import OperatedComplexesForm
from marketplace.admin.services import list_users, set_operated_complexes, set_user_active
from marketplace.audit import admin_edits
from marketplace.auth.forms import ROLE_LABELS
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.forms import save_form
from marketplace.organisations.services import get_organisation
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


@bp.route("/organisations/<int:organisation_id>/complexes", methods=["GET", "POST"])
@requires(Role.ADMIN)
def operated_complexes(organisation_id: int) -> str | Response:
    """Mark an organisation as a complex operator: the industrial complexes it operates."""
    organisation = get_organisation(db.session, organisation_id)
    form = OperatedComplexesForm(obj=organisation)
    saved = save_form(
        form,
        lambda: set_operated_complexes(db.session, current_user, organisation, form.command(OperatedComplexesIn)),
        _("The complexes it operates are saved."),
        lambda saved: url_for("organisations.show", organisation_id=saved.id),
    )
    return saved or render_template("admin/complexes.html", form=form, organisation=organisation)
