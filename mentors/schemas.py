"""Request and response bodies of the mentors API (field names are the models' own)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StrictInt, WithJsonSchema

from marketplace.api.conventions import InputSchema, OutputSchema
from marketplace.api.fields import CategoryCode, IsoDate, KsicCode, RegionCode, RowId, text, whole
from marketplace.commands import Command
from marketplace.validation import LONG_TEXT_CHARS, MESSAGE_CHARS, NAME_CHARS, NOTE_CHARS
from mentors.models import LANGUAGES
from mentors.models.engagement import MAX_MONTHS, MIN_MONTHS

LanguageCode = Annotated[str, WithJsonSchema({"type": "string", "enum": [language.code for language in LANGUAGES]})]

ACTIONS = "accept, decline, start, pause, resume, complete (needs a reason) or cancel"


class MentorIn(InputSchema):
    headline: str = text(NAME_CHARS, description="One line")
    bio: str = text(LONG_TEXT_CHARS)
    former_employer: str = text(NAME_CHARS)
    years_experience: StrictInt = whole(0, 70)
    specialties: list[CategoryCode] = Field(
        json_schema_extra={"minItems": 1}, description="Solution category codes, at least one"
    )
    expertise: str = text(LONG_TEXT_CHARS, required=False, default="", description="Processes, defects, equipment")
    industries: list[KsicCode] = Field(default=[], description="KSIC divisions")
    regions: list[RegionCode] = Field(default=[], description="Region codes you travel to; empty: anywhere")
    languages: list[LanguageCode] = Field(default=["ko"], json_schema_extra={"minItems": 1})
    available_from: IsoDate
    available_until: IsoDate | None = None
    capacity: StrictInt = whole(1, 10, default=2, description="Engagements at once")
    fee_terms: str | None = text(NOTE_CHARS, required=False, default=None, description="Fee or stipend terms")


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


# Propose a mentor for a need; the page's proposal form builds the same command.
class EngagementIn(Command):
    mentor_id: RowId
    need_id: RowId
    project_id: RowId | None = Field(default=None, description="A co-investment project, when there is one")
    start_date: IsoDate = Field(description="Today or later, within the mentor's availability")
    months: StrictInt = whole(MIN_MONTHS, MAX_MONTHS)
    message: str = text(MESSAGE_CHARS, required=False, default="")


class EngagementTransitionIn(InputSchema):
    action: str = Field(description=ACTIONS)
    reason: str | None = text(MESSAGE_CHARS, required=False, default=None, description="Why; required to complete")


# A month's log of an engagement; the page's log form builds the same command.
class LogIn(Command):
    log_date: IsoDate
    hours: StrictInt = whole(1, 300, description="Whole hours")
    topics: str = text(LONG_TEXT_CHARS)
    advice: str = text(LONG_TEXT_CHARS)
    next_steps: str = text(LONG_TEXT_CHARS)


class RatingIn(InputSchema):
    score: StrictInt = whole(1, 5)
    comment: str = text(MESSAGE_CHARS, required=False, default="")


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
