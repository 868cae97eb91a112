"""The training forms: publish a course, enrol a learner, record a session's attendance. The limits come from
the commands; the sessions box is read one session a line."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional

from marketplace.forms import CommandForm, set_reference_choices
from marketplace.training.commands import CourseIn, LearnerIn

# "2026-12-10 14:00-17:00" (a dash, a tilde or "to" between the hours; extra spaces allowed)
SESSION_LINE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*(?:-|~|–|to)\s*(\d{1,2}:\d{2})\s*")


def read_session_lines(text: str) -> list[Any]:
    """Each non-empty line as a session's values; a line that cannot be read stays a string (the rule names it)."""
    sessions: list[Any] = []
    for line in (text or "").splitlines()[:1000]:
        if not line.strip():
            continue
        match = SESSION_LINE.fullmatch(line)
        try:
            day = date.fromisoformat(match.group(1)) if match else None
        except ValueError:
            day = None
        if match is None or day is None:
            sessions.append(line)
            continue
        starts, ends = (value.zfill(5) for value in match.group(2, 3))
        sessions.append({"day": day, "starts": starts, "ends": ends})
    return sessions


class CourseForm(CommandForm):
    title = StringField(_l("Title"), validators=[DataRequired(), *CourseIn.limits("title")])
    description = TextAreaField(
        _l("Description"),
        validators=[DataRequired(), *CourseIn.limits("description")],
        description=_l("What learners will be able to do afterwards, and what to bring."),
    )
    topic = SelectField(_l("Topic"), validators=[DataRequired()])
    level = SelectField(_l("Level"), validators=[DataRequired()])
    audience = SelectField(_l("Audience"), validators=[DataRequired()])
    sessions = TextAreaField(
        _l("Sessions"),
        validators=[DataRequired()],
        description=_l("One a line: date, start and end, e.g. 2027-03-10 14:00-17:00"),
    )
    online = BooleanField(_l("Held online"))
    place = StringField(_l("Place (address)"), validators=[Optional(), *CourseIn.limits("place")])
    industrial_complex = SelectField(_l("Industrial complex it serves"), validators=[Optional()])
    capacity = IntegerField(_l("Seats"), validators=[InputRequired()], description=_l("Further learners wait"))
    fee_krw = IntegerField(
        _l("Fee per learner (KRW)"), default=0, validators=[InputRequired()], description=_l("0 for a free course")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.topic, "training_topics", blank=_l("Choose…"))
        set_reference_choices(self.level, "training_levels", blank=_l("Choose…"))
        set_reference_choices(self.audience, "training_audiences", blank=_l("Choose…"))
        set_reference_choices(self.industrial_complex, "industrial_complexes", blank=_l("None"))

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        return data | {
            "sessions": read_session_lines(data.get("sessions") or ""),
            "industrial_complex": data.get("industrial_complex") or None,
            "place": data.get("place") or None,
        }


def session_lines(course: Any) -> str:
    """The course's sessions as the form's lines, for editing."""
    return "\n".join(
        f"{s.day.isoformat()} {s.starts.strftime('%H:%M')}-{s.ends.strftime('%H:%M')}" for s in course.sessions
    )


def edit_course_form(course: Any) -> CourseForm:
    """The course form filled with the course (a POST reads the submitted values instead)."""
    form = CourseForm(obj=course)
    if not form.is_submitted():
        form.sessions.data = session_lines(course)
        form.industrial_complex.data = course.industrial_complex or ""
    return form


class LearnerForm(CommandForm):
    learner_name = StringField(_l("Learner's name"), validators=[DataRequired(), *LearnerIn.limits("learner_name")])
    learner_role = StringField(_l("Role or job title"), validators=[Optional(), *LearnerIn.limits("learner_role")])
    learner_email = StringField(_l("Email (optional)"), validators=[Optional()])


class AttendanceForm(CommandForm):
    present = SelectMultipleField(_l("Present"), coerce=int, validate_choice=False)
