"""/api/v1/needs: the same rules as the pages, as JSON."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from flask import request
from pydantic import Field

from marketplace.api import bp, query
from marketplace.api.conventions import InputSchema, OutputSchema, dump, page_body, parse_body
from marketplace.api.fields import CategoryCode, ComplexCode, IsoDate, RegionCode, TierCode, Won, text
from marketplace.api.openapi import operation
from marketplace.api.schemas import TransitionIn
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.filters import read_filters
from marketplace.listings import opens_on_creation
from marketplace.needs import services as needs
from marketplace.needs.models import NeedStatus
from marketplace.permissions import acting_user, requires
from marketplace.validation import LONG_TEXT_CHARS, TITLE_CHARS

LIST_QUERY = query.listing(
    "spaces optional, typos tolerated in titles",
    filters=(
        query.code("category", "Solution category code, e.g. mes", "solution_categories"),
        query.code("region", "Region code, e.g. gyeonggi", "regions"),
        query.code("complex", "Industrial complex code, e.g. sihwa", "industrial_complexes"),
        query.code("tier", "Funding tier", "funding_tiers"),
    ),
    states=NeedStatus,
    budget=("Smallest budget in KRW", "Largest budget in KRW"),
    sorts=needs.SORTS,
)


class NeedFields(InputSchema):
    """A change: any field may be left out; a field the need must have cannot be null."""

    title: str = text(TITLE_CHARS, default=None)
    description: str = text(LONG_TEXT_CHARS, default=None, description="Korean or English")
    category: CategoryCode = Field(default=None, description="Solution category code")
    funding_tier: TierCode = Field(default=None)
    budget_krw: Won = Field(default=None, description="Positive whole won")
    region: RegionCode | None = Field(default=None, description="Default: the organisation's region")
    industrial_complex: ComplexCode | None = Field(default=None, description="Default: the organisation's complex")
    desired_start: IsoDate | None = None


class NeedIn(NeedFields):
    title: str = text(TITLE_CHARS)
    description: str = text(LONG_TEXT_CHARS, description="Korean or English")
    category: CategoryCode = Field(description="Solution category code")
    funding_tier: TierCode
    budget_krw: Won = Field(description="Positive whole won")
    status: Literal["open", "draft"] = Field(default="open", description="'open' (default) or 'draft'")


class NeedOut(OutputSchema):
    id: int
    organisation_id: int
    organisation_name: str
    title: str
    description: str
    category: str
    funding_tier: str
    budget_krw: int
    region: str
    industrial_complex: str | None
    desired_start: date | None
    status: str
    created_at: datetime
    updated_at: datetime


class NeedList(OutputSchema):
    items: list[NeedOut]
    total: int
    page: int
    per_page: int


def need_body(need: Any) -> dict[str, Any]:
    return dump(NeedOut, need)


@bp.get("/needs")
@operation("List and search needs", "needs", response=NeedList, errors=(400, 401), query=LIST_QUERY)
@requires()
def list_needs() -> dict[str, Any]:
    filters = read_filters(needs.NeedFilters, request.args, strict=True)
    return page_body(needs.search_needs(db.session, acting_user(), filters), need_body)


@bp.post("/needs")
@operation("Post a need (SME)", "needs", body=NeedIn, response=NeedOut, status=201, errors=(400, 401, 403))
@requires(Role.SME)
def create_need() -> tuple[dict[str, Any], int]:
    body = parse_body(NeedIn)
    values = body.model_dump(exclude={"status"})
    need = needs.post_need(db.session, acting_user(), values, publish=opens_on_creation(body.status))
    db.session.flush()
    return need_body(need), 201


@bp.get("/needs/<int:need_id>")
@operation("One need", "needs", response=NeedOut, errors=(401, 404))
@requires()
def get_need(need_id: int) -> dict[str, Any]:
    return need_body(needs.get_need(db.session, acting_user(), need_id))


@bp.patch("/needs/<int:need_id>")
@operation("Change your own need", "needs", body=NeedFields, response=NeedOut)
@requires()
def patch_need(need_id: int) -> dict[str, Any]:
    need = needs.get_need(db.session, acting_user(), need_id)
    changes = parse_body(NeedFields).model_dump(exclude_unset=True)
    needs.update_need(db.session, acting_user(), need, changes)
    db.session.flush()
    return need_body(need)


@bp.post("/needs/<int:need_id>/transitions")
@operation(
    "Publish, start, close or withdraw your need",
    "needs",
    body=TransitionIn,
    response=NeedOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def transition_need(need_id: int) -> dict[str, Any]:
    need = needs.get_need(db.session, acting_user(), need_id)
    needs.transition_need(db.session, acting_user(), need, parse_body(TransitionIn).action)
    db.session.flush()
    return need_body(need)
