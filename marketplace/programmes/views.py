"""Programme pages: browse and search (public), detail, create, edit, open and close."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.auth.models import Role
from marketplace.db import db, utcnow
from marketplace.filters import read_filters
from marketplace.forms import save_form
from marketplace.matches.views import listing_matches
from marketplace.permissions import acting_user, requires
from marketplace.policy import NOT_YOURS, can, ensure
from marketplace.programmes import bp
from marketplace.programmes import services as programmes
from marketplace.programmes.forms import ProgrammeForm
from marketplace.programmes.models import PROGRAMME_MOVES, SponsorProgramme
from marketplace.templating import status_label
from matching.kinds import Kind


@bp.get("/")
def browse() -> str:
    filters = read_filters(programmes.ProgrammeFilters, request.args, strict=False)
    page = programmes.search_programmes(db.session, acting_user(), filters)
    return render_template("programmes/browse.html", page=page, filters=filters, sorts=programmes.SORTS)


@bp.get("/<int:programme_id>")
def show(programme_id: int) -> str:
    viewer = acting_user()
    programme = programmes.get_programme(db.session, viewer, programme_id)
    is_owner = can(viewer, "edit", programme)
    actions = PROGRAMME_MOVES.available(programme.status) if is_owner else []
    window = programmes.application_window(programme, to_user_timezone(utcnow()).date())
    return render_template(
        "programmes/show.html", programme=programme, is_owner=is_owner, actions=actions, window=window,
        **listing_matches(viewer, Kind.PROGRAMME, programme),
    )  # fmt: skip


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.SPONSOR)
def new() -> str | Response:
    form = ProgrammeForm()
    saved = save_form(
        form,
        lambda: programmes.post_programme(db.session, current_user, form.values(), open_now=bool(form.open_now.data)),
        _("Your programme is saved."),
        _show_url,
    )
    return saved or render_template("programmes/form.html", form=form, programme=None)


@bp.route("/<int:programme_id>/edit", methods=["GET", "POST"])
@requires(Role.SPONSOR, Role.ADMIN)
def edit(programme_id: int) -> str | Response:
    programme = programmes.get_programme(db.session, current_user, programme_id)
    ensure(current_user, "edit", programme, NOT_YOURS)
    form = ProgrammeForm(obj=programme)
    saved = save_form(
        form,
        lambda: programmes.update_programme(db.session, current_user, programme, form.values()),
        _("Your programme is saved."),
        _show_url,
    )
    return saved or render_template("programmes/form.html", form=form, programme=programme)


def _show_url(programme: SponsorProgramme) -> str:
    return url_for("programmes.show", programme_id=programme.id)


@bp.post("/<int:programme_id>/transitions")
@requires(Role.SPONSOR, Role.ADMIN)
def transition(programme_id: int) -> Response:
    programme = programmes.get_programme(db.session, current_user, programme_id)
    programmes.transition_programme(db.session, current_user, programme, request.form.get("action", ""))
    db.session.flush()
    flash(_("The programme's status is now: %(status)s.", status=status_label(programme.status)), "success")
    return redirect(url_for("programmes.show", programme_id=programme.id))
