"""Organisation pages: anyone logged in sees the public profile; members edit their own."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.db import db
from marketplace.forms import save_form
from marketplace.organisations import bp
from marketplace.organisations.commands import OrganisationProfile
from marketplace.organisations.forms import OrganisationForm, ProfileForm
from marketplace.organisations.models import Organisation
from marketplace.organisations.profile import ONLY_MANAGERS, update_profile
from marketplace.organisations.services import get_organisation, update_organisation
from marketplace.permissions import requires
from marketplace.policy import NOT_YOURS, can, ensure


@bp.get("/<int:organisation_id>")
@requires()
def show(organisation_id: int) -> str:
    organisation = get_organisation(db.session, organisation_id)
    return render_template(
        "organisations/show.html",
        organisation=organisation,
        is_member=can(current_user, "edit", organisation),
        may_edit_profile=can(current_user, "edit_profile", organisation),
        show_private=can(current_user, "view_private", organisation),
    )


@bp.route("/<int:organisation_id>/edit", methods=["GET", "POST"])
@requires()
def edit(organisation_id: int) -> str | Response:
    organisation = get_organisation(db.session, organisation_id)
    ensure(current_user, "edit", organisation, NOT_YOURS)
    form = OrganisationForm(obj=organisation)
    saved = save_form(
        form,
        lambda: update_organisation(db.session, current_user, organisation, form.profile_values()),
        _("The organisation profile is saved."),
        lambda saved: url_for("organisations.show", organisation_id=saved.id),
    )
    return saved or render_template("organisations/edit.html", form=form, organisation=organisation)


@bp.route("/<int:organisation_id>/profile", methods=["GET", "POST"])
@requires()
def edit_profile(organisation_id: int) -> str | Response:
    organisation = get_organisation(db.session, organisation_id)
    ensure(current_user, "edit_profile", organisation, ONLY_MANAGERS)
    form = ProfileForm.for_organisation(organisation)
    saved = save_form(
        form,
        lambda: update_profile(db.session, current_user, organisation, form.command(OrganisationProfile)),
        _("The public profile is saved."),
        lambda _saved: _dashboard_or_show(organisation),
    )
    return saved or render_template("organisations/edit_profile.html", form=form, organisation=organisation)


def _dashboard_or_show(organisation: Organisation) -> str:
    """Back to the dashboard's next step when the form was opened from it, else to the profile."""
    if request.args.get("from") == "dashboard":
        return url_for("main.dashboard", _anchor="profile-hint")
    return url_for("organisations.show", organisation_id=organisation.id)
