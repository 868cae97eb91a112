"""The steps every kind of listing shares: post, change, move through states, fetch, search."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from marketplace.audit import record_admin_edit
from marketplace.auth.models import User
from marketplace.commands import Command
from marketplace.context import ServiceContext
from marketplace.filters import ListingFilters
from marketplace.listings import ensure_author, ensure_owner, transition_listing, visible_condition
from marketplace.listings import get_listing as visible_listing
from marketplace.listings.kind import ListingKind
from marketplace.search import Page, paginate
from marketplace.transitions import InvalidTransition


def post_listing(session: Session, kind: ListingKind, ctx: ServiceContext, command: Command) -> Any:
    """A new listing of the actor's organisation, seen at once unless the command saves a draft."""
    ensure_author(ctx.actor, kind.model)
    given = command.values()
    values = kind.with_empty_values({name: given.get(name) for name in kind.editable_fields})
    values = kind.creation_defaults(values, ctx.actor)
    kind.fields.check(values)
    opens = getattr(command, "status", "open") == "open"
    listing = kind.model(
        organisation_id=ctx.actor.organisation_id,
        author_id=ctx.actor.id,
        status=kind.open_status if opens else kind.draft_status,
        **kind.as_stored(values),
    )
    session.add(listing)
    session.flush()
    kind.after_write(session, listing, ctx.actor)
    return listing


def update_listing(session: Session, kind: ListingKind, ctx: ServiceContext, listing: Any, command: Command) -> Any:
    """Change the given fields of the actor's own listing; the rules see the listing as it would be."""
    ensure_owner(ctx.actor, listing)
    if listing.status in kind.final_states:
        raise InvalidTransition(kind.final_message)
    changes = kind.with_empty_values(command.values())
    kind.fields.check({name: getattr(listing, name) for name in kind.editable_fields} | changes)
    stored = kind.as_stored(changes)
    record_admin_edit(session, ctx.actor, listing, "edit", stored)
    for name, value in stored.items():
        setattr(listing, name, value)
    session.flush()
    kind.after_write(session, listing, ctx.actor)
    return listing


def move_listing(session: Session, kind: ListingKind, ctx: ServiceContext, listing: Any, action: str) -> Any:
    """The one way a listing's status changes: the owner acts, the kind's state machine decides."""
    return transition_listing(session, ctx.actor, listing, kind.moves, action)


def get_listing(session: Session, kind: ListingKind, viewer: User | None, listing_id: int) -> Any:
    """The listing, if the viewer may see it (else NotFound: its existence does not leak)."""
    return visible_listing(session, viewer, kind.model, listing_id)


def search_listings(session: Session, kind: ListingKind, viewer: User | None, filters: ListingFilters) -> Page[Any]:
    """Listings of this kind the viewer may see that match every given filter."""
    conditions = [
        visible_condition(kind.model, viewer, filters.status),
        *kind.conditions(filters, viewer),
    ]
    order = kind.sorts[filters.sort]() if filters.sort in kind.sorts else None
    return paginate(session, kind.model, conditions, filters.q, order, filters.page, filters.per_page)
