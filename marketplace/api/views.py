"""Core API endpoints: the caller, organisations, the OpenAPI document."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import current_app

from marketplace import clock
from marketplace.account_data import close_account, export_data
from marketplace.api import bp
from marketplace.api.conventions import dump, parse_body
from marketplace.api.openapi import build_document, operation
from marketplace.api.schemas import (
    AccountCloseIn,
    AccountExportOut,
    MeOut,
    OrganisationOut,
    OrganisationPatch,
    WorkQueueOut,
)
from marketplace.db import db
from marketplace.extensions import configured_limit, limiter
from marketplace.organisations.commands import OrganisationProfile
from marketplace.organisations.profile import update_profile
from marketplace.organisations.services import (
    PRIVATE_FIELDS,
    get_organisation,
    update_organisation,
)
from marketplace.permissions import acting_user, actor, requires
from marketplace.policy import can
from marketplace.work_queue import work_queue


@bp.get("/openapi.json")
@operation("OpenAPI document", "meta", errors=(), public=True)
def openapi() -> dict[str, Any]:
    return build_document(current_app)


@bp.get("/me")
@operation("The calling user", "accounts", response=MeOut, errors=(401,))
@requires()
def me() -> dict[str, Any]:
    return dump(MeOut, acting_user())


@bp.get("/organisations/<int:organisation_id>")
@operation("One organisation", "organisations", response=OrganisationOut, errors=(401, 404))
@requires()
def get_organisation_view(organisation_id: int) -> dict[str, Any]:
    organisation = get_organisation(db.session, organisation_id)
    data = dump(OrganisationOut, organisation)
    if not can(actor(), "view_private", organisation):
        data.update(dict.fromkeys(PRIVATE_FIELDS))
    return data


@bp.patch("/organisations/<int:organisation_id>")
@operation("Change your own organisation", "organisations", body=OrganisationPatch, response=OrganisationOut)
@requires()
def patch_organisation(organisation_id: int) -> dict[str, Any]:
    organisation = get_organisation(db.session, organisation_id)
    changes = parse_body(OrganisationPatch).model_dump(exclude_unset=True)
    update_organisation(db.session, actor(), organisation, changes)
    db.session.flush()
    return dump(OrganisationOut, organisation)


@bp.patch("/organisations/<int:organisation_id>/profile")
@operation(
    "Change your organisation's public profile (its managers)",
    "organisations",
    body=OrganisationProfile,
    response=OrganisationOut,
)
@requires()
def patch_organisation_profile(organisation_id: int) -> dict[str, Any]:
    organisation = get_organisation(db.session, organisation_id)
    update_profile(db.session, actor(), organisation, parse_body(OrganisationProfile))
    return dump(OrganisationOut, organisation)


@bp.get("/me/work-queue")
@operation(
    "What you must do now: the items of your dashboard's work queue", "accounts", response=WorkQueueOut, errors=(401,)
)
@requires()
def my_work_queue() -> dict[str, Any]:
    entries = work_queue(db.session, actor(), clock.today())
    return {"items": [asdict(entry) for entry in entries]}


@bp.get("/account/export")
@operation(
    "Your own data: account, organisation, listings, interests, notifications, consents",
    "accounts",
    response=AccountExportOut,
    errors=(401,),
)
@requires()
def export_account() -> dict[str, Any]:
    return export_data(db.session, actor())


@bp.post("/account/close")
@operation(
    "Close your own account: your password again; your sessions and tokens end, this one included",
    "accounts",
    body=AccountCloseIn,
    status=204,
    errors=(400, 401),
)
@limiter.limit(configured_limit("LOGIN_RATE_LIMIT"))  # a password is checked: as sparing as log-ins
@requires()
def close_own_account() -> tuple[str, int]:
    body = parse_body(AccountCloseIn)
    close_account(db.session, actor(), body.password)
    return "", 204
