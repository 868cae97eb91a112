"""The need form."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from marketplace.forms import set_reference_choices
from marketplace.needs.services import EDITABLE_FIELDS
from marketplace.validation import MAX_LISTING_KRW


class NeedForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("Description"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l("Korean or English: the process, the problem, what you want to achieve."),
    )
    category = SelectField(_l("Category"), validators=[DataRequired()])
    funding_tier = SelectField(_l("Funding tier"), validators=[DataRequired()])
    budget_krw = IntegerField(
        _l("Budget (KRW)"),
        validators=[DataRequired(), NumberRange(min=1, max=MAX_LISTING_KRW)],
        description=_l("Whole won, e.g. 120000000"),
    )
    region = SelectField(_l("Region"), validators=[Optional()], description=_l("Default: your organisation's"))
    industrial_complex = SelectField(_l("Industrial complex"), validators=[Optional()])
    desired_start = DateField(_l("Desired start"), validators=[Optional()])
    publish = SubmitField(_l("Publish"))
    save_draft = SubmitField(_l("Save as draft"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.category, "solution_categories", blank=_l("Choose…"))
        set_reference_choices(self.funding_tier, "funding_tiers", blank=_l("Choose…"))
        set_reference_choices(self.region, "regions", blank=_l("Your organisation's"))
        set_reference_choices(self.industrial_complex, "industrial_complexes", blank=_l("None"))

    def values(self) -> dict[str, Any]:
        values = {name: getattr(self, name).data for name in EDITABLE_FIELDS}
        values["industrial_complex"] = values["industrial_complex"] or None
        values["region"] = values["region"] or None
        return values
