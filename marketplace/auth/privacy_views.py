"""The privacy page: what the user agreed to (optional items can be withdrawn), their data, closing the account."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from marketplace.account_data import close_account, export_data
from marketplace.auth import bp
from marketplace.auth.consents import CONSENT_ITEMS, consents_of, set_optional_consent
from marketplace.auth.forms import CloseAccountForm
from marketplace.db import db, utcnow
from marketplace.errors import DomainError
from marketplace.extensions import configured_limit, limiter
from marketplace.forms import apply_domain_error
from marketplace.permissions import requires

_login_limit = configured_limit("LOGIN_RATE_LIMIT")


@bp.get("/privacy")
@requires()
def privacy() -> str:
    given = consents_of(db.session, current_user)
    live = {c.item for c in given if c.withdrawn_at is None}
    return render_template("auth/privacy.html", items=CONSENT_ITEMS, consents=given, live=live)


@bp.post("/privacy/<item>")
@requires()
def set_consent(item: str) -> WerkzeugResponse:
    set_optional_consent(db.session, current_user, item, agree=request.form.get("agree") == "1")
    db.session.flush()
    flash(_("Your choice is saved."), "success")
    return redirect(url_for("auth.privacy"))


@bp.get("/data.json")
@requires()
def download_data() -> Response:
    """The user's own data as a JSON file (JSON carries no formulas: nothing to neutralise)."""
    body = json.dumps(export_data(db.session, current_user), ensure_ascii=False, indent=2)
    name = f"sangsaeng-my-data-{utcnow():%Y%m%d}.json"
    return Response(
        body, mimetype="application/json", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@bp.route("/close", methods=["GET", "POST"])
@requires()
@limiter.limit(_login_limit, methods=["POST"])
def close() -> str | WerkzeugResponse:
    form = CloseAccountForm()
    if form.validate_on_submit():
        try:
            close_account(db.session, current_user, form.password.data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.flush()
            logout_user()
            session.clear()
            flash(_("Your account is closed. Thank you for using Sangsaeng."), "info")
            return redirect(url_for("main.home"))
    return render_template("auth/close.html", form=form)
