"""Request and response bodies of the mentors API (field names are the models' own)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field, StrictInt

from marketplace.api.conventions import InputSchema, OutputSchema

ACTIONS = "accept, decline, start, pause, resume, complete (needs a reason) or cancel"


class MentorIn(InputSchema):
    headline: str = Field(description="One line, at most 120 characters")
    bio: str
    former_employer: str
    years_experience: StrictInt
    specialties: list[str] = Field(description="Solution category codes, at least one")
    expertise: str = Field(default="", description="Processes, defects and equipment you know, in words")
    industries: list[str] = Field(default=[], description="KSIC divisions")
    regions: list[str] = Field(default=[], description="Region codes you travel to; empty: anywhere")
    languages: list[str] = Field(default=["ko"], description="ko, en, ja, zh, de, vi")
    available_from: date
    available_until: date | None = None
    capacity: StrictInt = Field(default=2, description="Engagements at once, 1 to 10")
    fee_terms: str | None = Field(default=None, description="Fee or stipend terms, at most 500 characters")


class MentorOut(OutputSchema):
    id: int
    user_id: int
    display_name: str
    title: str
    headline: str
    bio: str
    former_employer: str
    years_experience: int
    specialties: list[str]
    expertise: str
    industries: list[str]
    regions: list[str]
    languages: list[str]
    available_from: date
    available_until: date | None
    capacity: int
    open_slots: int
    fee_terms: str | None
    is_verified: bool
    verified_at: datetime | None
    created_at: datetime


class MentorList(OutputSchema):
    items: list[MentorOut]
    total: int
    page: int
    per_page: int


class EngagementIn(InputSchema):
    mentor_id: StrictInt
    need_id: StrictInt
    project_id: StrictInt | None = Field(default=None, description="A co-investment project, when there is one")
    start_date: date = Field(description="Today or later, within the mentor's availability")
    months: StrictInt = Field(description="3 to 6")
    message: str = Field(default="", description="At most 1,000 characters")


class EngagementTransitionIn(InputSchema):
    action: str = Field(description=ACTIONS)
    reason: str | None = Field(default=None, description="Why; required to complete, at most 1,000 characters")


class LogIn(InputSchema):
    log_date: date
    hours: StrictInt = Field(description="Whole hours, 1 to 300")
    topics: str
    advice: str
    next_steps: str


class RatingIn(InputSchema):
    score: StrictInt = Field(description="1 to 5")
    comment: str = Field(default="", description="At most 1,000 characters")


class EventOut(OutputSchema):
    action: str
    from_status: str
    to_status: str
    actor_id: int
    reason: str | None
    at: datetime


class LogOut(OutputSchema):
    id: int
    log_date: date
    hours: int
    topics: str
    advice: str
    next_steps: str
    created_at: datetime
    confirmed_at: datetime | None


class RatingOut(OutputSchema):
    side: str = Field(description="of_mentor (by the SME) or of_sme (by the mentor)")
    score: int
    comment: str
    created_at: datetime


class EngagementOut(OutputSchema):
    id: int
    mentor_id: int
    need_id: int
    organisation_id: int
    proposer_organisation_id: int
    programme_id: int | None
    project_id: int | None
    start_date: date
    months: int
    planned_end: date
    message: str
    status: str
    active_since: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    log_overdue: bool = Field(default=False, description="Active with no log for more than 35 days")
    events: list[EventOut]
    logs: list[LogOut]
    ratings: list[RatingOut]
    created_at: datetime
