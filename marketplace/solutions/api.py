"""/api/v1/solutions: the same rules as the pages, as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import request
from pydantic import AliasPath, Field, StrictInt

from marketplace.api import bp, query
from marketplace.api.conventions import InputSchema, OutputSchema, dump, page_body, parse_body
from marketplace.api.fields import CategoryCode, RegionCode, TierCode, Won, text, whole
from marketplace.api.openapi import operation
from marketplace.api.schemas import TransitionIn
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.filters import read_filters
from marketplace.permissions import acting_user, requires
from marketplace.solutions import services as solutions
from marketplace.solutions.models import SolutionStatus
from marketplace.validation import LONG_TEXT_CHARS, MAX_COUNT, NOTE_CHARS, TITLE_CHARS

LIST_QUERY = query.listing(
    "spaces optional, typos tolerated in titles",
    filters=(
        query.code("category", "Solution category code, e.g. vision_quality", "solution_categories"),
        query.code("region", "Region code, e.g. gyeonggi; nationwide solutions always match", "regions"),
        query.code("tier", "Funding tier", "funding_tiers"),
    ),
    states=SolutionStatus,  # archived: your own only, unless officer or admin
    budget=(
        "In KRW: solutions whose price range reaches at least this",
        "In KRW: solutions whose price range starts at most at this",
    ),
    sorts=solutions.SORTS,
)


class SolutionFields(InputSchema):
    """Required on listing: title, description, categories, prices, funding tiers (a change may leave any out)."""

    title: str = text(TITLE_CHARS, default=None)
    description: str = text(LONG_TEXT_CHARS, default=None, description="Korean or English")
    categories: list[CategoryCode] = Field(
        default=None, json_schema_extra={"minItems": 1}, description="At least one category code"
    )
    price_min_krw: Won = Field(default=None, description="Lowest price, positive whole won")
    price_max_krw: Won = Field(default=None, description="Highest price, whole won, at least the lowest")
    funding_tiers: list[TierCode] = Field(
        default=None, json_schema_extra={"minItems": 1}, description="At least one funding tier"
    )
    regions_served: list[RegionCode] | None = Field(default=None, description="Empty or null: the whole country")
    installations: StrictInt | None = whole(0, MAX_COUNT, default=None, description="Default 0")
    notable_customers: str | None = text(NOTE_CHARS, required=False, default=None)


class SolutionOut(OutputSchema):
    id: int
    organisation_id: int
    # Read from solution.organisation.name (the Solution has no such column of its own).
    organisation_name: str = Field(validation_alias=AliasPath("organisation", "name"))
    title: str
    description: str
    categories: list[str]
    price_min_krw: int
    price_max_krw: int
    funding_tiers: list[str]
    regions_served: list[str]
    installations: int
    notable_customers: str
    status: str
    created_at: datetime
    updated_at: datetime


class SolutionList(OutputSchema):
    items: list[SolutionOut]
    total: int
    page: int
    per_page: int


def solution_body(solution: Any) -> dict[str, Any]:
    return dump(SolutionOut, solution)


@bp.get("/solutions")
@operation("List and search solutions", "solutions", response=SolutionList, errors=(400, 401), query=LIST_QUERY)
@requires()
def list_solutions() -> dict[str, Any]:
    filters = read_filters(solutions.SolutionFilters, request.args, strict=True)
    return page_body(solutions.search_solutions(db.session, acting_user(), filters), solution_body)


@bp.post("/solutions")
@operation(
    "List a solution (supplier)",
    "solutions",
    body=SolutionFields,
    response=SolutionOut,
    status=201,
    errors=(400, 401, 403),
)
@requires(Role.SUPPLIER)
def create_solution() -> tuple[dict[str, Any], int]:
    values = parse_body(SolutionFields).model_dump()
    solution = solutions.post_solution(db.session, acting_user(), values)
    db.session.flush()
    return solution_body(solution), 201


@bp.get("/solutions/<int:solution_id>")
@operation("One solution", "solutions", response=SolutionOut, errors=(401, 404))
@requires()
def get_solution(solution_id: int) -> dict[str, Any]:
    return solution_body(solutions.get_solution(db.session, acting_user(), solution_id))


@bp.patch("/solutions/<int:solution_id>")
@operation("Change your own solution", "solutions", body=SolutionFields, response=SolutionOut)
@requires()
def patch_solution(solution_id: int) -> dict[str, Any]:
    solution = solutions.get_solution(db.session, acting_user(), solution_id)
    changes = parse_body(SolutionFields).model_dump(exclude_unset=True)
    solutions.update_solution(db.session, acting_user(), solution, changes)
    db.session.flush()
    return solution_body(solution)


@bp.post("/solutions/<int:solution_id>/transitions")
@operation(
    "Archive or reactivate your solution",
    "solutions",
    body=TransitionIn,
    response=SolutionOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def transition_solution(solution_id: int) -> dict[str, Any]:
    solution = solutions.get_solution(db.session, acting_user(), solution_id)
    solutions.transition_solution(db.session, acting_user(), solution, parse_body(TransitionIn).action)
    db.session.flush()
    return solution_body(solution)
