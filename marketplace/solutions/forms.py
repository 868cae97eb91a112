"""The solution form."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.forms import set_reference_choices
from marketplace.solutions.services import EDITABLE_FIELDS
from marketplace.validation import MAX_LISTING_KRW


class SolutionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("Description"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l("Korean or English: what it does, for which processes, what it has achieved."),
    )
    categories = SelectMultipleField(_l("Categories"), description=_l("At least one"))
    price_min_krw = IntegerField(
        _l("Lowest price (KRW)"),
        validators=[InputRequired(), NumberRange(min=1, max=MAX_LISTING_KRW)],
        description=_l("Whole won, e.g. 30000000"),
    )
    price_max_krw = IntegerField(
        _l("Highest price (KRW)"),
        validators=[InputRequired(), NumberRange(min=1, max=MAX_LISTING_KRW)],
        description=_l("Whole won, e.g. 120000000"),
    )
    funding_tiers = SelectMultipleField(_l("Funding tiers"), description=_l("At least one"))
    regions_served = SelectMultipleField(_l("Regions served"), description=_l("None chosen: the whole country"))
    installations = IntegerField(
        _l("Installations so far"), validators=[Optional(), NumberRange(min=0, max=1_000_000)], default=0
    )
    notable_customers = StringField(_l("Notable customers"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.categories, "solution_categories")
        set_reference_choices(self.funding_tiers, "funding_tiers")
        set_reference_choices(self.regions_served, "regions")

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name).data for name in EDITABLE_FIELDS}
