"""Solution pages: browse and search (public), detail, list, edit, archive and reactivate."""

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
from marketplace.permissions import acting_user, requires
from marketplace.policy import NOT_YOURS, can, ensure
from marketplace.solutions import bp
from marketplace.solutions import services as solutions
from marketplace.solutions.forms import SolutionForm
from marketplace.solutions.models import SOLUTION_MOVES, Solution
from marketplace.templating import status_label
from matching.kinds import Kind


@bp.get("/")
def browse() -> str:
    filters = read_filters(solutions.SolutionFilters, request.args, strict=False)
    page = solutions.search_solutions(db.session, acting_user(), filters)
    return render_template("solutions/browse.html", page=page, filters=filters, sorts=solutions.SORTS)


@bp.get("/<int:solution_id>")
def show(solution_id: int) -> str:
    viewer = acting_user()
    solution = solutions.get_solution(db.session, viewer, solution_id)
    is_owner = can(viewer, "edit", solution)
    actions = SOLUTION_MOVES.available(solution.status) if is_owner else []
    matches = listing_matches(viewer, Kind.SOLUTION, solution)
    return render_template("solutions/show.html", solution=solution, is_owner=is_owner, actions=actions, **matches)


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.SUPPLIER)
def new() -> str | Response:
    form = SolutionForm()
    saved = save_form(
        form,
        lambda: solutions.post_solution(db.session, current_user, form.values()),
        _("Your solution is saved."),
        _show_url,
    )
    return saved or render_template("solutions/form.html", form=form, solution=None)


@bp.route("/<int:solution_id>/edit", methods=["GET", "POST"])
@requires(Role.SUPPLIER, Role.ADMIN)
def edit(solution_id: int) -> str | Response:
    solution = solutions.get_solution(db.session, current_user, solution_id)
    ensure(current_user, "edit", solution, NOT_YOURS)
    form = SolutionForm(obj=solution)
    saved = save_form(
        form,
        lambda: solutions.update_solution(db.session, current_user, solution, form.values()),
        _("Your solution is saved."),
        _show_url,
    )
    return saved or render_template("solutions/form.html", form=form, solution=solution)


def _show_url(solution: Solution) -> str:
    return url_for("solutions.show", solution_id=solution.id)


@bp.post("/<int:solution_id>/transitions")
@requires(Role.SUPPLIER, Role.ADMIN)
def transition(solution_id: int) -> Response:
    solution = solutions.get_solution(db.session, current_user, solution_id)
    solutions.transition_solution(db.session, current_user, solution, request.form.get("action", ""))
    db.session.flush()
    flash(_("The solution's status is now: %(status)s.", status=status_label(solution.status)), "success")
    return redirect(url_for("solutions.show", solution_id=solution.id))
