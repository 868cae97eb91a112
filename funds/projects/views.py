"""Project pages: the projects you may see, applying for one, a project with its split, history, ledger and moves."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from funds.forms import ApplicationForm, optional_id
from funds.labels import TEMPLATE_GLOBALS, move_consequence, project_status_label
from funds.models import COMMITTED_STATES, PaymentPurpose, Project
from funds.payments import services as payment_services
from funds.policies import in_consortium
from funds.projects import reads as project_reads
from funds.projects import services as projects
from funds.schemas import ProjectIn
from marketplace import clock
from marketplace.auth.models import Role
from marketplace.context import from_request
from marketplace.db import db
from marketplace.errors import Conflict, ValidationFailed
from marketplace.filters import read_filters
from marketplace.forms import save_form
from marketplace.permissions import requires

bp = Blueprint("projects", __name__, url_prefix="/projects")
for _name, _helper in TEMPLATE_GLOBALS.items():
    bp.add_app_template_global(_helper, _name)


@bp.get("/")
@requires()
def browse() -> str:
    filters = read_filters(project_reads.ProjectFilters, request.args, strict=False)
    today = clock.today()
    page = project_reads.search_projects(db.session, current_user, filters, today)
    return render_template("projects/browse.html", page=page, filters=filters, today=today)


@bp.route("/apply", methods=["GET", "POST"])
@requires(Role.SME)
def apply() -> str | Response:
    need_id = optional_id(request.values.get("need_id"))  # from the need's page, or the form sent back
    choices = project_reads.application_choices(db.session, from_request(current_user), need_id)
    form = ApplicationForm()
    form.fill(choices)
    if not form.is_submitted():
        form.prefill(choices)
    saved = save_form(
        form,
        lambda: projects.apply_for_project(db.session, from_request(current_user), form.command(ProjectIn)),
        _("Your application is sent. The cost is split below."),
        _show_url,
    )
    return saved or render_template("projects/apply.html", form=form)


def _show_url(project: Project) -> str:
    return url_for("projects.show", project_id=project.id)


@bp.get("/<int:project_id>")
@requires()
def show(project_id: int) -> str:
    project = projects.get_project(db.session, current_user, project_id)
    share = payment_services.due(db.session, PaymentPurpose.SME_SHARE, project)
    return render_template(
        "projects/show.html",
        project=project,
        sides={side.value for side in projects.parties(current_user, project)},
        consortium_reader=in_consortium(current_user, project) and not projects.parties(current_user, project),
        actions=projects.available_actions(current_user, project),
        overdue=project.design_overdue(clock.today()),
        transactions=project_reads.project_transactions(db.session, project),
        reason_required=projects.REASON_REQUIRED,
        due=share,
        can_pay=project.status in COMMITTED_STATES and share.payable_krw > 0,
    )


@bp.post("/<int:project_id>/transitions")
@requires()
def transition(project_id: int) -> str | Response:
    """A move of the project. Every move is final, so the first press shows what it will do and asks again."""
    action, reason = request.form.get("action", ""), request.form.get("reason")
    if request.form.get("confirmed") != "yes":
        return _confirm_move(project_id, action, reason)
    project = projects.get_project(db.session, current_user, project_id, for_update=True)
    try:
        projects.transition_project(db.session, from_request(current_user), project, action, reason)
    except (Conflict, ValidationFailed) as refused:  # e.g. insufficient_funds: a message on the page
        db.session.rollback()
        flash(str(refused.message), "danger")
        return redirect(url_for("projects.show", project_id=project_id))
    db.session.flush()
    flash(_("The project's status is now: %(status)s.", status=project_status_label(project.status)), "success")
    return redirect(_show_url(project))


def _confirm_move(project_id: int, action: str, reason: str | None) -> str | Response:
    project = projects.get_project(db.session, current_user, project_id)
    if action not in projects.available_actions(current_user, project):
        flash(_("You are not the party who can do this to the project."), "danger")
        return redirect(_show_url(project))
    return render_template(
        "projects/confirm.html",
        project=project,
        action=action,
        reason=reason or "",
        reason_required=action in projects.REASON_REQUIRED,
        consequence=move_consequence(action, project),
    )
