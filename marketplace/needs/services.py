"""SME needs: what differs from the other listings (place defaults, filters, sorts, who sees what)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace import reference
from marketplace.auth.models import Role, User
from marketplace.filters import ListingFilters, code_filter
from marketplace.listings import in_budget
from marketplace.listings.kind import ListingKind
from marketplace.listings.services import get_listing, search_listings
from marketplace.needs.commands import NeedFields, NeedIn
from marketplace.needs.models import NEED_MOVES, Need, NeedStatus
from marketplace.search import Page

SORTS: dict[str, Callable[[], list[Any]]] = {
    "newest": lambda: [Need.created_at.desc()],
    "budget_desc": lambda: [Need.budget_krw.desc()],
    "budget_asc": lambda: [Need.budget_krw.asc()],
    "start": lambda: [Need.desired_start.asc()],
}


@dataclass(frozen=True)
class NeedFilters(ListingFilters):
    budget_doc = ("Smallest budget in KRW", "Largest budget in KRW")

    category: str = code_filter("solution_categories", "Solution category code, e.g. mes")
    region: str = code_filter("regions", "Region code, e.g. gyeonggi")
    complex: str = code_filter("industrial_complexes", "Industrial complex code, e.g. sihwa")
    tier: str = code_filter("funding_tiers", "Funding tier")


def _conditions(filters: NeedFilters, viewer: User | None) -> list[Any]:
    conditions: list[Any] = []
    if filters.category:
        conditions.append(Need.category == filters.category)
    if filters.region:
        conditions.append(Need.region == filters.region)
    if filters.complex:
        conditions.append(Need.industrial_complex == filters.complex)
    if filters.tier:
        conditions.append(Need.funding_tier == filters.tier)
    if viewer is not None:  # budgets are not public, so neither is filtering by them
        conditions += in_budget(filters, Need.budget_krw)
    return conditions


def _with_place_defaults(values: dict[str, Any], actor: User) -> dict[str, Any]:
    """Region and complex default to the organisation's; a complex alone implies its region."""
    values = dict(values)
    # Only a region left out takes a default: an empty one is checked, and refused, like any code off the list.
    if values.get("region") is None:
        if values.get("industrial_complex") in reference.codes("industrial_complexes"):
            values["region"] = reference.complex_region(values["industrial_complex"])
        else:
            organisation: Any = actor.organisation  # an author has one: ensure_author checked it
            values["region"] = organisation.region
            values["industrial_complex"] = values.get("industrial_complex") or organisation.industrial_complex
    return values


NEEDS = ListingKind(
    name="need",
    plural="needs",
    model=Need,
    fields=NeedFields,
    create=NeedIn,
    author_role=Role.SME,
    moves=NEED_MOVES,
    open_status=NeedStatus.OPEN,
    draft_status=NeedStatus.DRAFT,
    filters=NeedFilters,
    sorts=SORTS,
    conditions=_conditions,
    creation_defaults=_with_place_defaults,
    final_states=(NeedStatus.CLOSED, NeedStatus.WITHDRAWN),
    final_message=_l("A closed or withdrawn need can no longer be changed."),
)


def get_need(session: Session, viewer: User | None, need_id: int) -> Need:
    return get_listing(session, NEEDS, viewer, need_id)


def search_needs(session: Session, viewer: User | None, filters: NeedFilters) -> Page[Need]:
    return search_listings(session, NEEDS, viewer, filters)
