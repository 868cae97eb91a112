"""/api/v1/programmes: the same rules as the pages, as JSON."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from flask import request
from pydantic import Field, StrictBool, StrictInt

from marketplace.api import bp, query
from marketplace.api.conventions import InputSchema, OutputSchema, dump, page_body, parse_body
from marketplace.api.fields import CategoryCode, IsoDate, KsicCode, PoolWon, RegionCode, TierCode, Won, text, whole
from marketplace.api.openapi import operation
from marketplace.api.schemas import TransitionIn
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.filters import read_filters
from marketplace.listings import opens_on_creation
from marketplace.permissions import acting_user, requires
from marketplace.programmes import services as programmes
from marketplace.programmes.models import ProgrammeStatus
from marketplace.validation import LONG_TEXT_CHARS, TITLE_CHARS

LIST_QUERY = query.listing(
    "spaces optional, typos tolerated in names",
    filters=tuple(
        query.code(name, f"{what}; programmes open to any match too", table)
        for name, what, table in (
            ("category", "Solution category code", "solution_categories"),
            ("industry", "KSIC division", "ksic_divisions"),
            ("region", "Region code", "regions"),
            ("tier", "Funding tier", "funding_tiers"),
        )
    ),
    states=ProgrammeStatus,
    budget=("Smallest cap per project in KRW", "Largest cap per project in KRW"),
    sorts=programmes.SORTS,
)
FOCUS = "Codes from the reference table; empty means any"


class ProgrammeFields(InputSchema):
    name: str = text(TITLE_CHARS, default=None)
    description: str = text(LONG_TEXT_CHARS, default=None, description="Korean or English")
    pledged_pool_krw: PoolWon = Field(default=None, description="Positive whole won")
    per_project_cap_krw: Won = Field(default=None, description="Positive whole won, at most the pool")
    sponsor_share_percent: StrictInt = whole(1, 100, default=None, description="Whole percent")
    focus_categories: list[CategoryCode] | None = Field(default=None, description=FOCUS)
    focus_industries: list[KsicCode] | None = Field(default=None, description=f"{FOCUS}: KSIC divisions")
    focus_regions: list[RegionCode] | None = Field(default=None, description=FOCUS)
    focus_tiers: list[TierCode] | None = Field(default=None, description=FOCUS)
    applications_open_on: IsoDate = Field(default=None, description="ISO date, e.g. 2025-03-01")
    applications_close_on: IsoDate = Field(default=None, description="ISO date, not before the opening")
    offers_mentoring: StrictBool | None = Field(default=None, description="Default false")


class ProgrammeIn(ProgrammeFields):
    status: Literal["draft", "open"] = Field(default="draft", description="'draft' (default) or 'open'")


class ProgrammeOut(OutputSchema):
    id: int
    organisation_id: int
    organisation_name: str
    name: str
    description: str
    pledged_pool_krw: int
    per_project_cap_krw: int
    sponsor_share_percent: int
    focus_categories: list[str]
    focus_industries: list[str]
    focus_regions: list[str]
    focus_tiers: list[str]
    applications_open_on: date
    applications_close_on: date
    offers_mentoring: bool
    status: str
    created_at: datetime
    updated_at: datetime


class ProgrammeList(OutputSchema):
    items: list[ProgrammeOut]
    total: int
    page: int
    per_page: int


def programme_body(programme: Any) -> dict[str, Any]:
    fields = {name: getattr(programme, name, None) for name in ProgrammeOut.model_fields}
    return dump(ProgrammeOut, fields | {"organisation_name": programme.organisation.name})


@bp.get("/programmes")
@operation("List and search programmes", "programmes", response=ProgrammeList, errors=(400, 401), query=LIST_QUERY)
@requires()
def list_programmes() -> dict[str, Any]:
    filters = read_filters(programmes.ProgrammeFilters, request.args, strict=True)
    return page_body(programmes.search_programmes(db.session, acting_user(), filters), programme_body)


@bp.post("/programmes")
@operation(
    "Create a programme (sponsor)",
    "programmes",
    body=ProgrammeIn,
    response=ProgrammeOut,
    status=201,
    errors=(400, 401, 403),
)
@requires(Role.SPONSOR)
def create_programme() -> tuple[dict[str, Any], int]:
    body = parse_body(ProgrammeIn)
    values = body.model_dump(exclude={"status"})
    programme = programmes.post_programme(db.session, acting_user(), values, open_now=opens_on_creation(body.status))
    db.session.flush()
    return programme_body(programme), 201


@bp.get("/programmes/<int:programme_id>")
@operation("One programme", "programmes", response=ProgrammeOut, errors=(401, 404))
@requires()
def get_programme(programme_id: int) -> dict[str, Any]:
    return programme_body(programmes.get_programme(db.session, acting_user(), programme_id))


@bp.patch("/programmes/<int:programme_id>")
@operation("Change your own programme", "programmes", body=ProgrammeFields, response=ProgrammeOut)
@requires()
def patch_programme(programme_id: int) -> dict[str, Any]:
    programme = programmes.get_programme(db.session, acting_user(), programme_id)
    changes = parse_body(ProgrammeFields).model_dump(exclude_unset=True)
    programmes.update_programme(db.session, acting_user(), programme, changes)
    db.session.flush()
    return programme_body(programme)


@bp.post("/programmes/<int:programme_id>/transitions")
@operation(
    "Open or close your programme (action: open, close)",
    "programmes",
    body=TransitionIn,
    response=ProgrammeOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def transition_programme(programme_id: int) -> dict[str, Any]:
    programme = programmes.get_programme(db.session, acting_user(), programme_id)
    programmes.transition_programme(db.session, acting_user(), programme, parse_body(TransitionIn).action)
    db.session.flush()
    return programme_body(programme)
