"""/api/v1/saved-searches: your saved searches; list, save, read, change (name, alerts) and delete them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Response

from marketplace.api import bp
from marketplace.api.conventions import OutputSchema, dump, parse_body
from marketplace.api.openapi import creates, operation
from marketplace.db import db
from marketplace.permissions import actor, requires
from marketplace.saved_searches import services as saved
from marketplace.saved_searches.commands import SavedSearchFields, SavedSearchIn


class SavedSearchOut(OutputSchema):
    id: int
    name: str
    area: str
    filters: dict[str, str]
    alerts: bool
    created_at: datetime
    updated_at: datetime


class SavedSearchList(OutputSchema):
    items: list[SavedSearchOut]


@bp.get("/saved-searches")
@operation("Your saved searches, newest first", "saved searches", response=SavedSearchList, errors=(401,))
@requires()
def list_saved_searches() -> dict[str, Any]:
    return {"items": [dump(SavedSearchOut, search) for search in saved.list_searches(db.session, actor())]}


@bp.post("/saved-searches")
@creates(
    "Save a search: a list's filters under a name (alerts of new listings that fit: on by default)",
    "saved searches",
    SavedSearchIn,
    SavedSearchOut,
    errors=(400, 401, 409),
)
@requires()
def create_saved_search() -> tuple[dict[str, Any], int]:
    search = saved.save_search(db.session, actor(), parse_body(SavedSearchIn))
    return dump(SavedSearchOut, search), 201


@bp.get("/saved-searches/<int:search_id>")
@operation("One of your saved searches", "saved searches", response=SavedSearchOut, errors=(401, 404))
@requires()
def get_saved_search(search_id: int) -> dict[str, Any]:
    return dump(SavedSearchOut, saved.get_search(db.session, actor(), search_id))


@bp.patch("/saved-searches/<int:search_id>")
@operation(
    "Rename a saved search or turn its alerts on or off",
    "saved searches",
    body=SavedSearchFields,
    response=SavedSearchOut,
    errors=(400, 401, 404),
)
@requires()
def update_saved_search(search_id: int) -> dict[str, Any]:
    search = saved.get_search(db.session, actor(), search_id)
    saved.update_search(db.session, actor(), search, parse_body(SavedSearchFields))
    return dump(SavedSearchOut, search)


@bp.delete("/saved-searches/<int:search_id>")
@operation("Delete a saved search", "saved searches", status=204, errors=(401, 404))
@requires()
def delete_saved_search(search_id: int) -> Response:
    saved.delete_search(db.session, actor(), saved.get_search(db.session, actor(), search_id))
    return Response(status=204)
