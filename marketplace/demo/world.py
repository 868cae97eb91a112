"""The demo world (`flask seed-demo`): its people first, then the listings they post, the mentoring and the
co-investment projects, each seeded by its own module and created only where missing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from marketplace.demo.benefits import seed_benefits
from marketplace.demo.consortia import seed_consortia
from marketplace.demo.listings import seed_listings
from marketplace.demo.mentors import seed_mentors
from marketplace.demo.people import individual_users, seed_organisations, seed_users
from marketplace.demo.profiles import seed_profiles
from marketplace.demo.projects import seed_projects
from marketplace.demo.training import seed_training


@dataclass
class SeedReport:
    organisations_created: int
    users_created: int
    needs_created: int = 0
    solutions_created: int = 0
    programmes_created: int = 0
    mentor_profiles_created: int = 0
    engagements_created: int = 0
    projects_created: int = 0
    service_offers_created: int = 0
    consortia_created: int = 0
    courses_created: int = 0


def seed_demo(session: Session) -> SeedReport:
    """Create the demo world; idempotent: a second run creates nothing and changes nothing."""
    organisations_created, organisation_users = seed_organisations(session)
    users_created = seed_users(session, organisation_users + individual_users())
    # The caller commits; flushing here gives the rows their ids and surfaces constraint errors now.
    session.flush()
    seed_profiles(session)
    needs_created, solutions_created, programmes_created = seed_listings(session)
    mentor_profiles_created, engagements_created = seed_mentors(session)
    projects_created = seed_projects(session)
    service_offers_created = seed_benefits(session)
    consortia_created = seed_consortia(session)
    courses_created = seed_training(session)
    return SeedReport(
        organisations_created=organisations_created,
        users_created=users_created,
        needs_created=needs_created,
        solutions_created=solutions_created,
        programmes_created=programmes_created,
        mentor_profiles_created=mentor_profiles_created,
        engagements_created=engagements_created,
        projects_created=projects_created,
        service_offers_created=service_offers_created,
        consortia_created=consortia_created,
        courses_created=courses_created,
    )
