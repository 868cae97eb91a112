"""Sponsor programmes: what differs from the other listings (the pledge, the window, filters, sorts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from marketplace.auth.models import Role, User
from marketplace.filters import ListingFilters, code_filter
from marketplace.listings import holds_code, in_budget
from marketplace.listings.kind import ListingKind
from marketplace.listings.services import get_listing
from marketplace.programmes.commands import ProgrammeFields, ProgrammeIn
from marketplace.programmes.models import FOCUS_TABLES, PROGRAMME_MOVES, ProgrammeStatus, SponsorProgramme

SORTS: dict[str, Callable[[], list[Any]]] = {
    "newest": lambda: [SponsorProgramme.created_at.desc()],
    "pool_desc": lambda: [SponsorProgramme.pledged_pool_krw.desc()],
    "cap_desc": lambda: [SponsorProgramme.per_project_cap_krw.desc()],
    "closing_soon": lambda: [SponsorProgramme.applications_close_on.asc()],
}


@dataclass(frozen=True)
class ProgrammeFilters(ListingFilters):
    budget_doc = ("Smallest cap per project in KRW", "Largest cap per project in KRW")

    category: str = code_filter("solution_categories", "Solution category code; programmes open to any match too")
    industry: str = code_filter("ksic_divisions", "KSIC division; programmes open to any match too")
    region: str = code_filter("regions", "Region code; programmes open to any match too")
    tier: str = code_filter("funding_tiers", "Funding tier; programmes open to any match too")


def _conditions(filters: ProgrammeFilters, viewer: User | None) -> list[Any]:
    conditions: list[Any] = []
    for code, field in (
        (filters.category, "focus_categories"),
        (filters.industry, "focus_industries"),
        (filters.region, "focus_regions"),
        (filters.tier, "focus_tiers"),
    ):
        if code:
            conditions.append(
                holds_code(getattr(SponsorProgramme, field), FOCUS_TABLES[field], code, empty_means_any=True)
            )
    return conditions + in_budget(filters, SponsorProgramme.per_project_cap_krw)


def _mentoring_unless_said(values: dict[str, Any], actor: User) -> dict[str, Any]:
    """Mentoring is not offered unless said so."""
    return values if values.get("offers_mentoring") is not None else values | {"offers_mentoring": False}


# What must follow a programme's pledge in the same transaction: funds' ledger pool (funds.ledger.pools.sync_pledge,
# which refuses a pool cut below what projects committed). The app factory registers it: listings never name funds.
PledgeFollower = Callable[[Session, int, User | None], object]
PLEDGE_FOLLOWERS: dict[str, PledgeFollower] = {}


def follow_pledges(name: str, follower: PledgeFollower) -> None:
    PLEDGE_FOLLOWERS[name] = follower  # by name: a second app in the same process registers the same one


def _pledge_set(session: Session, programme: SponsorProgramme, actor: User) -> None:
    # A pool cut below what projects already committed is refused here (409), and nothing is written.
    for follower in PLEDGE_FOLLOWERS.values():
        follower(session, programme.id, actor)


PROGRAMMES = ListingKind(
    name="programme",
    plural="programmes",
    model=SponsorProgramme,
    fields=ProgrammeFields,
    create=ProgrammeIn,
    author_role=Role.SPONSOR,
    moves=PROGRAMME_MOVES,
    open_status=ProgrammeStatus.OPEN,
    draft_status=ProgrammeStatus.DRAFT,
    filters=ProgrammeFilters,
    sorts=SORTS,
    conditions=_conditions,
    empty_values=dict.fromkeys(FOCUS_TABLES, []),  # a missing or cleared focus list means "any"
    creation_defaults=_mentoring_unless_said,
    after_write=_pledge_set,
)


def get_programme(session: Session, viewer: User | None, programme_id: int) -> SponsorProgramme:
    return get_listing(session, PROGRAMMES, viewer, programme_id)


def application_window(programme: SponsorProgramme, today: date) -> str:
    """'upcoming', 'open' or 'closed': where today falls in the programme's application window."""
    if programme.status == ProgrammeStatus.CLOSED or today > programme.applications_close_on:
        return "closed"
    return "upcoming" if today < programme.applications_open_on else "open"
