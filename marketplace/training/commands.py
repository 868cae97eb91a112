"""The commands of training: publish a course, enrol a learner, record a session's attendance. Each field's rule
is declared here once; the form and the JSON body build the same command."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Annotated, Any

from flask_babel import lazy_gettext as _l
from pydantic import Field, StrictBool, StrictInt

from marketplace import reference
from marketplace.api.conventions import InputSchema
from marketplace.api.fields import ComplexCode, IsoDate, RowId, _code
from marketplace.commands import Code, Command, Count, Flag, Rule, Text
from marketplace.errors import ValidationFailed
from marketplace.validation import LONG_TEXT_CHARS, NAME_CHARS, TITLE_CHARS, fail, whole_number

MAX_CAPACITY = 1000
MAX_FEE_KRW = 100_000_000
MAX_SESSIONS = 60
PLACE_CHARS = 300
EMAIL_CHARS = 254
CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class SessionIn(InputSchema):
    """One session: its day and its hours, Korean time."""

    day: IsoDate = Field(description="YYYY-MM-DD")
    starts: str = Field(description="HH:MM, 24-hour", json_schema_extra={"pattern": CLOCK.pattern})
    ends: str = Field(description="HH:MM, 24-hour, after starts", json_schema_extra={"pattern": CLOCK.pattern})


def session_times(item: Any) -> tuple[date, time, time] | None:
    """A session's day and hours from the JSON body's SessionIn or the form's reading (None: not readable)."""
    values = item.model_dump() if isinstance(item, SessionIn) else item if isinstance(item, dict) else {}
    day, starts, ends = values.get("day"), values.get("starts"), values.get("ends")
    if not isinstance(day, date) or not isinstance(starts, str) or not isinstance(ends, str):
        return None
    if not CLOCK.fullmatch(starts) or not CLOCK.fullmatch(ends):
        return None
    return day, time.fromisoformat(starts), time.fromisoformat(ends)


class Sessions(Rule):
    """One to MAX_SESSIONS sessions, each a day and hours that end after they start."""

    def check(self, values: dict[str, Any], field: str) -> None:
        if field not in values:
            return
        items = values[field]
        if not isinstance(items, list) or not items:
            raise fail(field, _l("Give at least one session."))
        if len(items) > MAX_SESSIONS:
            raise fail(field, _l("Give at most %(n)d sessions.", n=MAX_SESSIONS))
        for number, item in enumerate(items, start=1):
            times = session_times(item)
            if times is None:
                raise fail(field, _l("Session %(n)d: write it as YYYY-MM-DD HH:MM-HH:MM.", n=number))
            if times[1] >= times[2]:
                raise fail(field, _l("Session %(n)d ends before it starts.", n=number))

    def json_schema(self) -> dict[str, Any]:
        return {"minItems": 1, "maxItems": MAX_SESSIONS}


class Capacity(Count):
    def check(self, values: dict[str, Any], field: str) -> None:
        super().check(values, field)
        if field in values and values[field] in (None, 0):
            raise fail(field, _l("Enter how many learners the course takes (1 or more)."))

    def json_schema(self) -> dict[str, Any]:
        return {"minimum": 1, "maximum": self.maximum}


class Email(Rule):
    def check(self, values: dict[str, Any], field: str) -> None:
        value = values.get(field)
        if value in (None, ""):
            return
        if not isinstance(value, str) or len(value) > EMAIL_CHARS or not EMAIL.fullmatch(value):
            raise fail(field, _l("Enter an email address like name@example.com."))

    def json_schema(self) -> dict[str, Any]:
        return {"maxLength": EMAIL_CHARS}


def place_or_online(values: dict[str, Any]) -> None:
    if not values.get("online") and not str(values.get("place") or "").strip():
        raise fail("place", _l("Give the address where the course is held, or mark it online."))


TopicCode = Annotated[str, _code("training_topics")]
LevelCode = Annotated[str, _code("training_levels")]
AudienceCode = Annotated[str, _code("training_audiences")]


