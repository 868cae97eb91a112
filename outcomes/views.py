"""Outcome pages: a project's KPIs (and the form to record them), the SME's dashboard, the officer's overview
with its downloads, and the public statistics at /stats."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers.response import Response as BaseResponse

from funds.projects.services import get_project
from funds.reports.services import DIMENSIONS
from marketplace.auth.models import Role
from marketplace.context import from_request
from marketplace.db import db
from marketplace.errors import DomainError
from marketplace.exports import download
from marketplace.forms import apply_domain_error
from marketplace.i18n import current_language
from marketplace.permissions import allowed, requires
from marketplace.reference import SMART_COMPLEXES
from outcomes import dashboards, services
from outcomes.formats import change_chart, overview_charts, overview_csv, overview_xlsx, stats_charts
from outcomes.forms import KpiForm
from outcomes.kpis import KPIS, PHASE_LABELS, Phase
from outcomes.measures import benchmarked
from outcomes.overview import DIMENSION_KEYS, MIN_GROUP, programme_overview, public_stats
from outcomes.policies import ProgrammeOverview, SmeOutcomesOf
from outcomes.schemas import KpisIn

bp = Blueprint("outcomes", __name__)


@bp.app_template_global()
def kpi_value(value: Decimal | None) -> str:
    """A KPI's value as typed, with thousands separators: 12,345.5 (— when not recorded)."""
    return "—" if value is None else format(value.normalize(), ",f")


def _kpi_page(project_id: int, form: KpiForm | None = None, status: int = 200) -> tuple[str, int]:
    project = get_project(db.session, current_user, project_id)
    phases = services.recordable_phases(current_user, project)
    phase = form.phase.data if form is not None else request.args.get("phase", "")
    if form is None and phase in phases:
        form = KpiForm(phase=phase)
        values = {row.kpi.code: row.values[Phase(phase)] for row in services.project_kpis(db.session, project)}
        for code, value in values.items():
            getattr(form, code).data = "" if value is None else format(value.normalize(), "f")
    return render_template(
        "outcomes/project_kpis.html",
        project=project,
        rows=services.project_kpis(db.session, project),
        phases=phases,
        phase_labels=PHASE_LABELS,
        form=form,
        kpis=KPIS,
    ), status


@bp.get("/projects/<int:project_id>/kpis")
@requires()
def project_kpis(project_id: int) -> tuple[str, int]:
    return _kpi_page(project_id)


@bp.post("/projects/<int:project_id>/kpis")
@requires(Role.SME, Role.OFFICER)
def record_kpis(project_id: int) -> BaseResponse | tuple[str, int]:
    form = KpiForm()
    if not form.validate_on_submit():
        return _kpi_page(project_id, form, 400)
    project = get_project(db.session, current_user, project_id, for_update=True)
    try:
        services.record_kpis(db.session, from_request(current_user), project, form.command(KpisIn))
    except DomainError as refused:
        db.session.rollback()
        apply_domain_error(form, refused)
        return _kpi_page(project_id, form, refused.status)
    db.session.flush()
    flash(_("The KPIs are saved."), "success")
    return redirect(url_for("outcomes.project_kpis", project_id=project_id))


@bp.get("/reports/sme/<int:organisation_id>")
@allowed("view", SmeOutcomesOf)
def sme_dashboard(organisation_id: int) -> str:
    board = dashboards.sme_dashboard(db.session, current_user, organisation_id)
    chart = change_chart(_("Change against the baseline"), board.averages, benchmark=False)
    return render_template("outcomes/sme.html", board=board, charts=[chart], phase_labels=PHASE_LABELS)


def _dimension() -> str:
    dimension = request.args.get("by", "region")
    if dimension not in DIMENSION_KEYS:
        abort(400)
    return dimension


@bp.get("/reports/overview")
@allowed("view", ProgrammeOverview)
def overview() -> str:
    board = programme_overview(db.session, current_user, _dimension(), current_language())
    return render_template("outcomes/overview.html", board=board, charts=overview_charts(board), dimensions=DIMENSIONS)


@bp.get("/reports/overview.<any(csv, xlsx):kind>")
@allowed("view", ProgrammeOverview)
def overview_export(kind: str) -> Response:
    board = programme_overview(db.session, current_user, _dimension(), "ko")
    body = overview_csv(board).encode("utf-8") if kind == "csv" else overview_xlsx(board)
    return download(body, f"programme-overview-{board.dimension}.{kind}")


@bp.get("/stats")
def stats() -> str:
    """Public: aggregates only, no log-in."""
    figures = public_stats(db.session, current_language())
    return render_template(
        "outcomes/stats.html", stats=figures, charts=stats_charts(figures), minimum=MIN_GROUP,
        benchmarked=benchmarked(figures.averages), smart_complexes=SMART_COMPLEXES,
    )  # fmt: skip
