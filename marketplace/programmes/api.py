"""/api/v1/programmes: the same rules as the pages, as JSON (marketplace.listings.api)."""

from __future__ import annotations

from datetime import date, datetime

from marketplace.api import query
from marketplace.api.conventions import OutputSchema
from marketplace.listings.api import ListingApi, add_api
from marketplace.programmes.models import ProgrammeStatus
from marketplace.programmes.services import PROGRAMMES, SORTS

LIST_QUERY = query.listing(
    "spaces optional, typos tolerated in names",
    filters=tuple(
        query.code(name, f"{what}; programmes open to any match too", table)
        for name, what, table in (
            ("category", "Solution category code", "solution_categories"),
            ("industry", "KSIC division", "ksic_divisions"),
            ("region", "Region code", "regions"),
            ("tier", "Funding tier", "funding_tiers"),
        )
    ),
    states=ProgrammeStatus,
    budget=("Smallest cap per project in KRW", "Largest cap per project in KRW"),
    sorts=SORTS,
)


class ProgrammeOut(OutputSchema):
    id: int
    organisation_id: int
    organisation_name: str
    name: str
    description: str
    pledged_pool_krw: int
    per_project_cap_krw: int
    sponsor_share_percent: int
    focus_categories: list[str]
    focus_industries: list[str]
    focus_regions: list[str]
    focus_tiers: list[str]
    applications_open_on: date
    applications_close_on: date
    offers_mentoring: bool
    status: str
    created_at: datetime
    updated_at: datetime


API = ListingApi(
    kind=PROGRAMMES,
    out=ProgrammeOut,
    query=LIST_QUERY,
    create_summary="Create a programme (sponsor)",
    move_summary="Open or close your programme (action: open, close)",
)
add_api(API)