# "Publish a course" (an organiser: a complex operator, a sponsor or a supplier).
class CourseIn(Command):
    """A course, open for enrolment at once."""

    title: Annotated[str, Text(TITLE_CHARS)]
    description: Annotated[str, Text(LONG_TEXT_CHARS)] = Field(description="What learners will be able to do")
    topic: Annotated[TopicCode, Code("training_topics")]
    level: Annotated[LevelCode, Code("training_levels")]
    audience: Annotated[AudienceCode, Code("training_audiences")] = Field(description="'staff' or 'ceo'")
    online: Annotated[StrictBool, Flag()] = False
    place: Annotated[str | None, Text(PLACE_CHARS, required=False)] = Field(
        default=None, description="Address (required unless online)"
    )
    industrial_complex: Annotated[ComplexCode | None, Code("industrial_complexes", required=False)] = Field(
        default=None, description="The industrial complex the course serves"
    )
    capacity: Annotated[StrictInt, Capacity(MAX_CAPACITY)] = Field(description="Seats; further learners wait")
    fee_krw: Annotated[StrictInt, Count(MAX_FEE_KRW)] = Field(default=0, description="Whole won per learner; 0: free")
    sessions: Annotated[list[SessionIn], Sessions()]

    joint_rules = (place_or_online,)


# "Change a course" (its organiser): only the fields given change. The seats may grow but not fall below the
# seats taken; the sessions given replace the course's, and a session with attendance recorded stays as it was.
class CourseChange(Command):
    """The course's fields to change; the others stay."""

    title: Annotated[str | None, Text(TITLE_CHARS)] = None
    description: Annotated[str | None, Text(LONG_TEXT_CHARS)] = None
    topic: Annotated[TopicCode | None, Code("training_topics")] = None
    level: Annotated[LevelCode | None, Code("training_levels")] = None
    audience: Annotated[AudienceCode | None, Code("training_audiences")] = Field(
        default=None, description="'staff' or 'ceo'"
    )
    online: Annotated[StrictBool | None, Flag()] = None
    place: Annotated[str | None, Text(PLACE_CHARS, required=False)] = Field(
        default=None, description="Address (required unless online)"
    )
    industrial_complex: Annotated[ComplexCode | None, Code("industrial_complexes", required=False)] = None
    capacity: Annotated[StrictInt | None, Capacity(MAX_CAPACITY)] = Field(
        default=None, description="Seats: not fewer than the seats taken"
    )
    fee_krw: Annotated[StrictInt | None, Count(MAX_FEE_KRW)] = Field(default=None, description="0: free")
    sessions: Annotated[list[SessionIn] | None, Sessions()] = Field(
        default=None, description="Replaces the sessions; one with attendance recorded must stay as it was"
    )


# "Enrol a learner" (an SME, for one of its staff).
class LearnerIn(Command):
    learner_name: Annotated[str, Text(NAME_CHARS)] = Field(description="The learner's name, as on the certificate")
    learner_role: Annotated[str | None, Text(NAME_CHARS, required=False)] = Field(
        default=None, description="Job title or role"
    )
    learner_email: Annotated[str | None, Email()] = None


# "Record a session's attendance" (the organiser): the enrolments present; the others were absent.
class AttendanceIn(Command):
    present: list[RowId] = Field(default_factory=list, description="Ids of the enrolments present at the session")


@dataclass(frozen=True)
class CourseFilters:
    """The browse page's and the API's filters."""

    q: str = ""
    topic: str = ""
    complex: str = ""
    online: bool | None = None
    free: bool | None = None
    audience: str = ""
    status: str = "open"  # "open" (default), "all"
    page: int = 1
    per_page: int = 20


YES_NO = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


def read_course_filters(args: Any, strict: bool) -> Any:
    """The course filters from a query string: lenient for the page (a bad value is ignored), strict for the API
    (400 naming the field)."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    codes = {"topic": "training_topics", "complex": "industrial_complexes", "audience": "training_audiences"}
    for name, table in codes.items():
        raw = (args.get(name) or "").strip()
        if raw and raw in reference.codes(table):
            values[name] = raw
        elif raw:
            errors[name] = [str(_l("Choose a value from the list."))]
    for name in ("online", "free"):
        raw = (args.get(name) or "").strip().lower()
        if raw in YES_NO:
            values[name] = YES_NO[raw]
        elif raw:
            errors[name] = [str(_l("Choose yes or no."))]
    status = (args.get("status") or "").strip()
    if status in ("open", "all"):
        values["status"] = status
    elif status:
        errors["status"] = [str(_l("Choose a value from the list."))]
    values["q"] = (args.get("q") or "").strip()[:100]
    for name, maximum in (("page", 1000), ("per_page", 50)):
        raw = (args.get(name) or "").strip()
        number = whole_number(raw, maximum) if raw else None
        if number:
            values[name] = number
        elif raw:
            errors[name] = [str(_l("Enter a whole number from 1 to %(n)d.", n=maximum))]
    if strict and errors:
        raise ValidationFailed(_l("Some filters are not valid."), fields=errors)
    return CourseFilters(**values)
