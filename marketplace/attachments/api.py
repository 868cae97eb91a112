"""Attachments in the API: list and upload on each kind of owner, download and delete one file.

Routes are added per registered kind (`/api/v1/needs/<id>/attachments` …) by `add_api_routes`, which the app
factory calls once the features have registered their kinds, before the API's blueprint is registered.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Response, request, url_for
from flask_babel import lazy_gettext as _l

from marketplace.api import bp
from marketplace.api.conventions import OutputSchema, dump
from marketplace.api.openapi import operation
from marketplace.attachments.kinds import OwnerKind
from marketplace.attachments.models import Attachment
from marketplace.attachments.services import attach_file, get_attachment, list_attachments, remove_attachment, too_large
from marketplace.attachments.serving import command_from_request, file_response, max_bytes, store
from marketplace.db import db
from marketplace.errors import ValidationFailed, error_response
from marketplace.extensions import upload_limit
from marketplace.permissions import acting_user, actor, requires
from marketplace.security import accepts_upload


class AttachmentOut(OutputSchema):
    id: int
    owner_kind: str
    owner_id: int
    role: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: datetime


class AttachmentList(OutputSchema):
    items: list[AttachmentOut]


def attachment_body(attachment: Attachment) -> dict[str, Any]:
    url = url_for("api.get_attachment_file", attachment_id=attachment.id)
    return dump(AttachmentOut, attachment) | {"url": url}


def _too_large() -> Response:
    message = too_large(max_bytes())
    return error_response(413, "too_large", message, {"file": [message]})


def _list_view(kind: OwnerKind) -> Any:
    @operation(f"Files attached to a {kind.label}", "attachments", response=AttachmentList, errors=(401, 404))
    @requires()
    def view(owner_id: int) -> dict[str, Any]:
        items = list_attachments(db.session, acting_user(), kind.name, owner_id)
        return {"items": [attachment_body(item) for item in items]}

    view.__name__ = f"list_{kind.name}_attachments"
    return view


def _upload_view(kind: OwnerKind) -> Any:
    roles = ", ".join(kind.roles)
    summary = f"Attach a file to a {kind.label} (multipart/form-data: file; role: {roles})"

    @operation(summary, "attachments", response=AttachmentOut, status=201, errors=(400, 401, 403, 404))
    @upload_limit
    @requires()
    def view(owner_id: int) -> tuple[dict[str, Any], int]:
        if request.mimetype != "multipart/form-data":
            message = _l("Send the file as multipart/form-data, in the field 'file'.")
            raise ValidationFailed(message, fields={"file": [str(message)]})
        attachment = attach_file(db.session, actor(), kind.name, owner_id, command_from_request(), store())
        return attachment_body(attachment), 201

    view.__name__ = f"attach_to_{kind.name}"
    return accepts_upload("ATTACHMENT_MAX_BYTES", _too_large)(view)


_ROUTED: set[str] = set()


def add_api_routes(kinds: list[OwnerKind]) -> None:
    for kind in kinds:
        if kind.name in _ROUTED:
            continue  # a second app in the same process: the blueprint has them already
        _ROUTED.add(kind.name)
        path = f"/{kind.collection}/<int:owner_id>/attachments"
        bp.add_url_rule(path, f"list_{kind.name}_attachments", _list_view(kind), methods=["GET"])
        bp.add_url_rule(path, f"attach_to_{kind.name}", _upload_view(kind), methods=["POST"])


@bp.get("/attachments/<int:attachment_id>")
@operation("Download an attached file (its bytes, as it was uploaded)", "attachments", errors=(401, 404))
@requires()
def get_attachment_file(attachment_id: int) -> Response:
    return file_response(get_attachment(db.session, acting_user(), attachment_id))


@bp.delete("/attachments/<int:attachment_id>")
@operation("Remove an attached file", "attachments", status=204, errors=(401, 403, 404))
@requires()
def delete_attachment(attachment_id: int) -> tuple[str, int]:
    remove_attachment(db.session, actor(), attachment_id, store())
    return "", 204
