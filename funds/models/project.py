"""A co-investment project: an SME's need, a supplier's solution at a quoted cost, split by a government rule."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from funds.models.rules import CostShareRule, GovernmentProgramme
from marketplace.db import Base, enum_type, utcnow
from marketplace.transitions import Move, StateMachine

if TYPE_CHECKING:
    from marketplace.auth.models import User
    from marketplace.needs.models import Need
    from marketplace.programmes.models import SponsorProgramme
    from marketplace.solutions.models import Solution


class ProjectStatus(enum.StrEnum):
    APPLIED = "applied"
    SELECTED = "selected"
    AGREED = "agreed"
    DESIGNING = "designing"
    BUILDING = "building"
    INSPECTED = "inspected"
    COMPLETED = "completed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


S = ProjectStatus
# The states in which the project's shares are committed (in escrow or disbursed).
COMMITTED_STATES = (S.AGREED, S.DESIGNING, S.BUILDING, S.INSPECTED, S.COMPLETED)
OPEN_STATES = (S.APPLIED, S.SELECTED, S.AGREED, S.DESIGNING, S.BUILDING, S.INSPECTED)
DESIGN_DUE_MONTHS = 3  # SPEC: design is due within 3 months of agreement


class Party(enum.StrEnum):
    SME = "sme"
    SPONSOR = "sponsor"  # the sponsor firm whose programme backs the project
    SUPPLIER = "supplier"  # the firm whose solution was chosen
    OFFICER = "officer"


# Who may take each action (the state machine says from which states). On the government-only track
# there is no sponsor, so the officer selects (funds.projects.services.parties makes the officer act as sponsor).
PROJECT_ACTORS: dict[str, tuple[Party, ...]] = {
    "select": (Party.SPONSOR,),
    "agree": (Party.OFFICER,),  # the officer approves the government share; both shares are committed
    "start_design": (Party.SUPPLIER,),
    "start_build": (Party.SUPPLIER,),
    "inspect": (Party.OFFICER,),
    "complete": (Party.SME, Party.OFFICER),
    "reject": (Party.SPONSOR, Party.OFFICER),
    "cancel": (Party.SME, Party.OFFICER),
}
PROJECT_MOVES = StateMachine(
    [
        Move("select", (S.APPLIED,), S.SELECTED),
        Move("agree", (S.SELECTED,), S.AGREED),
        Move("start_design", (S.AGREED,), S.DESIGNING),
        Move("start_build", (S.DESIGNING,), S.BUILDING),
        Move("inspect", (S.BUILDING,), S.INSPECTED),
        Move("complete", (S.INSPECTED,), S.COMPLETED),
        Move("reject", (S.APPLIED, S.SELECTED), S.REJECTED),
        # After inspection the money has gone to the supplier: nothing is left to cancel.
        Move("cancel", (S.APPLIED, S.SELECTED, S.AGREED, S.DESIGNING, S.BUILDING), S.CANCELLED),
    ],
    PROJECT_ACTORS,
)


class Project(Base):
    __tablename__ = "projects"
    __table_args__ = (
        CheckConstraint("cost_krw > 0", name="cost_positive"),
        CheckConstraint(
            "government_share_krw >= 0 AND sponsor_share_krw >= 0 AND sme_share_krw >= 0", name="shares_not_negative"
        ),
        CheckConstraint("government_share_krw + sponsor_share_krw + sme_share_krw = cost_krw", name="shares_sum"),
        CheckConstraint("programme_id IS NOT NULL OR sponsor_share_krw = 0", name="sponsor_share_needs_sponsor"),
        CheckConstraint(
            "repayment_percent IS NULL OR repayment_percent BETWEEN 1 AND 100", name="repayment_percent_range"
        ),
        CheckConstraint("NOT energy_preinvestment OR repayment_percent IS NOT NULL", name="preinvestment_has_terms"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id"), index=True)
    solution_id: Mapped[int] = mapped_column(ForeignKey("solutions.id"), index=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("sponsor_programmes.id"), index=True)
    government_programme_id: Mapped[int] = mapped_column(ForeignKey("government_programmes.id"), index=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("cost_share_rules.id"))
    # Denormalised from need, solution and programme: who the parties are, for permission checks and reports.
    sme_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    supplier_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    sponsor_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    tier: Mapped[str] = mapped_column(String(20))
    cost_krw: Mapped[int] = mapped_column(BigInteger)
    government_share_krw: Mapped[int] = mapped_column(BigInteger)
    sponsor_share_krw: Mapped[int] = mapped_column(BigInteger)
    sme_share_krw: Mapped[int] = mapped_column(BigInteger)
    rule_terms: Mapped[dict[str, Any]] = mapped_column(JSON)  # the rule as it was when the cost was split
    status: Mapped[ProjectStatus] = mapped_column(enum_type(ProjectStatus, "project_status"), default=S.APPLIED)
    agreed_on: Mapped[date | None]
    design_due_on: Mapped[date | None]
    disbursed_at: Mapped[datetime | None]
    completed_on: Mapped[date | None]  # outcomes are measured again 6 and 12 months after this
    # 에너지 절감액 분할상환: the sponsor pre-invests the SME's share; savings repay it at this percent.
    energy_preinvestment: Mapped[bool] = mapped_column(default=False)
    repayment_percent: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    need: Mapped[Need] = relationship()
    solution: Mapped[Solution] = relationship()
    programme: Mapped[SponsorProgramme | None] = relationship()
    government_programme: Mapped[GovernmentProgramme] = relationship()
    rule: Mapped[CostShareRule] = relationship()
    events: Mapped[list[ProjectEvent]] = relationship(order_by="ProjectEvent.id", cascade="all, delete-orphan")

    @property
    def owner_organisation_id(self) -> int:
        return self.sme_organisation_id

    def design_overdue(self, today: date) -> bool:
        """Agreed, design not started, and past its due date."""
        return self.status == S.AGREED and self.design_due_on is not None and today > self.design_due_on


class ProjectEvent(Base):
    """One move of a project: who, when, from what to what."""

    __tablename__ = "project_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(String(1000))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User] = relationship()
