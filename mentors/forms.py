"""Mentor forms. Fields only parse what is typed; the rules live in the services, one message each."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import Optional

from marketplace.forms import CommandForm, select_choices, set_reference_choices
from marketplace.i18n import current_language
from mentors.models import LANGUAGES
from mentors.services import PROFILE_FIELDS

REFERENCE_FIELDS = {"specialties": "solution_categories", "industries": "ksic_divisions", "regions": "regions"}


class MentorProfileForm(FlaskForm):
    headline = StringField(
        _l("Headline"), description=_l("One line, e.g. 사출성형 불량 개선 30년 — 전 LG전자 생산기술")
    )
    bio = TextAreaField(_l("About you"), description=_l("Your career, in Korean or English."))
    former_employer = StringField(_l("Former employer"))
    years_experience = IntegerField(_l("Years of experience"), validators=[Optional()])
    specialties = SelectMultipleField(_l("Specialties"), validate_choice=False)
    expertise = TextAreaField(
        _l("Expertise"),
        description=_l("Processes, defects and equipment you know: this text is matched against SME needs."),
    )
    industries = SelectMultipleField(_l("Industries (KSIC)"), validate_choice=False)
    regions = SelectMultipleField(
        _l("Regions you travel to"), validate_choice=False, description=_l("Leave empty for anywhere.")
    )
    languages = SelectMultipleField(_l("Languages"), validate_choice=False)
    available_from = DateField(_l("Available from"), validators=[Optional()])
    available_until = DateField(_l("Available until"), validators=[Optional()], description=_l("Empty: open-ended"))
    capacity = IntegerField(_l("Engagements at once"), validators=[Optional()], default=2, description=_l("Default 2"))
    fee_terms = StringField(_l("Fee or stipend terms"), description=_l("Optional, e.g. 정부 지원 수당 기준"))
    save = SubmitField(_l("Save profile"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field, table in REFERENCE_FIELDS.items():
            set_reference_choices(getattr(self, field), table)
        self.languages.choices = select_choices([(t.code, t.label(current_language())) for t in LANGUAGES])

    def values(self) -> dict[str, Any]:
        values = {name: getattr(self, name).data for name in PROFILE_FIELDS}
        for field in (*REFERENCE_FIELDS, "languages"):
            values[field] = values[field] or []
        return values


class ProposalForm(CommandForm):
    need_id = SelectField(_l("Need"), coerce=int, validate_choice=False)
    start_date = DateField(_l("Start"), validators=[Optional()])
    months = IntegerField(_l("Months"), validators=[Optional()], default=3, description=_l("3 to 6 months"))
    project_id = IntegerField(_l("Project id"), validators=[Optional()], description=_l("Optional"))
    message = TextAreaField(_l("Message to the mentor"))
    propose = SubmitField(_l("Propose engagement"))


class LogForm(CommandForm):
    log_date = DateField(_l("Date"), validators=[Optional()])
    hours = IntegerField(_l("Hours"), validators=[Optional()])
    topics = TextAreaField(_l("Topics"))
    advice = TextAreaField(_l("Advice given"))
    next_steps = TextAreaField(_l("Next steps"))
    save_log = SubmitField(_l("Save log"))


class RatingForm(FlaskForm):
    score = SelectField(_l("Score"), coerce=int, validate_choice=False)
    comment = TextAreaField(_l("Comment"))
    rate = SubmitField(_l("Send rating"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.score.choices = select_choices([(n, str(n)) for n in range(5, 0, -1)])


class TargetForm(FlaskForm):
    target = IntegerField(_l("Mentors to dispatch"), validators=[Optional()])
    save_target = SubmitField(_l("Set target"))
