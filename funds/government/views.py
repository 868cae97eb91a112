"""Government programme pages: the programmes and their rules (members), changes and the audit trail (officers)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from funds.forms import BudgetForm, ProgrammeForm, RuleForm
from funds.government import rules
from funds.government.commands import GovernmentProgrammeIn, NewRuleIn, RuleIn
from funds.models import RULE_FIELDS, GovernmentProgramme
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.forms import save_form
from marketplace.permissions import allowed, requires

bp = Blueprint("government", __name__, url_prefix="/government-programmes")
PROGRAMME_FIELDS = ("name", "name_en", "year", "budget_krw", "requires_sponsor", "tier", *RULE_FIELDS)


@bp.get("/")
@requires()
def browse() -> str:
    return render_template("government/browse.html", rows=rules.list_programmes(db.session))


def _programmes_url(_saved: Any = None) -> str:
    return url_for("government.browse")


def _render_form(form: FlaskForm, title: Any, fields: tuple[str, ...], programme: GovernmentProgramme | None) -> str:
    db.session.rollback()  # a refused change leaves nothing behind, not even in this session
    return render_template("government/form.html", form=form, title=title, fields=fields, programme=programme)


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.OFFICER)
def new() -> str | Response:
    form = ProgrammeForm()
    saved = save_form(
        form,
        lambda: rules.create_programme(db.session, current_user, form.command(GovernmentProgrammeIn)),
        _("The government programme is created."),
        _programmes_url,
    )
    return saved or _render_form(form, _l("New government programme"), PROGRAMME_FIELDS, None)


@bp.route("/<int:programme_id>/budget", methods=["GET", "POST"])
@requires(Role.OFFICER)
def edit_budget(programme_id: int) -> str | Response:
    writing = request.method == "POST"  # a POST holds SQLite's write lock from its first statement
    programme = rules.get_government_programme(db.session, programme_id, for_update=writing)
    form = BudgetForm(obj=programme)
    saved = save_form(
        form,
        lambda: rules.change_budget(db.session, current_user, programme, form.budget_krw.data),
        _("The budget is saved."),
        _programmes_url,
    )
    return saved or _render_form(form, _l("Budget"), ("budget_krw",), programme)


@bp.route("/<int:programme_id>/rules/<int:rule_id>", methods=["GET", "POST"])
@requires(Role.OFFICER)
def edit_rule(programme_id: int, rule_id: int) -> str | Response:
    programme = rules.get_government_programme(db.session, programme_id)
    rule = rules.get_rule(db.session, programme, rule_id)
    form = RuleForm(obj=rule)
    saved = save_form(
        form,
        lambda: rules.change_rule(db.session, current_user, rule, form.command(RuleIn)),
        _("The rule is saved. Projects already applied for keep the terms they were split by."),
        _programmes_url,
    )
    return saved or _render_form(form, _l("Cost-share rule"), RULE_FIELDS, programme)


@bp.route("/<int:programme_id>/rules/new", methods=["GET", "POST"])
@requires(Role.OFFICER)
def add_rule(programme_id: int) -> str | Response:
    programme = rules.get_government_programme(db.session, programme_id)
    form = RuleForm()
    saved = save_form(
        form,
        lambda: rules.add_rule(db.session, current_user, programme, form.command(NewRuleIn)),
        _("The rule is added."),
        _programmes_url,
    )
    return saved or _render_form(form, _l("Add a rule for a tier"), ("tier", *RULE_FIELDS), programme)


@bp.get("/<int:programme_id>/changes")
@allowed("view_changes", GovernmentProgramme)
def changes(programme_id: int) -> str:
    programme = rules.get_government_programme(db.session, programme_id)
    trail = rules.programme_changes(db.session, current_user, programme)
    return render_template("government/changes.html", programme=programme, trail=trail)
