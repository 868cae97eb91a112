"""Register, log in, log out, change password, API tokens."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from marketplace.auth import bp
from marketplace.auth import services as accounts
from marketplace.auth.consents import CONSENT_ITEMS
from marketplace.auth.emails import shown_email
from marketplace.auth.forms import ApiTokenForm, ChangePasswordForm, LoginForm, RegisterForm
from marketplace.auth.models import ORGANISATION_ROLES, Role
from marketplace.auth.recovery import sign_up
from marketplace.auth.sessions import start_session
from marketplace.db import db
from marketplace.errors import DomainError
from marketplace.extensions import configured_limit, limiter
from marketplace.forms import apply_domain_error
from marketplace.i18n import current_language
from marketplace.organisations.services import OrganisationDetails
from marketplace.permissions import requires
from marketplace.security import safe_next_url

_login_limit = configured_limit("LOGIN_RATE_LIMIT")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def register() -> str | Response:
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            email = sign_up(db.session, _registration(form))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.flush()
            # The same page whether the address was new or had an account (its owner was emailed instead).
            hours = current_app.config["EMAIL_VERIFICATION_HOURS"]
            shown = shown_email(email)
            return render_template("auth/register_sent.html", email=form.email.data, hours=hours, shown=shown)
    roles = [r.value for r in ORGANISATION_ROLES]
    return render_template("auth/register.html", form=form, organisation_roles=roles, consent_items=CONSENT_ITEMS)


def _registration(form: RegisterForm) -> accounts.Registration:
    role = Role(form.role.data)
    organisation = None
    if role in ORGANISATION_ROLES:
        organisation = OrganisationDetails(business_number=form.business_number.data, **form.profile_values())
    return accounts.Registration(
        email=form.email.data,
        password=form.password.data,
        display_name=form.display_name.data,
        role=role,
        organisation=organisation,
        consents=form.given_consents(),
        locale=current_language(),
    )


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("The email or password is not right."))
        else:
            db.session.flush()
            start_session(user, remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next"), url_for("main.dashboard")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@requires()
def logout() -> Response:
    accounts.end_all_sessions(current_user)
    db.session.flush()
    logout_user()
    session.clear()
    flash(_("You have logged out. Every session of your account has ended."), "info")
    return redirect(url_for("main.home"))


@bp.route("/password", methods=["GET", "POST"])
@requires()
def change_password() -> str | Response:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(db.session, current_user, form.current_password.data, form.new_password.data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.flush()
            start_session(current_user._get_current_object())
            flash(_("Your password has changed. Other sessions have been logged out."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/change_password.html", form=form)


@bp.get("/")
@requires()
def profile() -> str:
    return render_template("auth/profile.html", token_form=ApiTokenForm(), new_token=None)


def _token_limit() -> str:
    return current_app.config["API_TOKEN_RATE_LIMIT"]


def _account_key() -> str:
    return f"account:{current_user.get_id()}"


@bp.post("/tokens")
@requires()
@limiter.limit(_token_limit, key_func=_account_key)
def create_token() -> str:
    form = ApiTokenForm()
    new_token = None
    if form.validate_on_submit():
        _token, new_token = accounts.create_api_token(db.session, current_user, form.name.data)
        db.session.flush()
    # Rendered, not redirected: the plain token is shown once and never stored, not even in a cookie.
    return render_template("auth/profile.html", token_form=form, new_token=new_token)


@bp.post("/tokens/<int:token_id>/revoke")
@requires()
def revoke_token(token_id: int) -> Response:
    accounts.revoke_api_token(db.session, current_user, token_id)
    db.session.flush()
    flash(_("The token has been revoked."), "info")
    return redirect(url_for("auth.profile"))
