"""Supplier solutions: what differs from the other listings (empty values, filters, sorts, who sees what)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from marketplace.auth.models import Role, User
from marketplace.filters import ListingFilters, code_filter
from marketplace.listings import holds_code, in_budget
from marketplace.listings.kind import ListingKind
from marketplace.listings.services import get_listing
from marketplace.solutions.commands import SolutionFields
from marketplace.solutions.models import SOLUTION_MOVES, Solution, SolutionStatus

SORTS: dict[str, Callable[[], list[Any]]] = {
    "newest": lambda: [Solution.created_at.desc()],
    "price_asc": lambda: [Solution.price_min_krw.asc()],
    "price_desc": lambda: [Solution.price_max_krw.desc()],
    "installations": lambda: [Solution.installations.desc()],
}


@dataclass(frozen=True)
class SolutionFilters(ListingFilters):
    budget_doc = (
        "In KRW: solutions whose price range reaches at least this",
        "In KRW: solutions whose price range starts at most at this",
    )

    category: str = code_filter("solution_categories", "Solution category code, e.g. vision_quality")
    region: str = code_filter("regions", "Region code, e.g. gyeonggi; nationwide solutions always match")
    tier: str = code_filter("funding_tiers", "Funding tier")


def _conditions(filters: SolutionFilters, viewer: User | None) -> list[Any]:
    conditions: list[Any] = []
    if filters.category:
        conditions.append(holds_code(Solution.categories, "solution_categories", filters.category))
    if filters.region:  # a supplier serving the whole country serves every region
        conditions.append(holds_code(Solution.regions_served, "regions", filters.region, empty_means_any=True))
    if filters.tier:
        conditions.append(holds_code(Solution.funding_tiers, "funding_tiers", filters.tier))
    # A budget range finds the solutions whose price range overlaps it.
    return conditions + in_budget(filters, Solution.price_min_krw, Solution.price_max_krw)


SOLUTIONS = ListingKind(
    name="solution",
    plural="solutions",
    model=Solution,
    fields=SolutionFields,
    create=SolutionFields,
    author_role=Role.SUPPLIER,
    moves=SOLUTION_MOVES,
    open_status=SolutionStatus.ACTIVE,
    draft_status=SolutionStatus.ACTIVE,
    filters=SolutionFilters,
    sorts=SORTS,
    conditions=_conditions,
    # Optional fields: a null value means this.
    empty_values={"regions_served": [], "installations": 0, "notable_customers": ""},
)


def get_solution(session: Session, viewer: User | None, solution_id: int) -> Solution:
    return get_listing(session, SOLUTIONS, viewer, solution_id)
