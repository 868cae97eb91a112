"""What every kind of listing (need, solution, programme) shares: who sees it, who may write it."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, false, select, true, type_coerce
from sqlalchemy.orm import Session

from marketplace import reference
from marketplace.audit import record_admin_edit
from marketplace.auth.models import Role, User
from marketplace.db import code_set_contains
from marketplace.errors import Forbidden, NotFound
from marketplace.permissions import owns
from marketplace.validation import fail

# Officers and admins oversee the market: they see every listing, in every state.
OVERSEERS = (Role.OFFICER, Role.ADMIN)


def can_see(viewer: User | None, listing: Any, public_states: tuple, member_states: tuple) -> bool:
    """Owners and overseers see everything; logged-in users `member_states`; anyone `public_states`."""
    if viewer is not None and (viewer.role in OVERSEERS or owns(viewer, listing)):
        return True
    return listing.status in (member_states if viewer is not None else public_states)


def ensure_visible(viewer: User | None, listing: Any, public_states: tuple, member_states: tuple) -> Any:
    # A listing the viewer may not see is reported as missing, so its existence does not leak.
    if listing is None or not can_see(viewer, listing, public_states, member_states):
        raise NotFound(_l("No such listing."))
    return listing


def ensure_author(actor: User, role: Role) -> None:
    """Only members of an organisation of the right kind write this kind of listing."""
    if actor.role != role or actor.organisation_id is None:
        raise Forbidden(_l("Your role cannot post this kind of listing."))


def ensure_owner(actor: User, listing: Any) -> None:
    if not owns(actor, listing):
        raise Forbidden(_l("Only the organisation that posted this listing can change it."))


def visible_condition(
    model: Any, viewer: User | None, public_states: tuple, member_states: tuple, status: str = ""
) -> Any:
    """SQL for `can_see`, narrowed to one status when a valid one is asked for."""
    if viewer is not None and viewer.role in OVERSEERS:
        condition: Any = true()
    else:
        condition = model.status.in_(member_states if viewer is not None else public_states)
        if viewer is not None and viewer.organisation_id is not None:
            condition = condition | (model.organisation_id == viewer.organisation_id)
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


def opens_on_creation(status: str) -> bool:
    """An API body's `status` on creation: 'open' makes the listing visible at once, 'draft' does not."""
    if status not in ("open", "draft"):
        raise fail("status", _l("Use 'open' or 'draft'."))
    return status == "open"
