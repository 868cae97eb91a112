"""Home page, the dashboard and the language switch."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace import clock, reference
from marketplace.auth.models import Role, User
from marketplace.db import db
from marketplace.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_AGE, LANGUAGES
from marketplace.listings import own_listings
from marketplace.main import bp
from marketplace.needs.models import Need
from marketplace.organisations.profile import profile_hint
from marketplace.page_sections import dashboard_panels
from marketplace.permissions import requires
from marketplace.policy import can
from marketplace.programmes.models import SponsorProgramme
from marketplace.security import safe_next_url
from marketplace.solutions.models import Solution
from marketplace.work_queue import work_queue


@bp.get("/")
def home() -> str:
    return render_template("main/home.html", categories=reference.SOLUTION_CATEGORIES)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Browsers and feed readers ask for /favicon.ico whatever the page says: answer with our icon."""
    static = current_app.static_folder or "static"
    return send_from_directory(static, "favicon.svg", mimetype="image/svg+xml", max_age=7 * 24 * 3600)


@bp.get("/dashboard")
@requires()
def dashboard() -> str:
    return render_template(
        "main/dashboard.html",
        work_queue=work_queue(db.session, current_user, clock.today()),
        **_profile_hint(current_user),
        **_own_listings(current_user),
        **dashboard_panels(db.session, current_user),  # a feature's panel may give its own profile hint (mentors)
    )


def _profile_hint(user: User) -> dict[str, object]:
    """The organisation profile's next step, for those who may take it (its managers)."""
    organisation = user.organisation
    if organisation is None or not can(user, "edit_profile", organisation):
        return {}
    return {"profile_hint": profile_hint(organisation)}


# What each organisation role posts, shown on its dashboard with the endpoint for a new one.
DASHBOARD_LISTINGS = {
    Role.SME: (Need, "needs"),
    Role.SUPPLIER: (Solution, "solutions"),
    Role.SPONSOR: (SponsorProgramme, "programmes"),
}


def _own_listings(user: User) -> dict[str, object]:
    """The listings of the user's organisation, whatever their state, for its dashboard, and what to do next."""
    if user.role not in DASHBOARD_LISTINGS or user.organisation_id is None:
        return {}
    model, area = DASHBOARD_LISTINGS[user.role]
    listings = own_listings(db.session, model, user.organisation_id)
    return {"own_listings": listings, "listing_area": area, "getting_started": _getting_started(user, listings)}


def _getting_started(user: User, listings: list) -> dict[str, bool]:
    """Which of a newcomer's first steps are done; the dashboard lists them until all are."""
    organisation = user.organisation
    steps = {
        "profile": organisation is not None and organisation.profile_complete,
        "post": bool(listings),
        "published": any(listing.status.value != "draft" for listing in listings),
    }
    return {} if all(steps.values()) else steps


@bp.post("/language")
def set_language() -> Response:
    """Remember the chosen language in a cookie and, for a logged-in user, on the account."""
    language = request.form.get("language", "")
    response = redirect(safe_next_url(request.form.get("next"), url_for("main.home")))
    if language in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_AGE, samesite="Lax", httponly=True)
        if current_user.is_authenticated:
            current_user.locale = language
            db.session.flush()
    return response
