"""Home page, the dashboard and the language switch."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace import reference
from marketplace.auth.models import Role, User
from marketplace.db import db
from marketplace.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_AGE, LANGUAGES
from marketplace.main import bp
from marketplace.needs.services import NeedFilters, search_needs
from marketplace.permissions import requires
from marketplace.security import safe_next_url


@bp.get("/")
def home() -> str:
    return render_template("main/home.html", categories=reference.SOLUTION_CATEGORIES)


@bp.get("/dashboard")
@requires()
def dashboard() -> str:
    return render_template("main/dashboard.html", **_own_listings(current_user))


def _own_listings(user: User) -> dict[str, object]:
    """The listings of the user's organisation, whatever their state, for its dashboard."""
    if user.role == Role.SME:
        filters = NeedFilters(organisation_id=user.organisation_id, sort="newest", per_page=50)
        return {"own_needs": search_needs(db.session, user, filters).items}
    return {}


@bp.post("/language")
def set_language() -> Response:
    """Remember the chosen language in a cookie and, for a logged-in user, on the account."""
    language = request.form.get("language", "")
    response = redirect(safe_next_url(request.form.get("next"), url_for("main.home")))
    if language in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_AGE, samesite="Lax", httponly=True)
        if current_user.is_authenticated:
            current_user.locale = language
            db.session.commit()
    return response
