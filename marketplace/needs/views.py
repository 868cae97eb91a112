"""Need pages: browse and search (public), detail, post, edit, change status."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.filters import read_filters
from marketplace.forms import save_form
from marketplace.matches.views import listing_matches
from marketplace.needs import bp
from marketplace.needs import services as needs
from marketplace.needs.forms import NeedForm
from marketplace.needs.models import NEED_MOVES, Need
from marketplace.permissions import acting_user, requires
from marketplace.policy import NOT_YOURS, can, ensure
from marketplace.templating import status_label
from matching.kinds import Kind


@bp.get("/")
def browse() -> str:
    filters = read_filters(needs.NeedFilters, request.args, strict=False)
    page = needs.search_needs(db.session, acting_user(), filters)
    return render_template("needs/browse.html", page=page, filters=filters, sorts=needs.SORTS)


@bp.get("/<int:need_id>")
def show(need_id: int) -> str:
    viewer = acting_user()
    need = needs.get_need(db.session, viewer, need_id)
    is_owner = can(viewer, "edit", need)
    actions = NEED_MOVES.available(need.status) if is_owner else []
    matches = listing_matches(viewer, Kind.NEED, need)
    return render_template("needs/show.html", need=need, is_owner=is_owner, actions=actions, **matches)


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.SME)
def new() -> str | Response:
    form = NeedForm()
    draft = bool(form.save_draft.data)
    saved = save_form(
        form,
        lambda: needs.post_need(db.session, current_user, form.values(), publish=not draft),
        _("Your need is saved as a draft. Only your organisation sees it: publish it to get matches.")
        if draft
        else _("Your need is published. Below: the solutions, sponsor programmes and mentors that fit it."),
        _show_url,
    )
    return saved or render_template("needs/form.html", form=form, need=None)


@bp.route("/<int:need_id>/edit", methods=["GET", "POST"])
@requires(Role.SME, Role.ADMIN)
def edit(need_id: int) -> str | Response:
    need = needs.get_need(db.session, current_user, need_id)
    ensure(current_user, "edit", need, NOT_YOURS)
    form = NeedForm(obj=need)
    saved = save_form(
        form,
        lambda: needs.update_need(db.session, current_user, need, form.values()),
        _("Your need is saved."),
        _show_url,
    )
    return saved or render_template("needs/form.html", form=form, need=need)


def _show_url(need: Need) -> str:
    return url_for("needs.show", need_id=need.id)


@bp.post("/<int:need_id>/transitions")
@requires(Role.SME, Role.ADMIN)
def transition(need_id: int) -> Response:
    need = needs.get_need(db.session, current_user, need_id)
    needs.transition_need(db.session, current_user, need, request.form.get("action", ""))
    db.session.flush()
    flash(_("The need's status is now: %(status)s.", status=status_label(need.status)), "success")
    return redirect(url_for("needs.show", need_id=need.id))
