"""The demo world's people: Korean SMEs, sponsor firms, suppliers, mentors and staff to log in as.

The data lives in data.py; this module turns it into rows, creating only what is missing. world.py seeds
them first, then what they post and do (listings.py, mentors.py, projects.py), which find them here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.auth.models import MemberRole, Role, User
from marketplace.auth.passwords import hash_password
from marketplace.db import utcnow
from marketplace.demo.data import (
    ADMIN_NAME,
    MENTORS,
    OFFICER_NAME,
    SMES,
    SPONSORS,
    SUPPLIERS,
    TAX_OFFICE_BY_COMPLEX,
    TAX_OFFICE_BY_REGION,
    DemoOrganisation,
)
from marketplace.organisations.brn import complete_brn
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.reference import complex_region

DEMO_PASSWORD = "demo-pass-2026"
DEMO_DOMAIN = "sangsaeng-demo.kr"
# The accounts the README lists.
DEMO_LOGINS = {
    "sme@sangsaeng-demo.kr": Role.SME,
    "sme2@sangsaeng-demo.kr": Role.SME,
    "sponsor@sangsaeng-demo.kr": Role.SPONSOR,
    "operator@sangsaeng-demo.kr": Role.SPONSOR,  # 한국산업단지공단, the complex operator (demo/training.py)
    "supplier@sangsaeng-demo.kr": Role.SUPPLIER,
    "mentor@sangsaeng-demo.kr": Role.MENTOR,
    "officer@sangsaeng-demo.kr": Role.OFFICER,
    "admin@sangsaeng-demo.kr": Role.ADMIN,
}


def welcome(site_url: str) -> str:
    """What `make run` prints once the server answers: where to open it and who to log in as."""
    width = max(len(email) for email in DEMO_LOGINS)
    logins = "\n".join(f"  {email:<{width}}  {role.value}" for email, role in DEMO_LOGINS.items())
    rule = "=" * 64
    return (
        f"{rule}\nSangsaeng is ready: open {site_url}\n"
        f"Demo logins (password {DEMO_PASSWORD}):\n{logins}\n"
        f"Stop the server with Ctrl+C.\n{rule}"
    )


# A business number's middle two digits: 81 marks a corporation's head office, as every demo firm is.
_CORPORATION_CODE = "81"
# Each kind numbers its organisations from its own base, so appending a row to one table never
# shifts the business numbers of another.
_SERIAL_BASES = {OrganisationKind.SPONSOR: 1000, OrganisationKind.SME: 3000, OrganisationKind.SUPPLIER: 5000}
_ORGANISATION_TABLES: tuple[tuple[OrganisationKind, Role, Sequence[DemoOrganisation]], ...] = (
    (OrganisationKind.SME, Role.SME, SMES),
    (OrganisationKind.SPONSOR, Role.SPONSOR, SPONSORS),
    (OrganisationKind.SUPPLIER, Role.SUPPLIER, SUPPLIERS),
)


@dataclass(frozen=True)
class _DemoUser:
    email: str
    display_name: str
    role: Role
    organisation: Organisation | None = None


def demo_email(role: Role, number: int) -> str:
    """The login of a role's number-th demo account: sme@, sme2@, sme03@ … (the first ones are in the README)."""
    if number == 1:
        local = role.value
    elif role is Role.SME and number == 2:
        local = "sme2"
    else:
        local = f"{role.value}{number:02d}"
    return f"{local}@{DEMO_DOMAIN}"


def demo_business_number(kind: OrganisationKind, number: int, row: DemoOrganisation) -> str:
    """The valid, stable business number of a kind's number-th demo organisation."""
    if row.industrial_complex in TAX_OFFICE_BY_COMPLEX:
        office = TAX_OFFICE_BY_COMPLEX[row.industrial_complex]
    else:
        office = TAX_OFFICE_BY_REGION[_region(row)]
    return complete_brn(f"{office}{_CORPORATION_CODE}{_SERIAL_BASES[kind] + number:04d}")


def _region(row: DemoOrganisation) -> str:
    return row.region or complex_region(row.industrial_complex or "")


