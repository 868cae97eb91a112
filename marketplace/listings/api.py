"""The JSON endpoints every kind of listing shares: list, create, get, change, change status.

A kind's api.py describes its answer body, its query and its summaries in a `ListingApi` and calls
`add_api`; endpoint names (`api.list_needs`, `api.create_need`, ...) and paths are the same for every kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from flask import request
from pydantic import create_model

from marketplace.api import bp, query
from marketplace.api.conventions import OutputSchema, dump, page_body, parse_body
from marketplace.api.openapi import operation
from marketplace.api.query import Query
from marketplace.api.schemas import TransitionIn
from marketplace.context import from_request
from marketplace.db import CodeSet, db
from marketplace.filters import code_filters, read_filters
from marketplace.listings.kind import ListingKind
from marketplace.listings.services import get_listing, move_listing, post_listing, search_listings, update_listing
from marketplace.permissions import acting_user, actor, requires

CHANGE_ERRORS = (400, 401, 403, 404, 409)


@dataclass(frozen=True)
class ListingApi:
    """What a kind's endpoints answer and how the OpenAPI document describes them."""

    kind: ListingKind
    search: str  # what the list's free-text search tolerates
    # The OpenAPI summaries of creating and of changing status: ("Post a need (SME)", "Publish, ... your need").
    summaries: tuple[str, str]

    @cached_property
    def out(self) -> type[OutputSchema]:
        return listing_out(self.kind.model, f"{self.kind.name.capitalize()}Out")

    @cached_property
    def query(self) -> tuple[Query, ...]:
        filters = self.kind.filters
        codes = tuple(query.code(name, doc, table) for name, doc, table in code_filters(filters))
        states = self.kind.model.status.type.enum_class
        return query.listing(self.search, codes, states, filters.budget_doc, self.kind.sorts)

    def body(self, listing: Any) -> dict[str, Any]:
        return dump(self.out, listing)


# Every listing answers with these around its own columns; the author and the search text stay inside.
LEADING = {"id": int, "organisation_id": int, "organisation_name": str}
TRAILING = {"status": str, "created_at": datetime, "updated_at": datetime}
HIDDEN = {"author_id", "search_text"}


def _python_type(column: Any) -> Any:
    kind: Any = list[str] if isinstance(column.type, CodeSet) else column.type.python_type
    return kind | None if column.nullable else kind


def listing_out(model: Any, schema_name: str) -> type[OutputSchema]:
    """One listing as JSON: its table's columns, in their order, between those every listing answers with."""
    own = {
        column.key: _python_type(column)
        for column in model.__table__.columns
        if column.key not in {*LEADING, *TRAILING, *HIDDEN}
    }
    fields = LEADING | own | TRAILING
    return create_model(schema_name, __base__=OutputSchema, **{key: (kind, ...) for key, kind in fields.items()})  # type: ignore[call-overload]


def list_schema(out: type[OutputSchema]) -> type[OutputSchema]:
    """The page of items a collection answers with, named after its item ("NeedOut" -> "NeedList")."""
    fields: dict[str, Any] = {
        "items": (list[out], ...),  # type: ignore[valid-type]
        "total": (int, ...),
        "page": (int, ...),
        "per_page": (int, ...),
    }
    return create_model(f"{out.__name__.removesuffix('Out')}List", __base__=OutputSchema, **fields)


def add_api(api: ListingApi) -> None:
    """Register the five shared endpoints of a kind of listing under /api/v1/<plural>."""
    kind = api.kind
    one, many, id_name = kind.name, kind.plural, f"{kind.name}_id"
    item = f"/{many}/<int:{id_name}>"
    listed = operation(
        f"List and search {many}", many, response=list_schema(api.out), errors=(400, 401), query=api.query
    )
    created = operation(api.summaries[0], many, body=kind.create, response=api.out, status=201, errors=(400, 401, 403))
    fetched = operation(f"One {one}", many, response=api.out, errors=(401, 404))
    changed = operation(f"Change your own {one}", many, body=kind.fields, response=api.out)
    moved = operation(api.summaries[1], many, body=TransitionIn, response=api.out, errors=CHANGE_ERRORS)
    routes = (
        (f"/{many}", f"list_{many}", "GET", listed(requires()(lambda: _list(api)))),
        (f"/{many}", f"create_{one}", "POST", created(requires(kind.author_role)(lambda: _create(api)))),
        (item, f"get_{one}", "GET", fetched(requires()(lambda **ids: _get(api, ids[id_name])))),
        (item, f"patch_{one}", "PATCH", changed(requires()(lambda **ids: _patch(api, ids[id_name])))),
        (
            f"{item}/transitions",
            f"transition_{one}",
            "POST",
            moved(requires()(lambda **ids: _move(api, ids[id_name]))),
        ),
    )
    for rule, endpoint, method, view in routes:
        bp.add_url_rule(rule, endpoint, view, methods=[method])


def _list(api: ListingApi) -> dict[str, Any]:
    filters = read_filters(api.kind.filters, request.args, strict=True)
    return page_body(search_listings(db.session, api.kind, acting_user(), filters), api.body)


def _create(api: ListingApi) -> tuple[dict[str, Any], int]:
    listing = post_listing(db.session, api.kind, from_request(actor()), parse_body(api.kind.create))
    db.session.flush()
    return api.body(listing), 201


def _get(api: ListingApi, listing_id: int) -> dict[str, Any]:
    return api.body(get_listing(db.session, api.kind, acting_user(), listing_id))


def _patch(api: ListingApi, listing_id: int) -> dict[str, Any]:
    listing = get_listing(db.session, api.kind, actor(), listing_id)
    update_listing(db.session, api.kind, from_request(actor()), listing, parse_body(api.kind.fields))
    db.session.flush()
    return api.body(listing)


def _move(api: ListingApi, listing_id: int) -> dict[str, Any]:
    listing = get_listing(db.session, api.kind, actor(), listing_id)
    move_listing(db.session, api.kind, from_request(actor()), listing, parse_body(TransitionIn).action)
    db.session.flush()
    return api.body(listing)
