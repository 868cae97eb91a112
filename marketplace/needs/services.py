"""SME needs: post, change, move through their states, find."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace import reference
from marketplace.audit import record_admin_edit
from marketplace.auth.models import User
from marketplace.filters import ListingFilters
from marketplace.listings import ensure_author, ensure_owner, get_listing, transition_listing, visible_condition
from marketplace.needs.models import NEED_MOVES, Need, NeedStatus
from marketplace.needs.policies import MEMBER_STATES as MEMBER_STATES  # importing registers the policy
from marketplace.needs.policies import PUBLIC_STATES as PUBLIC_STATES
from marketplace.search import Page, paginate
from marketplace.transitions import InvalidTransition
from marketplace.validation import (
    LONG_TEXT_CHARS,
    TITLE_CHARS,
    check_amount,
    check_code,
    check_complex_in_region,
    check_date,
    check_text,
)

EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "funding_tier",
    "budget_krw",
    "region",
    "industrial_complex",
    "desired_start",
)
SORTS = {
    "newest": lambda: [Need.created_at.desc()],
    "budget_desc": lambda: [Need.budget_krw.desc()],
    "budget_asc": lambda: [Need.budget_krw.asc()],
    "start": lambda: [Need.desired_start.asc()],
}


def check_need(values: dict[str, Any]) -> None:
    """Every rule on a need's fields (absent fields are not checked: partial updates)."""
    check_text(values, "title", TITLE_CHARS)
    check_text(values, "description", LONG_TEXT_CHARS)
    check_code(values, "category", "solution_categories")
    check_code(values, "funding_tier", "funding_tiers")
    check_amount(values, "budget_krw")
    check_code(values, "region", "regions")
    check_code(values, "industrial_complex", "industrial_complexes", required=False)
    check_complex_in_region(values)
    check_date(values, "desired_start")


def _with_place_defaults(values: dict[str, Any], actor: User) -> dict[str, Any]:
    """Region and complex default to the organisation's; a complex alone implies its region."""
    values = dict(values)
    if not values.get("region"):
        if values.get("industrial_complex") in reference.codes("industrial_complexes"):
            values["region"] = reference.complex_region(values["industrial_complex"])
        else:
            values["region"] = actor.organisation.region
            values["industrial_complex"] = values.get("industrial_complex") or actor.organisation.industrial_complex
    return values


def post_need(session: Session, actor: User, values: dict[str, Any], publish: bool = True) -> Need:
    """A new need of the actor's SME, open at once unless saved as a draft."""
    ensure_author(actor, Need)
    values = _with_place_defaults({field: values.get(field) for field in EDITABLE_FIELDS}, actor)
    check_need(values)
    need = Need(
        organisation_id=actor.organisation_id,
        author_id=actor.id,
        status=NeedStatus.OPEN if publish else NeedStatus.DRAFT,
        **values,
    )
    session.add(need)
    session.flush()
    return need


def update_need(session: Session, actor: User, need: Need, changes: dict[str, Any]) -> Need:
    """Change fields of the actor's own need (closed and withdrawn needs are final)."""
    ensure_owner(actor, need)
    if need.status in (NeedStatus.CLOSED, NeedStatus.WITHDRAWN):
        raise InvalidTransition(_l("A closed or withdrawn need can no longer be changed."))
    merged = {field: getattr(need, field) for field in EDITABLE_FIELDS} | changes
    check_need(merged)
    record_admin_edit(session, actor, need, "edit", changes)
    for field, value in changes.items():
        setattr(need, field, value)
    session.flush()
    return need


def transition_need(session: Session, actor: User, need: Need, action: str) -> Need:
    """The one way a need's status changes: the owner acts, the state machine decides."""
    return transition_listing(session, actor, need, NEED_MOVES, action)


def get_need(session: Session, viewer: User | None, need_id: int) -> Need:
    return get_listing(session, viewer, Need, need_id)


@dataclass(frozen=True)
class NeedFilters(ListingFilters):
    category: str = ""
    region: str = ""
    complex: str = ""
    tier: str = ""


def search_needs(session: Session, viewer: User | None, filters: NeedFilters) -> Page[Need]:
    """Needs the viewer may see that match every given filter."""
    conditions: list[Any] = [visible_condition(Need, viewer, filters.status)]
    if filters.category:
        conditions.append(Need.category == filters.category)
    if filters.region:
        conditions.append(Need.region == filters.region)
    if filters.complex:
        conditions.append(Need.industrial_complex == filters.complex)
    if filters.tier:
        conditions.append(Need.funding_tier == filters.tier)
    if viewer is not None:  # budgets are not public, so neither is filtering by them
        if filters.budget_min is not None:
            conditions.append(Need.budget_krw >= filters.budget_min)
        if filters.budget_max is not None:
            conditions.append(Need.budget_krw <= filters.budget_max)
    order = SORTS[filters.sort]() if filters.sort in SORTS else None
    return paginate(session, Need, conditions, filters.q, order, filters.page, filters.per_page)
