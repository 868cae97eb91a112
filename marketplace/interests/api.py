"""/api/v1/interests: express interest, read the inbox and outbox, accept or decline."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from flask import request
from pydantic import Field

from marketplace.api import bp, query
from marketplace.api.conventions import InputSchema, OutputSchema, dump, page_body, parse_body
from marketplace.api.fields import RowId, text
from marketplace.api.openapi import creates, operation
from marketplace.context import from_request
from marketplace.db import db
from marketplace.extensions import message_limit
from marketplace.filters import read_filters
from marketplace.interests import services as interests
from marketplace.interests.models import Interest
from marketplace.permissions import actor, requires
from marketplace.validation import MESSAGE_CHARS


class InterestIn(InputSchema):
    target_type: Literal["need", "solution", "programme"]
    target_id: RowId
    message: str = text(MESSAGE_CHARS)


class ContactOut(OutputSchema):
    name: str | None
    email: str | None
    organisation: str | None
    phone: str | None


class ContactsOut(OutputSchema):
    sender: ContactOut
    recipient: ContactOut


class InterestOut(OutputSchema):
    id: int
    target_type: str
    target_id: int
    target_title: str
    message: str
    status: str
    sender_id: int
    sender_name: str
    sender_organisation_id: int | None
    recipient_organisation_id: int
    recipient_organisation_name: str
    created_at: datetime
    read_at: datetime | None
    decided_at: datetime | None
    contact: ContactsOut | None = Field(
        default=None, description="Both sides' contact details, once accepted; else null"
    )


class InterestList(OutputSchema):
    items: list[InterestOut]
    total: int
    page: int
    per_page: int
    unread: int = Field(description="Received interests nobody in your organisation has opened")


def interest_body(interest: Interest) -> dict[str, Any]:
    return dump(InterestOut, interest) | {"contact": interests.contact_details(db.session, interest)}


BOX_QUERY = (
    query.choice("box", "in: received by your organisation (default); out: sent", ("in", "out")),
    *query.PAGING,
)


@bp.post("/interests")
@creates("Express interest in a listing", "interests", InterestIn, InterestOut)
@message_limit
@requires()
def create_interest() -> tuple[dict[str, Any], int]:
    body = parse_body(InterestIn)
    interest = interests.express_interest(
        db.session, from_request(actor()), body.target_type, body.target_id, body.message
    )
    db.session.flush()
    return interest_body(interest), 201


@bp.get("/interests")
@operation("Your inbox or outbox", "interests", response=InterestList, errors=(400, 401), query=BOX_QUERY)
@requires()
def list_interests() -> dict[str, Any]:
    paging = read_filters(query.Paging, request.args, strict=True)
    user = actor()
    page = interests.list_interests(db.session, user, request.args.get("box") or "in", paging.page, paging.per_page)
    return page_body(page, interest_body) | {"unread": interests.unread_count(db.session, user)}


@bp.get("/interests/<int:interest_id>")
@operation(
    "One interest you are a party to (reading it changes nothing; POST …/read marks it read)",
    "interests",
    response=InterestOut,
    errors=(401, 404),
)
@requires()
def get_interest(interest_id: int) -> dict[str, Any]:
    return interest_body(interests.get_interest(db.session, actor(), interest_id))


@bp.post("/interests/<int:interest_id>/read")
@operation("Mark an interest your organisation received as read", "interests", response=InterestOut, errors=(401, 404))
@requires()
def mark_interest_read(interest_id: int) -> dict[str, Any]:
    user = actor()
    interest = interests.mark_interest_read(db.session, user, interests.get_interest(db.session, user, interest_id))
    db.session.flush()
    return interest_body(interest)


def _decide(interest_id: int, action: str) -> dict[str, Any]:
    interest = interests.get_interest(db.session, actor(), interest_id)
    interests.decide_interest(db.session, from_request(actor()), interest, action)
    db.session.flush()
    return interest_body(interest)


@bp.post("/interests/<int:interest_id>/accept")
@operation(
    "Accept an interest your organisation received", "interests", response=InterestOut, errors=(401, 403, 404, 409)
)
@requires()
def accept_interest(interest_id: int) -> dict[str, Any]:
    return _decide(interest_id, "accept")


@bp.post("/interests/<int:interest_id>/decline")
@operation(
    "Decline an interest your organisation received", "interests", response=InterestOut, errors=(401, 403, 404, 409)
)
@requires()
def decline_interest(interest_id: int) -> dict[str, Any]:
    return _decide(interest_id, "decline")
