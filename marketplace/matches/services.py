"""Matches for the pages and the API: a need's best offers, and an offer's best needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.matches.index import MatchIndex
from marketplace.matches.limits import DEFAULT_LIMIT
from marketplace.matches.sources import SOURCES, facts_loader, facts_version
from marketplace.matches.store import stored_terms
from marketplace.needs.models import Need
from marketplace.policy import ensure
from matching.analysis import Terms
from matching.encoder import text_hash
from matching.engine import Listing, Match
from matching.fits import NeedFacts
from matching.kinds import Kind
from matching.structured import Fit


def query_terms(index: MatchIndex, session: Session, kind: Kind, listing: Listing) -> Terms:
    """The terms of the listing that is the query: the index's, else those stored for it (a listing
    outside the index, such as a draft), else a quick analysis without the Korean model (the worker
    has not analysed it yet)."""
    terms = index.engine.catalogues[kind].terms(listing.id)
    if terms is None:
        terms = stored_terms(session, kind, {listing.id: text_hash(listing.text)}).get(listing.id)
    return terms if terms is not None else index.engine.analyzer.quick_terms(listing.text)


def on_day(fit: Callable[[NeedFacts, Any, date], Fit] | None, today: date) -> Callable[[Any, Any], Fit] | None:
    """The engine's two-argument fit, on the day asked about."""
    return (lambda need, offer: fit(need, offer, today)) if fit else None


def need_matches(
    index: MatchIndex, session: Session, need: Need, kinds: Iterable[Kind], limit: int = DEFAULT_LIMIT,
    held_back: int = 0, *, today: date,
) -> dict[Kind, list[Match]]:  # fmt: skip
    """The best offers of each kind for a need the viewer may see (the index is synced once), then
    up to `held_back` of each kind that a hard filter dropped (Engine.rank). `today`: marketplace.clock."""
    index.sync(session)
    kinds = tuple(kinds)
    # Everything the ranking is computed from: the index's state, the need, the day, and the facts
    # read beside the listings (organisations, pool balances). Equal keys rank alike, so a page asked
    # again reuses the ranking (most of a need page's work) until any of them changes.
    key = (need.id, need.updated_at, kinds, limit, held_back, today, index.state(), facts_version(session))
    remembered = index.remembered(key)
    if remembered is None:
        remembered = _need_matches(index, session, need, kinds, limit, held_back, today)
        index.remember(key, remembered)
    return {kind: list(matches) for kind, matches in remembered.items()}


def _need_matches(
    index: MatchIndex, session: Session, need: Need, kinds: tuple[Kind, ...], limit: int, held_back: int, today: date
) -> dict[Kind, list[Match]]:
    query = SOURCES[Kind.NEED].listing(need)
    stored = index.engine.catalogues[Kind.NEED]
    vector, terms = stored.vector(need.id), query_terms(index, session, Kind.NEED, query)
    return {
        kind: index.engine.rank(
            kind,
            query,
            limit,
            vector=vector,
            fit=on_day(SOURCES[kind].fit, today),
            terms=terms,
            held_back=held_back,
            facts=facts_loader(session, kind),
        )
        for kind in kinds
    }


def offer_matches(
    index: MatchIndex, session: Session, viewer: User, kind: Kind, offer: Any, limit: int = DEFAULT_LIMIT,
    held_back: int = 0, *, today: date,
) -> list[Match]:  # fmt: skip
    """The open needs that fit an offer best (then up to `held_back` a hard filter dropped)."""
    ensure(viewer, "see_leads", offer, _l("Only the owner of this listing sees the needs that fit it."))
    index.sync(session)
    source = SOURCES[kind]
    fit = source.fit
    stored = index.engine.catalogues[kind]
    reverse_fit = (lambda offer_facts, need: fit(need, offer_facts, today)) if fit else None
    return index.engine.rank(
        Kind.NEED, source.listing(offer), limit, vector=stored.vector(offer.id), fit=reverse_fit,
        terms=query_terms(index, session, kind, source.listing(offer)), held_back=held_back,
        facts=facts_loader(session, Kind.NEED),
    )  # fmt: skip
