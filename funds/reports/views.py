"""Report pages: a sponsor's portfolio and a government programme's budget use, with charts and CSV export."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers.response import Response as BaseResponse

from funds.consortia.dashboards import memberships
from funds.models import Project
from funds.policies import Reports, SponsorReportOf
from funds.reports import services as reports
from funds.reports.evidence.formats import evidence_pdf, evidence_xlsx
from funds.reports.evidence.report import FIRST_YEAR, LAST_YEAR, evidence_report, sponsors
from funds.reports.formats import government_charts, government_csv, sponsor_charts, sponsor_csv
from marketplace import clock
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.evidence import record_kind_label
from marketplace.exports import download
from marketplace.i18n import current_language
from marketplace.permissions import allowed
from outcomes.dashboards import outcome_averages
from outcomes.formats import change_chart, government_xlsx, sponsor_xlsx
from outcomes.measures import benchmarked

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.get("/")
@allowed("open", Reports)
def index() -> str | BaseResponse:
    """A sponsor or an SME goes to its own report; officers and admins see every sponsor and programme."""
    if current_user.role == Role.SME:
        return redirect(url_for("outcomes.sme_dashboard", organisation_id=current_user.organisation_id or 0))
    if current_user.role == Role.SPONSOR:
        return redirect(url_for("reports.sponsor", organisation_id=current_user.organisation_id or 0))
    sponsors = reports.sponsor_reports(db.session, current_user, current_language())
    programmes = reports.government_reports(db.session, current_user, current_language())
    return render_template("reports/index.html", sponsors=sponsors, programmes=programmes)


@bp.get("/sponsors/<int:organisation_id>")
@allowed("view", SponsorReportOf)
def sponsor(organisation_id: int) -> str:
    report = reports.sponsor_report(db.session, current_user, organisation_id, current_language())
    averages = outcome_averages(db.session, Project.sponsor_organisation_id == organisation_id)
    charts = [*sponsor_charts(report), change_chart(_("KPI change across its SMEs"), benchmarked(averages))]
    consortia = memberships(db.session, organisation_id)  # each member's own figures beside its consortium's
    return render_template(
        "reports/sponsor.html", report=report, charts=charts, averages=averages, consortium_memberships=consortia
    )


@bp.get("/sponsors/<int:organisation_id>.<any(csv, xlsx):kind>")
@allowed("view", SponsorReportOf)
def sponsor_export(organisation_id: int, kind: str) -> Response:
    report = reports.sponsor_report(db.session, current_user, organisation_id, "ko")
    if kind == "csv":
        body = sponsor_csv(report).encode("utf-8")
    else:
        body = sponsor_xlsx(report, outcome_averages(db.session, Project.sponsor_organisation_id == organisation_id))
    return download(body, f"sponsor-report-{organisation_id}.{kind}")


@bp.get("/government/<int:programme_id>")
@allowed("view_any", Reports)
def government(programme_id: int) -> str:
    report = reports.government_report(db.session, current_user, programme_id, current_language())
    return render_template(
        "reports/government.html", report=report, charts=government_charts(report), dimensions=reports.DIMENSIONS
    )


@bp.get("/government/<int:programme_id>.<any(csv, xlsx):kind>")
@allowed("view_any", Reports)
def government_export(programme_id: int, kind: str) -> Response:
    report = reports.government_report(db.session, current_user, programme_id, "ko")
    body = government_csv(report).encode("utf-8") if kind == "csv" else government_xlsx(report)
    return download(body, f"government-programme-{programme_id}.{kind}")


def _evidence_organisation() -> int | None:
    """Whose report: a sponsor's own firm; an officer's or admin's `?organisation=<id>` (None: choose one)."""
    raw = request.args.get("organisation", "")
    if current_user.role == Role.SPONSOR and not raw:
        return current_user.organisation_id or 0
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18:
        abort(404)
    return int(raw)


@bp.get("/shared-growth/")
@allowed("view", SponsorReportOf)
def shared_growth_now() -> BaseResponse:
    organisation = request.args.get("organisation") or None
    return redirect(url_for("reports.shared_growth", year=clock.today().year, organisation=organisation))


@bp.get("/shared-growth/<int:year>")
@allowed("view", SponsorReportOf)
def shared_growth(year: int) -> str:
    """A sponsor's shared-growth evidence for one year: each figure with the records it counts."""
    organisation_id = _evidence_organisation()
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    if organisation_id is None:
        return render_template("reports/shared_growth_choose.html", year=year, sponsors=sponsors(db.session))
    report = evidence_report(db.session, current_user, organisation_id, year, current_language())
    return render_template("reports/shared_growth.html", report=report, record_kind_label=record_kind_label)


@bp.get("/shared-growth/<int:year>.<any(pdf, xlsx):kind>")
@allowed("view", SponsorReportOf)
def shared_growth_export(year: int, kind: str) -> Response:
    organisation_id = _evidence_organisation()
    if organisation_id is None:
        abort(404)
    report = evidence_report(db.session, current_user, organisation_id, year, current_language())
    body = evidence_pdf(report) if kind == "pdf" else evidence_xlsx(report)
    return download(body, f"shared-growth-{report.organisation_id}-{year}.{kind}")
