"""The demo world's listings: SME needs, supplier solutions and sponsor programmes (part of `flask seed-demo`).

The data lives in listings_data.py. Each listing is posted by its organisation's demo user, and is
identified by (organisation, title) — a programme by (organisation, name) — so only missing ones are
created and existing ones are never changed. Run after people.py has created the organisations and users.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.demo.listings_data import NEEDS, PROGRAMMES, SOLUTIONS, DemoNeed, DemoProgramme, DemoSolution
from marketplace.demo.people import demo_members
from marketplace.needs.models import Need, NeedStatus
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.solutions.models import Solution, SolutionStatus


@dataclass(frozen=True)
class _Listings:
    """One kind of demo listing and how its rows map onto the model."""

    model: Any
    kind: OrganisationKind  # the kind of organisation that posts it
    owner_field: str  # the row field holding the organisation's position in its demo_data table
    key_field: str  # the row field and column naming a listing within its organisation
    rows: Sequence[Any]
    build: Callable[[Any, Organisation, User], Any]


def seed_listings(session: Session) -> tuple[int, int, int]:
    """Create the missing demo needs, solutions and programmes; return how many of each."""
    needs = _seed(session, _Listings(Need, OrganisationKind.SME, "sme", "title", NEEDS, _new_need))
    solutions = _seed(
        session, _Listings(Solution, OrganisationKind.SUPPLIER, "supplier", "title", SOLUTIONS, _new_solution)
    )
    programmes = _seed(
        session, _Listings(SponsorProgramme, OrganisationKind.SPONSOR, "sponsor", "name", PROGRAMMES, _new_programme)
    )
    # The caller commits; flushing surfaces constraint errors here.
    session.flush()
    return needs, solutions, programmes


def _seed(session: Session, listings: _Listings) -> int:
    """Add the rows whose (organisation, title) is not stored yet; return how many."""
    model = listings.model
    members = demo_members(session, listings.kind)
    organisation_ids = [organisation.id for organisation, _user in members.values()]
    key_column = getattr(model, listings.key_field)
    stored = session.execute(
        select(model.organisation_id, key_column).where(model.organisation_id.in_(organisation_ids))
    )
    existing = {(organisation_id, key) for organisation_id, key in stored}
    created = 0
    for row in listings.rows:
        member = members.get(getattr(row, listings.owner_field))
        if member is None:  # the organisation or its demo user is gone: nothing to post it as
            continue
        organisation, user = member
        key = (organisation.id, getattr(row, listings.key_field))
        if key in existing:
            continue
        session.add(listings.build(row, organisation, user))
        existing.add(key)
        created += 1
    return created


def _new_need(row: DemoNeed, organisation: Organisation, author: User) -> Need:
    return Need(
        organisation_id=organisation.id,
        author_id=author.id,
        title=row.title,
        description=row.description,
        category=row.category,
        funding_tier=row.funding_tier,
        budget_krw=row.budget_krw,
        # A need is posted where its SME is (as post_need defaults it).
        region=organisation.region,
        industrial_complex=organisation.industrial_complex,
        desired_start=row.desired_start,
        status=NeedStatus(row.status),
    )


def _new_solution(row: DemoSolution, organisation: Organisation, author: User) -> Solution:
    return Solution(
        organisation_id=organisation.id,
        author_id=author.id,
        title=row.title,
        description=row.description,
        categories=list(row.categories),
        price_min_krw=row.price_min_krw,
        price_max_krw=row.price_max_krw,
        funding_tiers=list(row.funding_tiers),
        regions_served=list(row.regions_served),
        installations=row.installations,
        notable_customers=row.notable_customers,
        status=SolutionStatus(row.status),
    )


def _new_programme(row: DemoProgramme, organisation: Organisation, author: User) -> SponsorProgramme:
    return SponsorProgramme(
        organisation_id=organisation.id,
        author_id=author.id,
        name=row.name,
        description=row.description,
        pledged_pool_krw=row.pledged_pool_krw,
        per_project_cap_krw=row.per_project_cap_krw,
        sponsor_share_percent=row.sponsor_share_percent,
        focus_categories=list(row.focus_categories),
        focus_industries=list(row.focus_industries),
        focus_regions=list(row.focus_regions),
        focus_tiers=list(row.focus_tiers),
        applications_open_on=row.applications_open_on,
        applications_close_on=row.applications_close_on,
        offers_mentoring=row.offers_mentoring,
        status=ProgrammeStatus(row.status),
    )
