"""Attach, list, read and remove files. Every refusal names the field (`file`, `role`) and stores nothing."""

from __future__ import annotations

import hashlib
import uuid
from functools import partial
from typing import Any

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from marketplace.attachments import content
from marketplace.attachments.kinds import DOCUMENT, IMAGE_ROLES, OwnerKind, kind_named
from marketplace.attachments.models import Attachment
from marketplace.attachments.storage import Storage
from marketplace.auth.models import User
from marketplace.errors import Forbidden, NotFound, ValidationFailed
from marketplace.policy import ensure, found
from marketplace.unit_of_work import after_commit

NO_SUCH_PAGE = _l("No such page.")
NO_SUCH_FILE = _l("No such file.")
ACCEPTED = _l("Only PDF, pictures (PNG, JPEG, WebP, GIF) and spreadsheets (xlsx, xls, csv) can be attached.")


class AttachFile(BaseModel):
    """The one use case: a file, its name as the person's computer gave it, and its role on the owner."""

    model_config = ConfigDict(frozen=True)

    filename: str
    data: bytes
    role: str = DOCUMENT
    max_bytes: int


def too_large(max_bytes: int) -> str:
    return str(_l("The file is larger than %(size)s. Attach a smaller one.", size=megabytes(max_bytes)))


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


def _refuse(field: str, message: Any) -> ValidationFailed:
    return ValidationFailed(message, fields={field: [str(message)]})


def owner_for(session: Session, actor: User | None, kind_name: str, owner_id: int) -> tuple[OwnerKind, Any]:
    """The owner the actor may see (else 404, as if it did not exist)."""
    kind = kind_named(kind_name)
    if kind is None:
        raise NotFound(NO_SUCH_PAGE)
    owner = found(actor, kind.load(session, owner_id), NO_SUCH_PAGE)
    if not kind.shows_files_to(actor, owner):
        raise NotFound(NO_SUCH_PAGE)
    return kind, owner


def checked_file(command: AttachFile) -> tuple[str, content.FileType]:
    """The kept name and the kind the content is; refused unless the content is what the name says."""
    if not command.data:
        raise _refuse("file", _l("Choose a file to attach."))
    if len(command.data) > command.max_bytes:
        raise _refuse("file", too_large(command.max_bytes))
    name = content.clean_name(command.filename)
    declared = content.BY_EXTENSION.get(content.extension_of(name))
    if declared is None:
        raise _refuse("file", ACCEPTED)
    actual = content.sniff(command.data)
    if actual is None or actual != declared:
        message = _l(
            "This file is not really a %(kind)s file: its content does not match its name.", kind=declared.label
        )
        raise _refuse("file", message)
    if command.role in IMAGE_ROLES and not actual.image:
        raise _refuse("file", _l("Choose a picture (PNG, JPEG, WebP or GIF)."))
    return name, actual


def attach_file(
    session: Session, actor: User, kind_name: str, owner_id: int, command: AttachFile, store: Storage
) -> Attachment:
    """Keep the file for the owner; a logo or photo replaces the previous one."""
    kind, owner = owner_for(session, actor, kind_name, owner_id)
    if not kind.may_attach(actor, owner):
        raise Forbidden(_l("Only those who keep this page can attach files to it."))
    if command.role not in kind.roles:
        raise _refuse("role", _l("Files here cannot have this role."))
    name, file_type = checked_file(command)
    if command.role in IMAGE_ROLES:
        for previous in attachments_of(session, kind, owner_id, command.role):
            _remove(session, previous, store)
    key = f"{kind.name}/{owner_id}/{uuid.uuid4().hex}"
    store.put(key, command.data, file_type.mime)
    attachment = Attachment(
        owner_kind=kind.name,
        owner_id=owner_id,
        role=command.role,
        filename=name,
        content_type=file_type.mime,
        size_bytes=len(command.data),
        sha256=hashlib.sha256(command.data).hexdigest(),
        storage_key=key,
        uploaded_by_id=actor.id,
    )
    session.add(attachment)
    session.flush()
    return attachment


# An owner's files, oldest first: built once per process (every listing page asks it), the owner bound per call.
OWNED = (
    select(Attachment)
    .where(Attachment.owner_kind == bindparam("kind"), Attachment.owner_id == bindparam("owner_id"))
    .order_by(Attachment.created_at, Attachment.id)
)


def attachments_of(session: Session, kind: OwnerKind, owner_id: int, role: str | None = None) -> list[Attachment]:
    statement = OWNED if role is None else OWNED.where(Attachment.role == role)
    return list(session.scalars(statement, {"kind": kind.name, "owner_id": owner_id}))


def list_attachments(session: Session, viewer: User | None, kind_name: str, owner_id: int) -> list[Attachment]:
    kind, _owner = owner_for(session, viewer, kind_name, owner_id)
    return attachments_of(session, kind, owner_id)


def get_attachment(session: Session, viewer: User | None, attachment_id: int) -> Attachment:
    """The attachment if the viewer may see its owner; else 404."""
    return found(viewer, session.get(Attachment, attachment_id), NO_SUCH_FILE)


def remove_attachment(session: Session, actor: User, attachment_id: int, store: Storage) -> Attachment:
    attachment = get_attachment(session, actor, attachment_id)
    ensure(actor, "delete", attachment, _l("Only those who keep this page can remove its files."))
    _remove(session, attachment, store)
    return attachment


def _remove(session: Session, attachment: Attachment, store: Storage) -> None:
    session.delete(attachment)
    session.flush()
    after_commit(partial(store.delete, attachment.storage_key), session)  # the bytes go once the row is gone
