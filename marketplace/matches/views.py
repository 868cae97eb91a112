"""The matches a listing's page shows (the glue between the pages and the engine)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from marketplace.auth.models import User
from marketplace.db import db
from marketplace.listings import OVERSEERS
from marketplace.permissions import owns
from matching.kinds import Kind

if TYPE_CHECKING:
    from matching.engine import Match

PAGE_LIMIT = 5


def page_matches(viewer: User | None, kind: Kind, listing: Any) -> dict[Kind, list[Match]]:
    """A need's best offers for anyone logged in; an offer's best needs for its owner and overseers."""
    if viewer is None:
        return {}
    # Imported here: the engine (numpy, rapidfuzz) loads with the first page that shows matches.
    from marketplace.matches import services

    index, store = services.current_index(), db.state().sessionmaker
    if kind == Kind.NEED:
        return services.all_need_matches(index, db.session, listing, PAGE_LIMIT, store)
    if viewer.role in OVERSEERS or owns(viewer, listing):
        return {Kind.NEED: services.offer_matches(index, db.session, viewer, kind, listing, PAGE_LIMIT, store)}
    return {}


def semantic_ready() -> bool:
    from marketplace.matches import services

    return services.semantic_ready()


def listing_matches(viewer: User | None, kind: Kind, listing: Any) -> dict[str, Any]:
    """The template variables of a listing page's match sections."""
    found = page_matches(viewer, kind, listing)
    return {"matches": found, "semantic_ready": semantic_ready() if found else True}
