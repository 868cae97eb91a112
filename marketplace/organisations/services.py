"""Organisations: create, read and change, with the rules that hold for both forms and the API."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.audit import record_admin_edit
from marketplace.auth.models import User
from marketplace.errors import Conflict, NotFound, ValidationFailed
from marketplace.organisations.brn import InvalidBusinessNumber, normalise_brn
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.policy import NOT_YOURS, ensure
from marketplace.validation import (
    MAX_REVENUE_KRW,
    NAME_CHARS,
    check_code,
    check_complex_in_region,
    check_count,
    check_text,
    fail,
)

# The fields an organisation's own members may change (the business number identifies it: fixed).
EDITABLE_FIELDS = (
    "name",
    "name_en",
    "ksic_division",
    "region",
    "industrial_complex",
    "employees",
    "annual_revenue_krw",
    "smart_factory_level",
    "contact_phone",
)


# Shown only to the organisation's members, officers and admins (see docs/listings.md, "Who sees what").
PRIVATE_FIELDS = ("annual_revenue_krw", "contact_phone")


@dataclass(frozen=True)
class OrganisationDetails:
    name: str
    business_number: str
    ksic_division: str
    region: str
    industrial_complex: str | None = None
    employees: int = 0
    annual_revenue_krw: int = 0
    smart_factory_level: str = "none"
    name_en: str | None = None
    contact_phone: str | None = None


def check_details(values: dict[str, object]) -> None:
    """Rules on the values themselves, shared by every way an organisation is written."""
    check_text(values, "name", NAME_CHARS)
    check_text(values, "name_en", NAME_CHARS, required=False)
    check_code(values, "ksic_division", "ksic_divisions")
    check_code(values, "region", "regions")
    check_code(values, "industrial_complex", "industrial_complexes", required=False)
    check_complex_in_region(values)
    check_code(values, "smart_factory_level", "smart_factory_levels")
    check_count(values, "employees", required=True)
    check_count(values, "annual_revenue_krw", maximum=MAX_REVENUE_KRW, required=True)
    check_text(values, "contact_phone", 30, required=False)


def create_organisation(session: Session, kind: OrganisationKind, details: OrganisationDetails) -> Organisation:
    """A new organisation with a valid, not yet registered business number."""
    organisation = Organisation(kind=kind, **checked_new_organisation(session, details))
    session.add(organisation)
    session.flush()
    return organisation


def checked_new_organisation(session: Session, details: OrganisationDetails) -> dict[str, Any]:
    """The details of an organisation to create, normalised, or the field's error (nothing is written)."""
    values = asdict(details)
    try:
        values["business_number"] = normalise_brn(details.business_number)
    except InvalidBusinessNumber as exc:
        raise fail("business_number", exc.args[0]) from exc
    check_details(values)
    taken = session.scalar(select(Organisation.id).where(Organisation.business_number == values["business_number"]))
    if taken is not None:
        message = _l("This organisation is already registered. Ask a colleague or an admin to add you.")
        raise Conflict(message, fields={"business_number": [str(message)]})
    return values


def get_organisation(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_l("No such organisation."))
    return organisation


def update_organisation(session: Session, actor: User, organisation: Organisation, changes: dict) -> Organisation:
    """Change the editable fields of the actor's own organisation."""
    ensure(actor, "edit", organisation, NOT_YOURS)
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationFailed(
            _l("These fields cannot be changed."), fields={f: [str(_l("Cannot be changed."))] for f in unknown}
        )
    merged = {field: getattr(organisation, field) for field in EDITABLE_FIELDS} | changes
    check_details(merged)
    record_admin_edit(session, actor, organisation, "edit", changes)
    for field, value in changes.items():
        setattr(organisation, field, value)
    session.flush()
    return organisation
