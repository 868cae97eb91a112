"""Energy pre-investment (에너지 절감액 분할상환): a month's measured savings and the repayment they made."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.db import Base, utcnow


class EnergySaving(Base):
    __tablename__ = "energy_savings"
    __table_args__ = (
        UniqueConstraint("project_id", "month", name="uq_energy_savings_project_month"),
        CheckConstraint("saved_krw >= 0", name="saved_not_negative"),
        CheckConstraint("repaid_krw >= 0 AND repaid_krw <= saved_krw", name="repaid_within_saved"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    month: Mapped[date]  # the first day of the month measured
    saved_kwh: Mapped[int | None]
    saved_krw: Mapped[int] = mapped_column(BigInteger)
    repaid_krw: Mapped[int] = mapped_column(BigInteger)
    transaction_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_transactions.id"))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
