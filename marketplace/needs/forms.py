"""The need form: it reads what was typed; the limits come from the need's commands."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Optional

from marketplace.forms import CommandForm, set_reference_choices
from marketplace.needs.commands import NeedFields as Need


class NeedForm(CommandForm):
    title = StringField(_l("Title"), validators=[DataRequired(), *Need.limits("title")])
    description = TextAreaField(
        _l("Description"),
        validators=[DataRequired(), *Need.limits("description")],
        description=_l("Korean or English: the process, the problem, what you want to achieve."),
    )
    category = SelectField(_l("Category"), validators=[DataRequired()])
    funding_tier = SelectField(_l("Funding tier"), validators=[DataRequired()])
    budget_krw = IntegerField(
        _l("Budget (KRW)"),
        validators=[DataRequired(), *Need.limits("budget_krw")],
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

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        place = {name: data[name] or None for name in ("region", "industrial_complex") if name in data}
        return data | place | {"status": "draft" if self.save_draft.data else "open"}
