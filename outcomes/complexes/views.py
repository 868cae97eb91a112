"""The public pages of the smart industrial complexes: /stats/complexes/ and /stats/complexes/<code>."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask_login import current_user

from marketplace.db import db
from marketplace.i18n import current_language
from marketplace.page_sections import HIDDEN, MIN_FIRMS
from marketplace.templating import ref_label
from outcomes.complexes.services import complex_index, complex_page

bp = Blueprint("complexes", __name__, url_prefix="/stats/complexes")


@bp.app_template_test("hidden_figure")
def hidden_figure(value: Any) -> bool:
    """A figure of fewer than MIN_FIRMS firms, which this viewer may not see."""
    return value is HIDDEN


@bp.app_template_filter("ref_complex")
def ref_complex(code: str) -> str:
    return ref_label("industrial_complexes", code)


@bp.get("/")
def index() -> str:
    """Public: every smart industrial complex and its tenants on the platform."""
    return render_template("outcomes/complexes/index.html", complexes=complex_index(db.session))


@bp.get("/<code>")
def show(code: str) -> str:
    """Public figures; officers and admins see every figure, per firm."""
    viewer = current_user if current_user.is_authenticated else None
    page = complex_page(db.session, viewer, code, current_language())
    return render_template("outcomes/complexes/show.html", page=page, minimum=MIN_FIRMS)
