"""/api/v1/programmes/<id>/members: a consortium's figures, and the lead's adding members and changing pledges."""

from __future__ import annotations

from typing import Any

from funds.consortia import services as consortia
from funds.consortia.commands import MemberIn, PledgeIn
from funds.consortia.figures import consortium_total, programme_members
from funds.consortia.policies import Consortium
from funds.schemas import ConsortiumOut
from marketplace.api import bp
from marketplace.api.conventions import dump, parse_body
from marketplace.api.openapi import creates, operation
from marketplace.auth.models import User
from marketplace.context import from_request
from marketplace.db import db
from marketplace.permissions import actor, requires

ERRORS = (400, 401, 403, 404, 409)


def consortium_body(consortium: Consortium, viewer: User) -> dict[str, Any]:
    rows = programme_members(db.session, consortium.programme.id)
    own = next((row for row in rows if row.organisation_id == viewer.organisation_id), None)
    body = {
        "programme_id": consortium.programme.id,
        "lead_organisation_id": consortium.lead_organisation_id,
        "total": consortium_total(rows),
        "own": own,
        "members": rows,
    }
    return dump(ConsortiumOut, body)


@bp.get("/programmes/<int:programme_id>/members")
@operation(
    "A consortium's members and figures, yours and the consortium's (its members, officers, admins)",
    "programmes",
    response=ConsortiumOut,
    errors=(401, 404),
)
@requires()
def list_members(programme_id: int) -> dict[str, Any]:
    return consortium_body(consortia.get_consortium(db.session, actor(), programme_id), actor())


@bp.post("/programmes/<int:programme_id>/members")
@creates("Add a sponsor firm with its pledge (the lead)", "programmes", MemberIn, ConsortiumOut, errors=ERRORS)
@requires()
def add_member(programme_id: int) -> tuple[dict[str, Any], int]:
    consortia.add_member(db.session, from_request(actor()), programme_id, parse_body(MemberIn))
    db.session.flush()
    return consortium_body(consortia.get_consortium(db.session, actor(), programme_id), actor()), 201


@bp.patch("/programmes/<int:programme_id>/members/<int:member_id>")
@operation(
    "Change a member's pledge (the lead); the pool changes by the difference",
    "programmes",
    body=PledgeIn,
    response=ConsortiumOut,
    errors=ERRORS,
)
@requires()
def change_pledge(programme_id: int, member_id: int) -> dict[str, Any]:
    consortia.change_pledge(db.session, from_request(actor()), programme_id, member_id, parse_body(PledgeIn))
    db.session.flush()
    return consortium_body(consortia.get_consortium(db.session, actor(), programme_id), actor())
