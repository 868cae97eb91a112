"""/api/v1/organisations/<id>/invitations: a manager invites colleagues by email, lists and withdraws them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from flask_babel import lazy_gettext as _l
from pydantic import EmailStr

from marketplace.api import bp
from marketplace.api.conventions import InputSchema, OutputSchema, dump, parse_body
from marketplace.api.openapi import creates, operation
from marketplace.db import db
from marketplace.errors import NotFound
from marketplace.extensions import configured_limit, limiter
from marketplace.organisations import invitations
from marketplace.organisations.models import Organisation
from marketplace.organisations.services import get_organisation
from marketplace.permissions import actor, requires
from marketplace.policy import can

_invite_limit = configured_limit("LOGIN_RATE_LIMIT")  # each invitation sends an email: as sparing as log-ins


class InvitationIn(InputSchema):
    email: EmailStr
    member_role: Literal["manager", "member"] = "member"
    language: Literal["ko", "en"] = "ko"


class InvitationOut(OutputSchema):
    id: int
    organisation_id: int
    email: str
    member_role: str
    created_at: datetime
    expires_at: datetime


class InvitationList(OutputSchema):
    items: list[InvitationOut]


def _members_of(organisation_id: int) -> Organisation:
    """The organisation whose colleagues the actor may see; another organisation's stay hidden (404)."""
    organisation = get_organisation(db.session, organisation_id)
    if not can(actor(), "view_members", organisation):
        raise NotFound(_l("No such organisation."))
    return organisation


@bp.get("/organisations/<int:organisation_id>/invitations")
@operation("Invitations waiting to be accepted", "organisations", response=InvitationList, errors=(401, 404))
@requires()
def list_invitations(organisation_id: int) -> dict[str, Any]:
    pending = invitations.pending_invitations(db.session, _members_of(organisation_id))
    return {"items": [dump(InvitationOut, invitation) for invitation in pending]}


@bp.post("/organisations/<int:organisation_id>/invitations")
@creates(
    "Invite a colleague by email (a manager only); the link is emailed", "organisations", InvitationIn, InvitationOut
)
@limiter.limit(_invite_limit)
@requires()
def create_invitation(organisation_id: int) -> tuple[dict[str, Any], int]:
    organisation = _members_of(organisation_id)
    body = parse_body(InvitationIn)
    invitation = invitations.invite_member(
        db.session, actor(), organisation, str(body.email), body.member_role, body.language
    )
    db.session.flush()
    return dump(InvitationOut, invitation), 201


@bp.delete("/organisations/<int:organisation_id>/invitations/<int:invitation_id>")
@operation("Withdraw an invitation (a manager only)", "organisations", status=204, errors=(401, 404))
@requires()
def delete_invitation(organisation_id: int, invitation_id: int) -> tuple[str, int]:
    invitations.revoke_invitation(db.session, actor(), _members_of(organisation_id), invitation_id)
    return "", 204
