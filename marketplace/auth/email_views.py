"""Pages behind the links we email: confirm an address, ask for and set a new password."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from marketplace.auth import bp, recovery
from marketplace.auth.emails import shown_email
from marketplace.auth.forms import ForgotPasswordForm, ResetPasswordForm
from marketplace.auth.models import TokenPurpose
from marketplace.auth.sessions import start_session
from marketplace.db import db
from marketplace.errors import DomainError
from marketplace.extensions import configured_limit, limiter
from marketplace.forms import apply_domain_error
from marketplace.permissions import requires

_login_limit = configured_limit("LOGIN_RATE_LIMIT")


def _link_refused(error: DomainError) -> tuple[str, int]:
    return render_template("auth/link_refused.html", message=error.message), 400


@bp.post("/verify")
@requires()
@limiter.limit(_login_limit)
def resend_verification() -> Response:
    recovery.send_verification(db.session, current_user)
    db.session.flush()
    flash(_("We sent a new link to %(email)s. It may take a minute to arrive.", email=current_user.email), "info")
    return redirect(url_for("main.dashboard"))


@bp.route("/verify/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def verify_email(token: str) -> str | Response | tuple[str, int]:
    """A page with one button: loading it changes nothing (mail scanners open links too); the POST confirms."""
    try:
        if request.method == "GET":
            recovery.live_token(db.session, TokenPurpose.VERIFY_EMAIL, token)
            return render_template("auth/verify.html")
        user = recovery.verify_email(db.session, token)  # CSRF is checked for every POST before any view
    except DomainError as error:
        return _link_refused(error)
    db.session.flush()
    confirmed = _("Thank you: your email address is confirmed.")
    if not current_user.is_authenticated:  # the link reached the mailbox: it opens the account it was sent for
        start_session(user)
        confirmed += " " + _("Welcome to Sangsaeng, %(name)s. Your next steps are below.", name=user.display_name)
    flash(confirmed, "success")
    return redirect(url_for("main.dashboard"))


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def forgot_password() -> str:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = recovery.request_password_reset(db.session, form.email.data)
        db.session.flush()
        # One answer whether or not an account has this address (no way to learn who is registered).
        return render_template("auth/forgot_sent.html", email=form.email.data, shown=shown_email(email))
    return render_template("auth/forgot.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token: str) -> str | Response | tuple[str, int]:
    form = ResetPasswordForm()
    try:
        recovery.live_token(db.session, TokenPurpose.RESET_PASSWORD, token)
        if form.validate_on_submit():
            recovery.reset_password(db.session, token, form.new_password.data)
            db.session.flush()
            _end_this_session()
            flash(_("Your new password is set and every session has ended. Log in with it."), "success")
            return redirect(url_for("auth.login"))
    except DomainError as error:
        if error.fields:
            apply_domain_error(form, error)
        else:
            return _link_refused(error)
    return render_template("auth/reset.html", form=form)


def _end_this_session() -> None:
    if current_user.is_authenticated:
        logout_user()
    session.clear()
