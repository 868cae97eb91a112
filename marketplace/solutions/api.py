"""/api/v1/solutions: the same rules as the pages, as JSON (marketplace.listings.api; filters: services)."""

from __future__ import annotations

from marketplace.listings.api import ListingApi, add_api
from marketplace.solutions.services import SOLUTIONS

# status=archived lists your own only, unless you are an officer or an admin.
add_api(
    ListingApi(
        SOLUTIONS,
        search="spaces optional, typos tolerated in titles",
        summaries=("List a solution (supplier)", "Archive or reactivate your solution"),
    )
)
