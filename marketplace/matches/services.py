"""Matches for the pages and the API: a need's best offers, and an offer's best needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.errors import Forbidden
from marketplace.listings import OVERSEERS
from marketplace.matches.index import MatchIndex, match_index
from marketplace.matches.limits import DEFAULT_LIMIT
from marketplace.matches.sources import SOURCES
from marketplace.needs.models import Need
from marketplace.permissions import owns
from matching.engine import Match
from matching.kinds import OFFER_KINDS, Kind


def current_index() -> MatchIndex:
    return match_index()


def semantic_ready() -> bool:
    """Whether the dense channel takes part yet (the model loads in the background)."""
    return match_index().encoder.ready


def need_matches(
    index: MatchIndex, session: Session, need: Need, kind: Kind, limit: int = DEFAULT_LIMIT,
    store: Callable[[], Session] | None = None,
) -> list[Match]:  # fmt: skip
    """The best offers of `kind` for a need the viewer may see."""
    index.sync(session, store)
    source = SOURCES[kind]
    query = SOURCES[Kind.NEED].listing(need)
    stored = index.engine.catalogues[Kind.NEED]
    return index.engine.rank(
        kind, query, limit, vector=stored.vector(need.id), fit=source.fit, terms=stored.terms(need.id)
    )


def offer_matches(
    index: MatchIndex, session: Session, viewer: User, kind: Kind, offer: Any, limit: int = DEFAULT_LIMIT,
    store: Callable[[], Session] | None = None,
) -> list[Match]:  # fmt: skip
    """The open needs that fit an offer best; only its owner (or an overseer) sees them."""
    if viewer.role not in OVERSEERS and not owns(viewer, offer):
        raise Forbidden(_l("Only the owner of this listing sees the needs that fit it."))
    index.sync(session, store)
    source = SOURCES[kind]
    query = source.listing(offer)
    fit = source.fit
    stored = index.engine.catalogues[kind]
    reverse_fit = (lambda offer_facts, need: fit(need, offer_facts)) if fit else None
    return index.engine.rank(
        Kind.NEED, query, limit, vector=stored.vector(offer.id), fit=reverse_fit, terms=stored.terms(offer.id)
    )


def all_need_matches(
    index: MatchIndex, session: Session, need: Need, limit: int, store: Callable[[], Session] | None = None
) -> dict[Kind, list[Match]]:
    return {kind: need_matches(index, session, need, kind, limit, store) for kind in OFFER_KINDS if kind in SOURCES}