def _new_organisation(kind: OrganisationKind, business_number: str, row: DemoOrganisation) -> Organisation:
    return Organisation(
        kind=kind,
        name=row.name,
        name_en=row.name_en,
        business_number=business_number,
        ksic_division=row.ksic_division,
        region=_region(row),
        industrial_complex=row.industrial_complex,
        employees=row.employees,
        annual_revenue_krw=row.annual_revenue_krw,
        smart_factory_level=row.smart_factory_level,
        contact_phone=row.contact_phone,
    )


def _planned_organisations() -> list[tuple[OrganisationKind, Role, int, DemoOrganisation, str]]:
    """Every demo organisation: its kind, its user's role, its row number (from 1), its row, its business number."""
    return [
        (kind, role, number, row, demo_business_number(kind, number, row))
        for kind, role, rows in _ORGANISATION_TABLES
        for number, row in enumerate(rows, start=1)
    ]


def demo_members(session: Session, kind: OrganisationKind) -> dict[int, tuple[Organisation, User]]:
    """The stored demo organisations of one kind by row number (1 = the table's first row), each with its
    demo user; an organisation whose user is missing, or belongs elsewhere, is left out."""
    planned = [
        (number, business_number, demo_email(role, number))
        for planned_kind, role, number, _row, business_number in _planned_organisations()
        if planned_kind is kind
    ]
    organisations = {
        organisation.business_number: organisation
        for organisation in session.scalars(
            select(Organisation).where(Organisation.business_number.in_([bn for _, bn, _ in planned]))
        )
    }
    users = {
        user.email: user
        for user in session.scalars(select(User).where(User.email.in_([email for *_, email in planned])))
    }
    members = {}
    for number, business_number, email in planned:
        organisation, user = organisations.get(business_number), users.get(email)
        if organisation is not None and user is not None and user.organisation_id == organisation.id:
            members[number] = (organisation, user)
    return members


def seed_organisations(session: Session) -> tuple[int, list[_DemoUser]]:
    """Create the missing demo organisations; return how many, and the user each one should have."""
    planned = _planned_organisations()
    numbers = [business_number for *_, business_number in planned]
    existing = {
        organisation.business_number: organisation
        for organisation in session.scalars(select(Organisation).where(Organisation.business_number.in_(numbers)))
    }
    created = 0
    users = []
    for kind, role, number, row, business_number in planned:
        organisation = existing.get(business_number)
        if organisation is None:
            organisation = _new_organisation(kind, business_number, row)
            session.add(organisation)
            created += 1
        users.append(_DemoUser(demo_email(role, number), row.contact_name, role, organisation))
    return created, users


def individual_users() -> list[_DemoUser]:
    """The demo users who belong to no organisation: mentors, the officer and the admin."""
    mentors = [_DemoUser(demo_email(Role.MENTOR, n), m.name, Role.MENTOR) for n, m in enumerate(MENTORS, start=1)]
    return [
        *mentors,
        _DemoUser(demo_email(Role.OFFICER, 1), OFFICER_NAME, Role.OFFICER),
        _DemoUser(demo_email(Role.ADMIN, 1), ADMIN_NAME, Role.ADMIN),
    ]


def seed_users(session: Session, users: list[_DemoUser]) -> int:
    """Create the users whose email is not taken yet; return how many."""
    emails = [user.email for user in users]
    taken = set(session.scalars(select(User.email).where(User.email.in_(emails))))
    missing = [user for user in users if user.email not in taken]
    if not missing:
        return 0
    # One hash shared by every demo account: argon2 at full cost would take ~10 s for all 78.
    password_hash = hash_password(DEMO_PASSWORD)
    for user in missing:
        session.add(
            User(
                email=user.email,
                password_hash=password_hash,
                display_name=user.display_name,
                role=user.role,
                organisation=user.organisation,
                locale=None,
                active=True,
                email_verified_at=utcnow(),  # demo accounts are ready to use: their addresses count as confirmed
                member_role=MemberRole.MANAGER if user.organisation else None,
            )
        )
    return len(missing)
