"""The solution form: it reads what was typed; the limits come from the solution's command."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional

from marketplace.forms import CommandForm, set_reference_choices
from marketplace.solutions.commands import SolutionFields as Solution


class SolutionForm(CommandForm):
    title = StringField(_l("Title"), validators=[DataRequired(), *Solution.limits("title")])
    description = TextAreaField(
        _l("Description"),
        validators=[DataRequired(), *Solution.limits("description")],
        description=_l("Korean or English: what it does, for which processes, what it has achieved."),
    )
    categories = SelectMultipleField(_l("Categories"), description=_l("At least one"))
    price_min_krw = IntegerField(
        _l("Lowest price (KRW)"),
        validators=[InputRequired(), *Solution.limits("price_min_krw")],
        description=_l("Whole won, e.g. 30000000"),
    )
    price_max_krw = IntegerField(
        _l("Highest price (KRW)"),
        validators=[InputRequired(), *Solution.limits("price_max_krw")],
        description=_l("Whole won, e.g. 120000000"),
    )
    funding_tiers = SelectMultipleField(_l("Funding tiers"), description=_l("At least one"))
    regions_served = SelectMultipleField(_l("Regions served"), description=_l("None chosen: the whole country"))
    installations = IntegerField(
        _l("Installations so far"), validators=[Optional(), *Solution.limits("installations")], default=0
    )
    notable_customers = StringField(
        _l("Notable customers"), validators=[Optional(), *Solution.limits("notable_customers")]
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.categories, "solution_categories")
        set_reference_choices(self.funding_tiers, "funding_tiers")
        set_reference_choices(self.regions_served, "regions")
