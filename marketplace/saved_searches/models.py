"""A saved search: one user's named filters over one browse page, and whether new fits are alerted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.db import Base, utcnow

NAME_CHARS = 100


class SavedSearch(Base):
    """Private to its user. `baseline_id`: the newest listing of its area when it was saved; only listings
    after it are new to the user (alerts never name what they could already see)."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_CHARS))
    area: Mapped[str] = mapped_column(String(20))
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    alerts: Mapped[bool] = mapped_column(default=True)
    baseline_id: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def owner_user_id(self) -> int:
        return self.user_id
