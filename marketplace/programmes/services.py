"""Sponsor programmes: create, change, open and close, find."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from funds.pools import sync_pledge
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
from marketplace.programmes.models import FOCUS_TABLES, PROGRAMME_MOVES, ProgrammeStatus, SponsorProgramme
from marketplace.programmes.policies import (
    MEMBER_STATES as MEMBER_STATES,
)  # importing registers the policy
from marketplace.programmes.policies import PUBLIC_STATES as PUBLIC_STATES
from marketplace.search import Page, paginate
from marketplace.validation import (
    LONG_TEXT_CHARS,
    MAX_LISTING_KRW,
    MAX_POOL_KRW,
    TITLE_CHARS,
    check_amount,
    check_codes,
    check_date,
    check_order,
    check_text,
    fail,
)

# Each focus list and the reference table its codes come from; an empty list means "any".
EDITABLE_FIELDS = (
    "name",
    "description",
    "pledged_pool_krw",
    "per_project_cap_krw",
    "sponsor_share_percent",
    *FOCUS_TABLES,
    "applications_open_on",
    "applications_close_on",
    "offers_mentoring",
)
# Pool and cap are public: SMEs judge a programme by them before they log in.
SORTS = {
    "newest": lambda: [SponsorProgramme.created_at.desc()],
    "pool_desc": lambda: [SponsorProgramme.pledged_pool_krw.desc()],
    "cap_desc": lambda: [SponsorProgramme.per_project_cap_krw.desc()],
    "closing_soon": lambda: [SponsorProgramme.applications_close_on.asc()],
}


def check_programme(values: dict[str, Any]) -> None:
    """Every rule on a programme's fields (absent fields are not checked: partial updates)."""
    check_text(values, "name", TITLE_CHARS)
    check_text(values, "description", LONG_TEXT_CHARS)
    check_amount(values, "pledged_pool_krw", maximum=MAX_POOL_KRW)
    check_amount(values, "per_project_cap_krw", maximum=MAX_LISTING_KRW)
    _check_cap_in_pool(values)
    _check_percent(values, "sponsor_share_percent")
    for field, table in FOCUS_TABLES.items():
        check_codes(values, field, table)
    check_date(values, "applications_open_on", required=True)
    check_date(values, "applications_close_on", required=True)
    check_order(
        values,
        "applications_open_on",
        "applications_close_on",
        _l("Applications cannot close before they open."),
    )
    _check_flag(values, "offers_mentoring")


def _check_cap_in_pool(values: dict[str, Any]) -> None:
    # check_order names the larger field; here the cap is the one to correct, not the pool.
    cap, pool = values.get("per_project_cap_krw"), values.get("pledged_pool_krw")
    if cap is not None and pool is not None and cap > pool:
        raise fail("per_project_cap_krw", _l("The cap per project cannot exceed the pledged pool."))


def _check_percent(values: dict[str, Any], field: str) -> None:
    if field not in values:
        return
    value = values[field]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise fail(field, _l("Enter a whole percentage from 1 to 100."))


def _check_flag(values: dict[str, Any], field: str) -> None:
    if field in values and not isinstance(values[field], bool):
        raise fail(field, _l("Choose yes or no."))


def _with_defaults(values: dict[str, Any]) -> dict[str, Any]:
    """Missing focus lists mean "any"; mentoring is not offered unless said so."""
    values = dict(values)
    for field in FOCUS_TABLES:
        if values.get(field) is None:
            values[field] = []
    if values.get("offers_mentoring") is None:
        values["offers_mentoring"] = False
    return values


def _as_stored(values: dict[str, Any]) -> dict[str, Any]:
    # Focus lists are sets, stored sorted (db.CodeSet): keep the object as it will read back.
    return {field: sorted(set(value)) if field in FOCUS_TABLES else value for field, value in values.items()}


def post_programme(session: Session, actor: User, values: dict[str, Any], open_now: bool = False) -> SponsorProgramme:
    """A new programme of the actor's sponsor firm, a draft unless opened at once."""
    ensure_author(actor, SponsorProgramme)
    values = _with_defaults({field: values.get(field) for field in EDITABLE_FIELDS})
    check_programme(values)
    programme = SponsorProgramme(
        organisation_id=actor.organisation_id,
        author_id=actor.id,
        status=ProgrammeStatus.OPEN if open_now else ProgrammeStatus.DRAFT,
        **_as_stored(values),
    )
    session.add(programme)
    session.flush()
    sync_pledge(session, programme.id, actor)
    return programme


def update_programme(
    session: Session, actor: User, programme: SponsorProgramme, changes: dict[str, Any]
) -> SponsorProgramme:
    """Change fields of the actor's own programme (a cleared focus list means "any")."""
    ensure_owner(actor, programme)
    changes = {field: [] if field in FOCUS_TABLES and value is None else value for field, value in changes.items()}
    merged = {field: getattr(programme, field) for field in EDITABLE_FIELDS} | changes
    check_programme(merged)
    record_admin_edit(session, actor, programme, "edit", _as_stored(changes))
    for field, value in _as_stored(changes).items():
        setattr(programme, field, value)
    session.flush()
    # A pool cut below what projects already committed is refused here (409), and nothing is written.
    sync_pledge(session, programme.id, actor)
    return programme


def transition_programme(session: Session, actor: User, programme: SponsorProgramme, action: str) -> SponsorProgramme:
    """The one way a programme's status changes: the owner acts, the state machine decides."""
    return transition_listing(session, actor, programme, PROGRAMME_MOVES, action)


def get_programme(session: Session, viewer: User | None, programme_id: int) -> SponsorProgramme:
    return get_listing(session, viewer, SponsorProgramme, programme_id)


def application_window(programme: SponsorProgramme, today: date) -> str:
    """'upcoming', 'open' or 'closed': where today falls in the programme's application window."""
    if programme.status == ProgrammeStatus.CLOSED or today > programme.applications_close_on:
        return "closed"
    return "upcoming" if today < programme.applications_open_on else "open"


@dataclass(frozen=True)
class ProgrammeFilters(ListingFilters):
    category: str = ""
    industry: str = ""
    region: str = ""
    tier: str = ""


def search_programmes(session: Session, viewer: User | None, filters: ProgrammeFilters) -> Page[SponsorProgramme]:
    """Programmes the viewer may see that match every given filter."""
    conditions: list[Any] = [visible_condition(SponsorProgramme, viewer, filters.status)]
    for code, field in (
        (filters.category, "focus_categories"),
        (filters.industry, "focus_industries"),
        (filters.region, "focus_regions"),
        (filters.tier, "focus_tiers"),
    ):
        if code:
            conditions.append(
                holds_code(getattr(SponsorProgramme, field), FOCUS_TABLES[field], code, empty_means_any=True)
            )
    if filters.budget_min is not None:
        conditions.append(SponsorProgramme.per_project_cap_krw >= filters.budget_min)
    if filters.budget_max is not None:
        conditions.append(SponsorProgramme.per_project_cap_krw <= filters.budget_max)
    order = SORTS[filters.sort]() if filters.sort in SORTS else None
    return paginate(session, SponsorProgramme, conditions, filters.q, order, filters.page, filters.per_page)
