"""Request and response bodies of the funds API (field names are the models' own)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from marketplace.api.conventions import InputSchema, OutputSchema
from marketplace.api.fields import RowId, TierCode, Won, text
from marketplace.commands import Command
from marketplace.validation import MESSAGE_CHARS

ACTIONS = (
    "select, agree, start_design, start_build, inspect, complete, reject (needs a reason) or cancel (needs a reason)"
)


# Apply for a co-investment project; the page's application form builds the same command.
class ProjectIn(Command):
    need_id: RowId = Field(description="One of your open or in-progress needs")
    solution_id: RowId = Field(description="The chosen supplier's listed solution")
    programme_id: RowId | None = Field(description="An open sponsor programme; null for the government-only track")
    government_programme_id: RowId = Field(description="The government programme whose rules split the cost")
    tier: TierCode = Field(description="Funding tier")
    cost_krw: Won = Field(description="The supplier's quoted cost, in whole won")


class ProjectTransitionIn(InputSchema):
    action: str = Field(description=ACTIONS)
    reason: str | None = text(MESSAGE_CHARS, required=False, default=None, description="Why (to reject or cancel)")


class ProjectEventOut(OutputSchema):
    action: str
    from_status: str | None
    to_status: str
    actor_id: int
    reason: str | None
    at: datetime


class ProjectOut(OutputSchema):
    id: int
    need_id: int
    solution_id: int
    programme_id: int | None
    government_programme_id: int
    rule_id: int
    sme_organisation_id: int
    supplier_organisation_id: int
    sponsor_organisation_id: int | None
    tier: str
    cost_krw: int
    government_share_krw: int
    sponsor_share_krw: int
    sme_share_krw: int
    rule_terms: dict[str, Any]
    status: str
    agreed_on: date | None
    design_due_on: date | None
    disbursed_at: datetime | None
    completed_on: date | None
    energy_preinvestment: bool
    repayment_percent: int | None
    created_at: datetime
    events: list[ProjectEventOut]


class ProjectList(OutputSchema):
    items: list[ProjectOut]
    total: int
    page: int
    per_page: int


class ProgrammeBalanceOut(OutputSchema):
    pledged_krw: int
    committed_krw: int
    remaining_krw: int


class GovernmentBalanceOut(OutputSchema):
    budget_krw: int
    committed_krw: int
    remaining_krw: int


class PaymentRefundOut(OutputSchema):
    id: int
    amount_krw: int
    status: str
    reason: str
    created_at: datetime


class PaymentOut(OutputSchema):
    id: int
    purpose: str = Field(description="pledge (a sponsor's pledge) or sme_share (an SME's share of a project)")
    programme_id: int | None
    project_id: int | None
    amount_krw: int
    status: str = Field(description="pending, processing, succeeded, failed or canceled")
    captured_krw: int = Field(description="Confirmed by Stripe")
    refunded_krw: int
    failure_code: str | None
    card_brand: str | None
    card_last4: str | None
    created_at: datetime
    succeeded_at: datetime | None
    refunds: list[PaymentRefundOut]


class RefundIn(InputSchema):
    amount_krw: Won = Field(description="At most what was captured less what is refunded or being refunded")
    reason: str = Field(min_length=1, max_length=300, description="Why the payment is refunded")


class ConsortiumMemberOut(OutputSchema):
    """One member's figures (a programme of one sponsor: its sponsor, with no member id)."""

    member_id: int | None
    organisation_id: int
    is_lead: bool
    pledged_krw: int
    committed_krw: int
    remaining_krw: int
    paid_krw: int
    pending_krw: int
    refunded_krw: int


class ConsortiumOut(OutputSchema):
    programme_id: int
    lead_organisation_id: int
    total: ConsortiumMemberOut = Field(description="The consortium's figures: its members' summed")
    own: ConsortiumMemberOut | None = Field(description="Your firm's figures, when it is a member")
    members: list[ConsortiumMemberOut]
