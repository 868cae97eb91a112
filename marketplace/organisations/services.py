"""Organisations: create, read and change, with the rules that hold for both forms and the API."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace import reference
from marketplace.auth.models import Role, User
from marketplace.errors import Conflict, NotFound, ValidationFailed
from marketplace.organisations.brn import InvalidBusinessNumber, normalise_brn
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.permissions import authorise, owns

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


# Shown only to the organisation's members, officers and admins (see README, "Who sees what").
PRIVATE_FIELDS = ("annual_revenue_krw", "contact_phone")


def can_see_private_details(viewer: User, organisation: Organisation) -> bool:
    return viewer.role in (Role.OFFICER, Role.ADMIN) or owns(viewer, organisation)


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


def _fail(field: str, message: object) -> ValidationFailed:
    return ValidationFailed(message, fields={field: [str(message)]})


def check_details(values: dict[str, object]) -> None:
    """Rules on the values themselves, shared by every way an organisation is written."""
    checks = {
        "ksic_division": ("ksic_divisions", _l("Choose a KSIC manufacturing division (10-34).")),
        "region": ("regions", _l("Choose a region.")),
        "smart_factory_level": ("smart_factory_levels", _l("Choose a smart-factory level.")),
    }
    if "name" in values and not str(values["name"] or "").strip():
        raise _fail("name", _l("Enter the organisation's name."))
    for field, (table, message) in checks.items():
        if field in values and values[field] not in reference.codes(table):
            raise _fail(field, message)
    complex_code = values.get("industrial_complex")
    if complex_code:
        if complex_code not in reference.codes("industrial_complexes"):
            raise _fail("industrial_complex", _l("Choose an industrial complex from the list."))
        if "region" in values and reference.complex_region(str(complex_code)) != values["region"]:
            raise _fail("industrial_complex", _l("This industrial complex is not in the chosen region."))
    for field in ("employees", "annual_revenue_krw"):
        value = values.get(field)
        if value is not None and (not isinstance(value, int) or value < 0):
            raise _fail(field, _l("Enter a whole number of zero or more."))


def create_organisation(session: Session, kind: OrganisationKind, details: OrganisationDetails) -> Organisation:
    """A new organisation with a valid, not yet registered business number."""
    values = asdict(details)
    try:
        values["business_number"] = normalise_brn(details.business_number)
    except InvalidBusinessNumber as exc:
        raise _fail("business_number", exc.args[0]) from exc
    check_details(values)
    taken = session.scalar(select(Organisation.id).where(Organisation.business_number == values["business_number"]))
    if taken is not None:
        message = _l("This organisation is already registered. Ask a colleague or an admin to add you.")
        raise Conflict(message, fields={"business_number": [str(message)]})
    organisation = Organisation(kind=kind, **values)
    session.add(organisation)
    session.flush()
    return organisation


def get_organisation(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_l("No such organisation."))
    return organisation


def update_organisation(session: Session, actor: User, organisation: Organisation, changes: dict) -> Organisation:
    """Change the editable fields of the actor's own organisation."""
    authorise(actor, organisation)
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationFailed(
            _l("These fields cannot be changed."), fields={f: [str(_l("Cannot be changed."))] for f in unknown}
        )
    merged = {field: getattr(organisation, field) for field in EDITABLE_FIELDS} | changes
    check_details(merged)
    for field, value in changes.items():
        setattr(organisation, field, value)
    session.flush()
    return organisation
