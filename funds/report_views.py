"""Report pages: a sponsor's portfolio and a government programme's budget use, with charts and CSV export."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers.response import Response as BaseResponse

from funds import reports
from funds.report_formats import government_charts, government_csv, sponsor_charts, sponsor_csv
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.i18n import current_language
from marketplace.permissions import requires

bp = Blueprint("reports", __name__, url_prefix="/reports")
VIEWERS = (Role.SPONSOR, Role.OFFICER, Role.ADMIN)


def _csv_response(body: str, filename: str) -> Response:
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )


@bp.get("/")
@requires(*VIEWERS)
def index() -> str | BaseResponse:
    """A sponsor goes to its own report; officers and admins see every sponsor and programme."""
    if current_user.role == Role.SPONSOR:
        return redirect(url_for("reports.sponsor", organisation_id=current_user.organisation_id or 0))
    sponsors = reports.sponsor_reports(db.session, current_user, current_language())
    programmes = reports.government_reports(db.session, current_user, current_language())
    return render_template("reports/index.html", sponsors=sponsors, programmes=programmes)


@bp.get("/sponsors/<int:organisation_id>")
@requires(*VIEWERS)
def sponsor(organisation_id: int) -> str:
    report = reports.sponsor_report(db.session, current_user, organisation_id, current_language())
    return render_template("reports/sponsor.html", report=report, charts=sponsor_charts(report))


@bp.get("/sponsors/<int:organisation_id>.csv")
@requires(*VIEWERS)
def sponsor_export(organisation_id: int) -> Response:
    report = reports.sponsor_report(db.session, current_user, organisation_id, "ko")
    return _csv_response(sponsor_csv(report), f"sponsor-report-{organisation_id}.csv")


@bp.get("/government/<int:programme_id>")
@requires(Role.OFFICER, Role.ADMIN)
def government(programme_id: int) -> str:
    report = reports.government_report(db.session, current_user, programme_id, current_language())
    return render_template(
        "reports/government.html", report=report, charts=government_charts(report), dimensions=reports.DIMENSIONS
    )


@bp.get("/government/<int:programme_id>.csv")
@requires(Role.OFFICER, Role.ADMIN)
def government_export(programme_id: int) -> Response:
    report = reports.government_report(db.session, current_user, programme_id, "ko")
    return _csv_response(government_csv(report), f"government-programme-{programme_id}.csv")
