"""What attachments can belong to. The core names no feature: each package registers its own kinds of owner
(the app factory calls `register`), saying how to find one, who may attach to it and where its page is.
Who may see an attachment is always who may see its owner (the owner's policy, marketplace/policy.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import url_for
from sqlalchemy.orm import Session

from marketplace.auth.models import User

DOCUMENT = "document"
# Roles that hold one picture: a new one replaces the old.
IMAGE_ROLES = frozenset({"logo", "photo"})


@dataclass(frozen=True)
class OwnerKind:
    name: str  # "need": stored on each attachment, and in the page's upload address
    model: type
    collection: str  # the API's path: /api/v1/<collection>/<id>/attachments
    label: str  # English, for the API's summary
    may_attach: Callable[[User | None, Any], bool]  # adds and removes files
    page: Callable[[Any], str]  # the owner's page (where the upload form is), for redirects
    roles: tuple[str, ...] = (DOCUMENT,)
    # Who sees the files, when not everyone who sees the owner does (a project's consortium members read the
    # project, not its papers); None: whoever may view the owner.
    may_view: Callable[[User | None, Any], bool] | None = None

    def shows_files_to(self, user: User | None, owner: Any) -> bool:
        return self.may_view is None or self.may_view(user, owner)

    def load(self, session: Session, owner_id: int) -> Any:
        return session.get(self.model, owner_id)


def page_at(endpoint: str, id_arg: str, attribute: str = "id") -> Callable[[Any], str]:
    """An owner's page: the view `endpoint` with `id_arg` set to the owner's `attribute` (its id by default)."""
    return lambda owner: url_for(endpoint, **{id_arg: getattr(owner, attribute)})


KINDS: dict[str, OwnerKind] = {}


def register(*kinds: OwnerKind) -> None:
    for kind in kinds:
        KINDS[kind.name] = kind  # by name: a second app in the same process registers the same ones


def kind_named(name: str) -> OwnerKind | None:
    return KINDS.get(name)


def kind_of(owner: Any) -> OwnerKind | None:
    for kind in KINDS.values():
        if isinstance(owner, kind.model):
            return kind
    return None
