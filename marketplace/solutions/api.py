"""/api/v1/solutions: the same rules as the pages, as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import request
from pydantic import AliasPath, Field, StrictInt

from marketplace.api import bp
from marketplace.api.conventions import InputSchema, OutputSchema, dump, page_body, parse_body
from marketplace.api.openapi import operation
from marketplace.api.schemas import TransitionIn
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.filters import read_filters
from marketplace.permissions import acting_user, requires
from marketplace.solutions import services as solutions

LIST_QUERY = (
    ("q", "string", "Free text, Korean or English; spaces optional, typos tolerated in titles"),
    ("category", "string", "Solution category code, e.g. vision_quality"),
    ("region", "string", "Region code, e.g. gyeonggi; nationwide solutions always match"),
    ("tier", "string", "Funding tier: basic, advanced1, advanced2"),
    ("status", "string", "active, archived (archived: your own only, unless officer or admin)"),
    ("budget_min", "integer", "In KRW: solutions whose price range reaches at least this"),
    ("budget_max", "integer", "In KRW: solutions whose price range starts at most at this"),
    ("sort", "string", "relevance (default with q), newest (default without), price_asc, price_desc, installations"),
    ("page", "integer", "1-based page number"),
    ("per_page", "integer", "1 to 100, default 20"),
)


class SolutionFields(InputSchema):
    title: str | None = Field(default=None, description="At most 200 characters")
    description: str | None = Field(default=None, description="Korean or English, at most 5,000 characters")
    categories: list[str] | None = Field(default=None, description="At least one solution category code, e.g. 'mes'")
    price_min_krw: StrictInt | None = Field(default=None, description="Lowest price, positive whole won")
    price_max_krw: StrictInt | None = Field(default=None, description="Highest price, whole won, at least the lowest")
    funding_tiers: list[str] | None = Field(default=None, description="At least one of basic, advanced1, advanced2")
    regions_served: list[str] | None = Field(default=None, description="Region codes; empty: the whole country")
    installations: StrictInt | None = Field(default=None, description="0 to 1,000,000; default 0")
    notable_customers: str | None = Field(default=None, description="At most 500 characters")


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
    db.session.commit()
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
    db.session.commit()
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
    db.session.commit()
    return solution_body(solution)
