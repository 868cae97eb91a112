"""/api/v1/solutions: the same rules as the pages, as JSON (marketplace.listings.api)."""

from __future__ import annotations

from datetime import datetime

from pydantic import AliasPath, Field

from marketplace.api import query
from marketplace.api.conventions import OutputSchema
from marketplace.listings.api import ListingApi, add_api
from marketplace.solutions.models import SolutionStatus
from marketplace.solutions.services import SOLUTIONS, SORTS

LIST_QUERY = query.listing(
    "spaces optional, typos tolerated in titles",
    filters=(
        query.code("category", "Solution category code, e.g. vision_quality", "solution_categories"),
        query.code("region", "Region code, e.g. gyeonggi; nationwide solutions always match", "regions"),
        query.code("tier", "Funding tier", "funding_tiers"),
    ),
    states=SolutionStatus,  # archived: your own only, unless officer or admin
    budget=(
        "In KRW: solutions whose price range reaches at least this",
        "In KRW: solutions whose price range starts at most at this",
    ),
    sorts=SORTS,
)


class SolutionOut(OutputSchema):
    id: int
    organisation_id: int
    # Read from solution.organisation.name (the Solution has no such column of its own).
    organisation_name: str = Field(validation_alias=AliasPath("organisation", "name"))
    title: str
    description: str
    categories: list[str]
    price_min_krw: int
    price_max_krw: int
    funding_tiers: list[str]
    regions_served: list[str]
    installations: int
    notable_customers: str
    status: str
    created_at: datetime
    updated_at: datetime


API = ListingApi(
    kind=SOLUTIONS,
    out=SolutionOut,
    query=LIST_QUERY,
    create_summary="List a solution (supplier)",
    move_summary="Archive or reactivate your solution",
)
add_api(API)
