"""The energy pre-investment page of a project: its schedule, a month's saving, the sponsor's terms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, MonthField, SubmitField
from wtforms.validators import Optional

from funds.energy import services as energy
from funds.models import Project
from marketplace.context import from_request
from marketplace.db import db
from marketplace.errors import DomainError
from marketplace.forms import apply_domain_error
from marketplace.permissions import requires
from marketplace.policy import can

bp = Blueprint("energy", __name__, url_prefix="/projects")


class SavingForm(FlaskForm):
    month = MonthField(_l("Month measured"), validators=[Optional()])
    saved_krw = IntegerField(_l("Saving (won)"), validators=[Optional()])
    saved_kwh = IntegerField(_l("Saving (kWh)"), validators=[Optional()], description=_l("Optional"))
    record = SubmitField(_l("Record saving"))


class PreinvestmentForm(FlaskForm):
    repayment_percent = IntegerField(
        _l("Share of monthly savings that repays (%)"), validators=[Optional()], description=_l("1 to 100")
    )
    mark = SubmitField(_l("Mark as energy pre-investment"))


def _render(project: Project, status: int = 200, **forms: FlaskForm) -> tuple[str, int]:
    page = render_template(
        "energy/project.html",
        project=project,
        schedule=energy.schedule(db.session, project),
        saving_form=forms.get("saving_form") or SavingForm(),
        mark_form=forms.get("mark_form") or PreinvestmentForm(),
        can_record=can(current_user, "record_energy", project),
        can_mark=can(current_user, "mark_preinvestment", project) and project.status in energy.MARKABLE_STATES,
    )
    return page, status


def _post(project_id: int, form: FlaskForm, name: str, save: Callable[[Project], Any], message: str) -> Any:
    """Lock the project, validate, call the service, commit and go back to the page; else the page with errors."""
    project = energy.get_energy_project(db.session, current_user, project_id, for_update=True)
    if not form.validate_on_submit():
        return _render(project, 400, **{name: form})
    try:
        save(project)
    except DomainError as error:
        db.session.rollback()  # nothing of the refused action is kept
        apply_domain_error(form, error)
        return _render(project, error.status, **{name: form})
    db.session.flush()
    flash(message, "success")
    return redirect(url_for("energy.show", project_id=project.id))


@bp.get("/<int:project_id>/energy")
@requires()
def show(project_id: int) -> tuple[str, int]:
    return _render(energy.get_energy_project(db.session, current_user, project_id))


@bp.post("/<int:project_id>/energy/savings")
@requires()
def record_saving(project_id: int) -> Response | tuple[str, int]:
    form = SavingForm()
    values = (form.month.data, form.saved_krw.data, form.saved_kwh.data)
    return _post(
        project_id,
        form,
        "saving_form",
        lambda project: energy.record_saving(db.session, from_request(current_user), project, *values),
        _("The month's saving is recorded."),
    )


@bp.post("/<int:project_id>/energy/preinvestment")
@requires()
def mark_preinvestment(project_id: int) -> Response | tuple[str, int]:
    form = PreinvestmentForm()
    return _post(
        project_id,
        form,
        "mark_form",
        lambda project: energy.mark_preinvestment(db.session, current_user, project, form.repayment_percent.data),
        _("The project is marked as an energy pre-investment."),
    )
