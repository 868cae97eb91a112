"""An attachment: a file kept for one object of the site (a need, a project, a mentor's log …)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.db import Base, utcnow


class Attachment(Base):
    """The owner is named by its kind (as registered in marketplace.attachments.kinds) and id."""

    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint("size_bytes > 0", name="size_positive"),
        Index("ix_attachments_owner", "owner_kind", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int]
    role: Mapped[str] = mapped_column(String(20), default="document")  # document, logo, photo
    filename: Mapped[str] = mapped_column(String(130))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(200), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
