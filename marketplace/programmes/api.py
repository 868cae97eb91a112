"""/api/v1/programmes: the same rules as the pages, as JSON (marketplace.listings.api; filters: services)."""

from __future__ import annotations

from marketplace.listings.api import ListingApi, add_api
from marketplace.programmes.services import PROGRAMMES

add_api(
    ListingApi(
        PROGRAMMES,
        search="spaces optional, typos tolerated in names",
        summaries=("Create a programme (sponsor)", "Open or close your programme (action: open, close)"),
    )
)
