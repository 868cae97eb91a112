"""A project's KPI values: one per KPI per phase, exact decimals, with who recorded them and when."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.db import Base, ScaledDecimal, enum_type, utcnow
from outcomes.kpis import SCALE, Phase


class KpiValue(Base):
    __tablename__ = "kpi_values"
    __table_args__ = (UniqueConstraint("project_id", "kpi", "phase", name="uq_kpi_values_project_kpi_phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    kpi: Mapped[str] = mapped_column(String(20))  # a code of outcomes.kpis.KPIS
    phase: Mapped[Phase] = mapped_column(enum_type(Phase, "kpi_phase"))
    value: Mapped[Decimal] = mapped_column(ScaledDecimal(SCALE))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
