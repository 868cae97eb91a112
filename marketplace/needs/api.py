"""/api/v1/needs: the same rules as the pages, as JSON (marketplace.listings.api)."""

from __future__ import annotations

from datetime import date, datetime

from marketplace.api import query
from marketplace.api.conventions import OutputSchema
from marketplace.listings.api import ListingApi, add_api
from marketplace.needs.models import NeedStatus
from marketplace.needs.services import NEEDS, SORTS

LIST_QUERY = query.listing(
    "spaces optional, typos tolerated in titles",
    filters=(
        query.code("category", "Solution category code, e.g. mes", "solution_categories"),
        query.code("region", "Region code, e.g. gyeonggi", "regions"),
        query.code("complex", "Industrial complex code, e.g. sihwa", "industrial_complexes"),
        query.code("tier", "Funding tier", "funding_tiers"),
    ),
    states=NeedStatus,
    budget=("Smallest budget in KRW", "Largest budget in KRW"),
    sorts=SORTS,
)


class NeedOut(OutputSchema):
    id: int
    organisation_id: int
    organisation_name: str
    title: str
    description: str
    category: str
    funding_tier: str
    budget_krw: int
    region: str
    industrial_complex: str | None
    desired_start: date | None
    status: str
    created_at: datetime
    updated_at: datetime


API = ListingApi(
    kind=NEEDS,
    out=NeedOut,
    query=LIST_QUERY,
    create_summary="Post a need (SME)",
    move_summary="Publish, start, close or withdraw your need",
)
add_api(API)
