"""A government programme (year, budget, track) and its cost-share rules, one per funding tier, with their history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from funds.government.split import ShareRule
from marketplace.db import Base, utcnow

# A rule for tier ANY_TIER applies to every funding tier (상생형 type 2 has one row, "—", for all).
ANY_TIER = "any"


class GovernmentProgramme(Base):
    __tablename__ = "government_programmes"
    __table_args__ = (
        CheckConstraint("budget_krw > 0", name="budget_positive"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_in_range"),
        UniqueConstraint("name", "year", name="uq_government_programmes_name_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    budget_krw: Mapped[int] = mapped_column(BigInteger)
    # 상생형 tracks need a sponsor programme; the government-only 보급 track takes none.
    requires_sponsor: Mapped[bool]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    rules: Mapped[list[CostShareRule]] = relationship(
        back_populates="programme", order_by="CostShareRule.id", cascade="all, delete-orphan"
    )

    def rule_for(self, tier: str) -> CostShareRule | None:
        """The rule of this tier, else the rule for any tier."""
        by_tier = {rule.tier: rule for rule in self.rules}
        return by_tier.get(tier) or by_tier.get(ANY_TIER)

    def label(self, locale: str) -> str:
        return self.name if locale == "ko" else self.name_en


class CostShareRule(Base):
    __tablename__ = "cost_share_rules"
    __table_args__ = (
        UniqueConstraint("government_programme_id", "tier", name="uq_cost_share_rules_programme_tier"),
        CheckConstraint("government_percent BETWEEN 0 AND 100", name="government_percent_range"),
        CheckConstraint("sponsor_min_percent BETWEEN 0 AND 100", name="sponsor_percent_range"),
        CheckConstraint("sme_max_percent BETWEEN 0 AND 100", name="sme_percent_range"),
        CheckConstraint("government_percent + sponsor_min_percent <= 100", name="floors_fit"),
        CheckConstraint("government_cap_krw IS NULL OR government_cap_krw > 0", name="government_cap_positive"),
        CheckConstraint("sponsor_cap_krw IS NULL OR sponsor_cap_krw > 0", name="sponsor_cap_positive"),
        CheckConstraint("total_cap_krw IS NULL OR total_cap_krw > 0", name="total_cap_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    government_programme_id: Mapped[int] = mapped_column(ForeignKey("government_programmes.id"), index=True)
    tier: Mapped[str] = mapped_column(String(20))
    government_percent: Mapped[int]
    government_cap_krw: Mapped[int | None] = mapped_column(BigInteger)
    sponsor_min_percent: Mapped[int]
    sponsor_cap_krw: Mapped[int | None] = mapped_column(BigInteger)
    sme_max_percent: Mapped[int]
    total_cap_krw: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    programme: Mapped[GovernmentProgramme] = relationship(back_populates="rules")

    def share_rule(self) -> ShareRule:
        return ShareRule(
            government_percent=self.government_percent,
            government_cap_krw=self.government_cap_krw,
            sponsor_min_percent=self.sponsor_min_percent,
            sponsor_cap_krw=self.sponsor_cap_krw,
            sme_max_percent=self.sme_max_percent,
            total_cap_krw=self.total_cap_krw,
            requires_sponsor=self.programme.requires_sponsor,
        )

    def terms(self) -> dict[str, Any]:
        """The rule's values, as a project keeps them (the rule may change later; the project's split does not)."""
        return {field: getattr(self, field) for field in RULE_FIELDS} | {"tier": self.tier}


RULE_FIELDS = (
    "government_percent",
    "government_cap_krw",
    "sponsor_min_percent",
    "sponsor_cap_krw",
    "sme_max_percent",
    "total_cap_krw",
)


class GovernmentProgrammeChange(Base):
    """The audit trail: who changed a programme's budget or a rule, when, from what to what. Append-only."""

    __tablename__ = "government_programme_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    government_programme_id: Mapped[int] = mapped_column(ForeignKey("government_programmes.id"), index=True)
    # "programme" for the programme's own fields, else the tier of the rule that changed.
    subject: Mapped[str] = mapped_column(String(20))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)  # field -> [before, after]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
