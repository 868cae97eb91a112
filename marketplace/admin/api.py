"""/api/v1/organisations/<id>/operated-complexes: an admin says which industrial complexes an organisation
operates (a complex operator), as on the admin page."""

from __future__ import annotations

from typing import Any

from marketplace.admin.commands import OperatedComplexesIn
from marketplace.admin.services import set_operated_complexes
from marketplace.api import bp
from marketplace.api.conventions import OutputSchema, parse_body
from marketplace.api.openapi import operation
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.organisations.services import get_organisation
from marketplace.permissions import actor, requires


class OperatedComplexesOut(OutputSchema):
    organisation_id: int
    operated_complexes: list[str]
    is_complex_operator: bool


@bp.put("/organisations/<int:organisation_id>/operated-complexes")
@operation(
    "Set the industrial complexes an organisation operates (admins; [] for none); recorded in the admin edits",
    "organisations",
    body=OperatedComplexesIn,
    response=OperatedComplexesOut,
    errors=(400, 401, 403, 404),
)
@requires(Role.ADMIN)
def put_operated_complexes(organisation_id: int) -> dict[str, Any]:
    organisation = get_organisation(db.session, organisation_id)
    set_operated_complexes(db.session, actor(), organisation, parse_body(OperatedComplexesIn))
    return {
        "organisation_id": organisation.id,
        "operated_complexes": list(organisation.operated_complexes or []),
        "is_complex_operator": organisation.is_complex_operator,
    }
