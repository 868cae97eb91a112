"""The matches a listing's page shows (the glue between the pages and the engine)."""

from __future__ import annotations

from typing import Any

from marketplace import clock
from marketplace.auth.models import User
from marketplace.db import db
from marketplace.matches.profiles import match_profiles
from marketplace.policy import can
from matching.kinds import OFFER_KINDS, Kind

PAGE_LIMIT = 5
# Listings a hard filter left out that would have ranked on the page: shown below it, with why.
PAGE_HELD_BACK = 2


def listing_matches(viewer: User | None, kind: Kind, listing: Any) -> dict[str, Any]:
    """The template variables of a listing page's match sections: a need's best offers for anyone
    logged in; an offer's best needs for its owner and overseers; nothing for anyone else."""
    if viewer is None:
        return {"matches": {}}
    # Imported here: the engine (numpy, rapidfuzz) loads with the first page that shows matches.
    from marketplace.matches import services
    from marketplace.matches.index import match_index

    index = match_index()
    if kind == Kind.NEED:
        found = services.need_matches(
            index, db.session, listing, OFFER_KINDS, PAGE_LIMIT, PAGE_HELD_BACK, today=clock.today()
        )
    elif can(viewer, "see_leads", listing):
        found = {
            Kind.NEED: services.offer_matches(
                index, db.session, viewer, kind, listing, PAGE_LIMIT, PAGE_HELD_BACK, today=clock.today()
            )
        }
    else:
        return {"matches": {}}
    # Until the worker has read this listing (seconds after a save), matches use words and facts only;
    # the page says so and refreshes them itself (static/js/matches.js).
    return {
        "matches": found,
        "semantic_ready": not index.waiting_for_vector(kind, listing.id),
        "match_profiles": match_profiles(db.session, found),
    }
