"""/api/v1/…/matches: a need's best offers of one kind, and an offer's best needs, explained."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import request

from marketplace import clock
from marketplace.api import bp, query
from marketplace.api.conventions import OutputSchema
from marketplace.api.openapi import operation
from marketplace.db import db
from marketplace.matches.limits import DEFAULT_LIMIT, MAX_LIMIT
from marketplace.needs import services as needs
from marketplace.permissions import acting_user, requires
from marketplace.programmes import services as programmes
from marketplace.solutions import services as solutions
from matching.kinds import OFFER_KINDS, Kind
from mentors import services as mentors

if TYPE_CHECKING:
    from matching.engine import Match

LIMIT_QUERY = query.whole("limit", f"How many, default {DEFAULT_LIMIT}", (1, MAX_LIMIT))
KIND_QUERY = query.choice("kind", "What to match the need with, default solution", (k.value for k in OFFER_KINDS))


class TermOut(OutputSchema):
    ko: str | None
    en: str | None


class ReasonOut(OutputSchema):
    code: str
    ko: str
    en: str
    good: bool


class MatchOut(OutputSchema):
    kind: str
    id: int
    title: str
    score: float
    channels: dict[str, float]
    terms: list[TermOut]
    reasons: list[ReasonOut]


class MatchList(OutputSchema):
    items: list[MatchOut]
    # False until the job worker has stored the listing's vector (seconds after a save): the semantic
    # channel is then left out; ask again shortly.
    semantic: bool


def read_limit() -> int:
    """The limit asked for (checked against LIMIT_QUERY before the view runs)."""
    return int(request.args.get("limit", DEFAULT_LIMIT))


def read_kind() -> Kind:
    """The kind asked for (checked against KIND_QUERY before the view runs)."""
    return Kind(request.args.get("kind") or Kind.SOLUTION.value)


def match_list(items: list[Match], semantic: bool) -> dict[str, Any]:
    body = [MatchOut.model_validate(match, from_attributes=True).model_dump(mode="json") for match in items]
    return {"items": body, "semantic": semantic}


@bp.get("/needs/<int:need_id>/matches")
@operation(
    "The best solutions, programmes or mentors for a need",
    "matching",
    response=MatchList,
    errors=(400, 401, 404),
    query=(KIND_QUERY, LIMIT_QUERY),
)
@requires()
def need_matches(need_id: int) -> dict[str, Any]:
    # Imported here: the engine (numpy, rapidfuzz) loads with the first match request, not the app.
    from marketplace.matches import services as matches
    from marketplace.matches.index import match_index

    kind, limit = read_kind(), read_limit()
    need = needs.get_need(db.session, acting_user(), need_id)
    index = match_index()
    found = matches.need_matches(index, db.session, need, (kind,), limit, today=clock.today())[kind]
    return match_list(found, not index.waiting_for_vector(Kind.NEED, need.id))


def _offer_matches(kind: Kind, offer: Any) -> dict[str, Any]:
    from marketplace.matches import services as matches
    from marketplace.matches.index import match_index

    limit, index = read_limit(), match_index()
    found = matches.offer_matches(index, db.session, acting_user(), kind, offer, limit, today=clock.today())
    return match_list(found, not index.waiting_for_vector(kind, offer.id))


@bp.get("/solutions/<int:solution_id>/matches")
@operation(
    "The open needs that fit your solution", "matching", response=MatchList, errors=(400, 401, 403, 404),
    query=(LIMIT_QUERY,),
)  # fmt: skip
@requires()
def solution_matches(solution_id: int) -> dict[str, Any]:
    return _offer_matches(Kind.SOLUTION, solutions.get_solution(db.session, acting_user(), solution_id))


@bp.get("/programmes/<int:programme_id>/matches")
@operation(
    "The open needs that fit your programme", "matching", response=MatchList, errors=(400, 401, 403, 404),
    query=(LIMIT_QUERY,),
)  # fmt: skip
@requires()
def programme_matches(programme_id: int) -> dict[str, Any]:
    return _offer_matches(Kind.PROGRAMME, programmes.get_programme(db.session, acting_user(), programme_id))


@bp.get("/mentors/<int:mentor_id>/matches")
@operation(
    "The open needs that fit your mentor profile", "matching", response=MatchList, errors=(400, 401, 403, 404),
    query=(LIMIT_QUERY,),
)  # fmt: skip
@requires()
def mentor_matches(mentor_id: int) -> dict[str, Any]:
    return _offer_matches(Kind.MENTOR, mentors.get_profile(db.session, acting_user(), mentor_id))
