"""Colleagues: the organisation's members and pending invitations, inviting by email, accepting an invitation."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from marketplace.auth.consents import CONSENT_ITEMS
from marketplace.auth.forms import AcceptInvitationForm
from marketplace.db import db
from marketplace.errors import Conflict, DomainError, NotFound, ValidationFailed
from marketplace.extensions import configured_limit, limiter
from marketplace.forms import apply_domain_error
from marketplace.i18n import current_language
from marketplace.organisations import bp, invitations
from marketplace.organisations.forms import InviteForm
from marketplace.organisations.services import get_organisation
from marketplace.permissions import requires
from marketplace.policy import can

_login_limit = configured_limit("LOGIN_RATE_LIMIT")


def _own_organisation(organisation_id: int):
    organisation = get_organisation(db.session, organisation_id)
    if not can(current_user, "view_members", organisation):
        raise NotFound(_l("There is no page at this address."))  # another organisation's colleagues stay hidden
    return organisation


@bp.route("/<int:organisation_id>/members", methods=["GET", "POST"])
@requires()
@limiter.limit(_login_limit, methods=["POST"])
def members(organisation_id: int) -> str | Response:
    organisation = _own_organisation(organisation_id)
    form = InviteForm(language=current_language())
    if form.validate_on_submit():
        try:
            invitation = invitations.invite_member(
                db.session, current_user, organisation, form.email.data, form.member_role.data, form.language.data
            )
        except (ValidationFailed, Conflict) as error:  # a refusal (not a manager) is the error page
            apply_domain_error(form, error)
        else:
            db.session.flush()
            flash(_("We emailed an invitation to %(email)s.", email=invitation.email), "success")
            return redirect(url_for("organisations.members", organisation_id=organisation.id))
    return render_template(
        "organisations/members.html",
        organisation=organisation,
        form=form,
        may_invite=invitations.can_invite(current_user, organisation),
        pending=invitations.pending_invitations(db.session, organisation),
    )


@bp.post("/<int:organisation_id>/invitations/<int:invitation_id>/revoke")
@requires()
def revoke_invitation(organisation_id: int, invitation_id: int) -> Response:
    organisation = _own_organisation(organisation_id)
    invitations.revoke_invitation(db.session, current_user, organisation, invitation_id)
    db.session.flush()
    flash(_("The invitation is withdrawn."), "info")
    return redirect(url_for("organisations.members", organisation_id=organisation.id))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def accept_invitation(token: str) -> str | Response | tuple[str, int]:
    try:
        invitation = invitations.live_invitation(db.session, token)
    except DomainError as error:
        return render_template("auth/link_refused.html", message=error.message), 400
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = invitations.accept_invitation(
                db.session, token, form.display_name.data, form.password.data, form.given_consents(), current_language()
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.flush()
            session.clear()
            login_user(user)
            flash(_("Welcome to %(organisation)s on Sangsaeng.", organisation=invitation.organisation.name), "success")
            return redirect(url_for("main.dashboard"))
    return render_template("organisations/accept.html", invitation=invitation, form=form, consent_items=CONSENT_ITEMS)
