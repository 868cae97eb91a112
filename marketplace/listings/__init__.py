"""What every kind of listing (need, solution, programme) shares: who sees it, who may write it."""

from __future__ import annotations

from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, false, select, true, type_coerce
from sqlalchemy.orm import Session

from marketplace import reference
from marketplace.audit import record_admin_edit
from marketplace.auth.models import Role, User
from marketplace.db import code_set_contains
from marketplace.filters import ListingFilters
from marketplace.policy import Policy, ensure, found, oversees, owns, visible


class ListingPolicy(Policy):
    """Needs, solutions and programmes: who sees one (by its state), who posts one, who changes it.

    Owners, officers and admins see a listing in every state; logged-in members `member_states`;
    anyone `public_states`. Only a member of an organisation of the `author` role posts; the owning
    organisation (or an admin) changes it. An offer's matching needs are its owner's (and overseers') leads.
    """

    actions: ClassVar[tuple[str, ...]] = ("view", "create", "edit", "see_leads")

    def __init__(self, model: Any, author: Role, public_states: tuple, member_states: tuple) -> None:
        self.model, self.author = model, author
        self.public_states, self.member_states = public_states, member_states

    def view(self, user: User | None, listing: Any) -> bool:
        if oversees(user) or owns(user, listing):
            return True
        return listing.status in (self.member_states if user is not None else self.public_states)

    def create(self, user: User | None, _resource: Any) -> bool:
        return user is not None and user.role == self.author and user.organisation_id is not None

    def edit(self, user: User | None, listing: Any) -> bool:
        return owns(user, listing)

    def see_leads(self, user: User | None, offer: Any) -> bool:
        """The needs that fit an offer are its owner's leads: only the owner and overseers see them."""
        return oversees(user) or owns(user, offer)

    def visible(self, user: User | None) -> Any:
        if oversees(user):
            return true()
        condition = self.model.status.in_(self.member_states if user is not None else self.public_states)
        if user is not None and user.organisation_id is not None:
            condition = condition | (self.model.organisation_id == user.organisation_id)
        return condition


def ensure_author(actor: User, model: Any) -> None:
    ensure(actor, "create", model, _l("Your role cannot post this kind of listing."))


def ensure_owner(actor: User, listing: Any) -> None:
    ensure(actor, "edit", listing, _l("Only the organisation that posted this listing can change it."))


def get_listing(session: Session, viewer: User | None, model: Any, listing_id: int) -> Any:
    # A listing the viewer may not see is reported as missing, so its existence does not leak.
    return found(viewer, session.get(model, listing_id), _l("No such listing."))


def visible_condition(model: Any, viewer: User | None, status: str = "") -> Any:
    """SQL: the listings the viewer may see (the policy's), narrowed to one status when a valid one is asked for."""
    condition = visible(viewer, model)
    if status in {state.value for state in model.status.type.enum_class}:
        condition = condition & (model.status == status)
    return condition


def holds_code(column: Any, table: str, code: str, empty_means_any: bool = False) -> Any:
    """SQL: a CodeSet column holds a reference code (or, optionally, is empty, meaning "any").

    An unknown code matches nothing, and so never reaches LIKE.
    """
    if code not in reference.codes(table):
        return false()
    condition = code_set_contains(column, code)
    return condition | (type_coerce(column, String()) == "") if empty_means_any else condition


def in_budget(filters: ListingFilters, lowest: Any, highest: Any | None = None) -> list[Any]:
    """SQL: the listings whose amount (or price range, lowest to highest) meets the filters' budget range."""
    conditions: list[Any] = []
    if filters.budget_min is not None:
        conditions.append((lowest if highest is None else highest) >= filters.budget_min)
    if filters.budget_max is not None:
        conditions.append(lowest <= filters.budget_max)
    return conditions


def own_listings(session: Session, model: Any, organisation_id: int, limit: int = 50) -> list[Any]:
    """An organisation's own listings in every state, newest first (its dashboard)."""
    statement = (
        select(model)
        .where(model.organisation_id == organisation_id)
        .order_by(model.created_at.desc(), model.id.desc())
        .limit(limit)
    )
    return list(session.scalars(statement))


def transition_listing(session: Session, actor: User, listing: Any, moves: Any, action: str) -> Any:
    """Move a listing's status: only its owner acts, the listing's state machine decides."""
    ensure_owner(actor, listing)
    target = moves.target(listing.status, action)
    record_admin_edit(session, actor, listing, action, {"status": target})
    listing.status = target
    session.flush()
    return listing
