"""A consortium programme's members: sponsor firms that pledge together to one sponsor programme.

A programme without member rows is run by one sponsor, as before. Once its lead (the programme's own
organisation) adds a member, every member, the lead included, has a row with its own pledge, and the
programme's pledged pool is the sum of the members' pledges (funds.consortia keeps the two in step).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Base, utcnow
from marketplace.organisations.models import Organisation


class ProgrammeMember(Base):
    __tablename__ = "programme_members"
    __table_args__ = (
        UniqueConstraint("programme_id", "organisation_id", name="uq_programme_members_programme_organisation"),
        CheckConstraint("pledged_krw > 0", name="pledge_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("sponsor_programmes.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    pledged_krw: Mapped[int] = mapped_column(BigInteger)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
