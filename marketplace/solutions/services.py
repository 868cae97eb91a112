"""Supplier solutions: list, change, archive and reactivate, find."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.audit import record_admin_edit
from marketplace.auth.models import User
from marketplace.filters import ListingFilters
from marketplace.listings import (
    ensure_author,
    ensure_owner,
    get_listing,
    holds_code,
    transition_listing,
    visible_condition,
)
from marketplace.search import Page, paginate
from marketplace.solutions.models import SOLUTION_MOVES, Solution, SolutionStatus
from marketplace.solutions.policies import MEMBER_STATES as MEMBER_STATES  # importing registers the policy
from marketplace.solutions.policies import PUBLIC_STATES as PUBLIC_STATES
from marketplace.validation import (
    LONG_TEXT_CHARS,
    NOTE_CHARS,
    TITLE_CHARS,
    check_amount,
    check_codes,
    check_count,
    check_order,
    check_text,
)

EDITABLE_FIELDS = (
    "title",
    "description",
    "categories",
    "price_min_krw",
    "price_max_krw",
    "funding_tiers",
    "regions_served",
    "installations",
    "notable_customers",
)
CODE_SET_FIELDS = ("categories", "funding_tiers", "regions_served")
# Optional fields: a null value means this.
EMPTY_VALUES: dict[str, Any] = {"regions_served": [], "installations": 0, "notable_customers": ""}
# Suppliers advertise their solutions: every active one is public, prices included.
SORTS = {
    "newest": lambda: [Solution.created_at.desc()],
    "price_asc": lambda: [Solution.price_min_krw.asc()],
    "price_desc": lambda: [Solution.price_max_krw.desc()],
    "installations": lambda: [Solution.installations.desc()],
}


def check_solution(values: dict[str, Any]) -> None:
    """Every rule on a solution's fields (absent fields are not checked: partial updates)."""
    check_text(values, "title", TITLE_CHARS)
    check_text(values, "description", LONG_TEXT_CHARS)
    check_codes(values, "categories", "solution_categories", required=True)
    check_amount(values, "price_min_krw")
    check_amount(values, "price_max_krw")
    check_order(values, "price_min_krw", "price_max_krw", _l("The highest price must be at least the lowest price."))
    check_codes(values, "funding_tiers", "funding_tiers", required=True)
    check_codes(values, "regions_served", "regions")
    check_count(values, "installations")
    check_text(values, "notable_customers", NOTE_CHARS, required=False)


def _with_empty_values(values: dict[str, Any]) -> dict[str, Any]:
    """Null optional fields become their empty value (the columns are NOT NULL)."""
    return {
        field: EMPTY_VALUES[field] if value is None and field in EMPTY_VALUES else value
        for field, value in values.items()
    }


def _sorted_codes(values: dict[str, Any]) -> dict[str, Any]:
    """Code lists as stored (sorted, no repeats), so the answer to a write equals a later read."""
    return values | {field: sorted(set(values[field])) for field in CODE_SET_FIELDS if field in values}


def post_solution(session: Session, actor: User, values: dict[str, Any]) -> Solution:
    """A new, active solution of the actor's supplier organisation."""
    ensure_author(actor, Solution)
    values = _with_empty_values({field: values.get(field) for field in EDITABLE_FIELDS})
    check_solution(values)
    solution = Solution(
        organisation_id=actor.organisation_id,
        author_id=actor.id,
        status=SolutionStatus.ACTIVE,
        **_sorted_codes(values),
    )
    session.add(solution)
    session.flush()
    return solution


def update_solution(session: Session, actor: User, solution: Solution, changes: dict[str, Any]) -> Solution:
    """Change fields of the actor's own solution (archived ones too: they may come back)."""
    ensure_owner(actor, solution)
    changes = _with_empty_values(changes)
    merged = {field: getattr(solution, field) for field in EDITABLE_FIELDS} | changes
    check_solution(merged)
    record_admin_edit(session, actor, solution, "edit", _sorted_codes(changes))
    for field, value in _sorted_codes(changes).items():
        setattr(solution, field, value)
    session.flush()
    return solution


def transition_solution(session: Session, actor: User, solution: Solution, action: str) -> Solution:
    """The one way a solution's status changes: the owner acts, the state machine decides."""
    return transition_listing(session, actor, solution, SOLUTION_MOVES, action)


def get_solution(session: Session, viewer: User | None, solution_id: int) -> Solution:
    return get_listing(session, viewer, Solution, solution_id)


@dataclass(frozen=True)
class SolutionFilters(ListingFilters):
    category: str = ""
    region: str = ""
    tier: str = ""


def search_solutions(session: Session, viewer: User | None, filters: SolutionFilters) -> Page[Solution]:
    """Solutions the viewer may see that match every given filter."""
    conditions: list[Any] = [visible_condition(Solution, viewer, filters.status)]
    if filters.category:
        conditions.append(holds_code(Solution.categories, "solution_categories", filters.category))
    if filters.region:  # a supplier serving the whole country serves every region
        conditions.append(holds_code(Solution.regions_served, "regions", filters.region, empty_means_any=True))
    if filters.tier:
        conditions.append(holds_code(Solution.funding_tiers, "funding_tiers", filters.tier))
    # A budget range finds the solutions whose price range overlaps it.
    if filters.budget_min is not None:
        conditions.append(Solution.price_max_krw >= filters.budget_min)
    if filters.budget_max is not None:
        conditions.append(Solution.price_min_krw <= filters.budget_max)
    order = SORTS[filters.sort]() if filters.sort in SORTS else None
    return paginate(session, Solution, conditions, filters.q, order, filters.page, filters.per_page)
