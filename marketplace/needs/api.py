"""/api/v1/needs: the same rules as the pages, as JSON (marketplace.listings.api; filters: services.NeedFilters)."""

from __future__ import annotations

from marketplace.listings.api import ListingApi, add_api
from marketplace.needs.services import NEEDS

add_api(
    ListingApi(
        NEEDS,
        search="spaces optional, typos tolerated in titles",
        summaries=("Post a need (SME)", "Publish, start, close or withdraw your need"),
    )
)
