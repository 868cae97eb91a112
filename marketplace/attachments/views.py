"""The attachment pages' actions: attach a file on its owner's page, download it, remove it.

The upload form and the list are a partial (templates/attachments/_panel.html) that each owner's page includes;
`attachment_panel(owner)` gives it what to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, request, session
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.attachments import bp, content
from marketplace.attachments.kinds import IMAGE_ROLES, kind_of
from marketplace.attachments.models import Attachment
from marketplace.attachments.services import (
    attach_file,
    attachments_of,
    get_attachment,
    megabytes,
    owner_for,
    remove_attachment,
    too_large,
)
from marketplace.attachments.serving import command_from_request, file_response, max_bytes, store
from marketplace.db import db
from marketplace.errors import ValidationFailed
from marketplace.extensions import upload_limit
from marketplace.permissions import acting_user, actor, requires
from marketplace.security import accepts_upload

ERROR_KEY = "attachment_error"


def _back_to_owner(kind_name: str, owner_id: int, field: str = "", message: str = "") -> Response:
    """To the owner's page, where the form shows `message` under `field` (kept in the session until shown)."""
    kind, owner = owner_for(db.session, acting_user(), kind_name, owner_id)
    if message:
        session[ERROR_KEY] = {"owner": f"{kind.name}:{owner_id}", "field": field or "file", "message": message}
    page = kind.page(owner)
    return redirect(page if "#" in page else f"{page}#attachments")


def _too_large_page() -> Response:
    view_args = request.view_args or {}
    return _back_to_owner(view_args["kind_name"], view_args["owner_id"], "file", too_large(max_bytes()))


@bp.post("/<kind_name>/<int:owner_id>")
@accepts_upload("ATTACHMENT_MAX_BYTES", _too_large_page)
@upload_limit
@requires()
def attach(kind_name: str, owner_id: int) -> Response:
    command = command_from_request()
    try:
        attach_file(db.session, actor(), kind_name, owner_id, command, store())
    except ValidationFailed as refused:
        db.session.rollback()
        field = next(iter(refused.fields), "file")
        return _back_to_owner(kind_name, owner_id, field, str(refused.message))
    flash(_("The file is attached."), "success")
    return _back_to_owner(kind_name, owner_id)


@bp.get("/<int:attachment_id>/download")
def download(attachment_id: int) -> Response:
    return file_response(get_attachment(db.session, acting_user(), attachment_id))


@bp.post("/<int:attachment_id>/delete")
@requires()
def remove(attachment_id: int) -> Response:
    attachment = remove_attachment(db.session, actor(), attachment_id, store())
    flash(_("The file is removed."), "success")
    return _back_to_owner(attachment.owner_kind, attachment.owner_id)


@dataclass(frozen=True)
class Panel:
    kind: str
    owner_id: int
    items: list[Attachment]
    can_attach: bool
    roles: tuple[str, ...]
    max_bytes: int
    accept: str
    error: dict[str, str] | None
    too_large: str
    size_label: str


def attachment_panel(owner: Any) -> Panel | None:
    """What the owner's page shows: its files, and the upload form to those who may attach (None: not an owner)."""
    kind = kind_of(owner)
    if kind is None or owner is None:
        return None
    viewer = acting_user()
    if not kind.shows_files_to(viewer, owner):
        return None
    error = session.get(ERROR_KEY)
    if error and error.get("owner") == f"{kind.name}:{owner.id}":
        session.pop(ERROR_KEY)
    else:
        error = None
    return Panel(
        kind=kind.name,
        owner_id=owner.id,
        items=attachments_of(db.session, kind, owner.id),
        can_attach=kind.may_attach(viewer, owner),
        roles=kind.roles,
        max_bytes=max_bytes(),
        accept=",".join(f".{extension}" for extension in content.BY_EXTENSION),
        error=error,
        too_large=too_large(max_bytes()),
        size_label=megabytes(max_bytes()),
    )


def attachment_image(owner: Any, role: str) -> Attachment | None:
    """The owner's picture in this role (a logo, a photo), if any."""
    kind = kind_of(owner)
    if kind is None or owner is None or role not in IMAGE_ROLES:
        return None
    pictures = attachments_of(db.session, kind, owner.id, role)
    return pictures[-1] if pictures else None


def role_label(role: str) -> str:
    return {"document": _("Document"), "logo": _("Logo"), "photo": _("Photo")}.get(role, role)


def file_size(size: int) -> str:
    """A file's size as people read it in either language: 157 B, 12 KB, 1.4 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


TEMPLATE_HELPERS = {
    "attachment_size": file_size,
    "attachment_panel": attachment_panel,
    "attachment_image": attachment_image,
    "attachment_role_label": role_label,
}
