"""An attachment is seen by whoever may see its owner, and removed by whoever may attach to it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import object_session

from marketplace.attachments.kinds import kind_named
from marketplace.attachments.models import Attachment
from marketplace.auth.models import User
from marketplace.policy import Policy, can, registers


def owner_of(attachment: Attachment) -> Any:
    kind, session = kind_named(attachment.owner_kind), object_session(attachment)
    return None if kind is None or session is None else kind.load(session, attachment.owner_id)


@registers(Attachment, "attachment")
class AttachmentPolicy(Policy):
    actions = ("view", "delete")

    def view(self, user: User | None, attachment: Attachment) -> bool:
        kind, owner = kind_named(attachment.owner_kind), owner_of(attachment)
        return kind is not None and owner is not None and can(user, "view", owner) and kind.shows_files_to(user, owner)

    def delete(self, user: User | None, attachment: Attachment) -> bool:
        kind, owner = kind_named(attachment.owner_kind), owner_of(attachment)
        return kind is not None and owner is not None and self.view(user, attachment) and kind.may_attach(user, owner)
