"""The programme form.

Fields only parse what is typed; every rule (required, ranges, cap within pool, known focus codes,
window order) is the programme command's (`commands.ProgrammeFields`), checked by the service, so the
page and the API give one message per mistake.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Optional

from marketplace.forms import CommandForm, set_reference_choices
from marketplace.programmes.models import FOCUS_TABLES

ANY = _l("Leave empty for any.")


class ProgrammeForm(CommandForm):
    name = StringField(_l("Name"))
    description = TextAreaField(
        _l("Description"),
        description=_l("Korean or English: what you fund, for whom, and what you expect in return."),
    )
    pledged_pool_krw = IntegerField(
        _l("Pledged pool (KRW)"), validators=[Optional()], description=_l("Whole won, e.g. 5000000000")
    )
    per_project_cap_krw = IntegerField(
        _l("Cap per project (KRW)"), validators=[Optional()], description=_l("At most the pledged pool")
    )
    sponsor_share_percent = IntegerField(
        _l("Sponsor share (%)"),
        validators=[Optional()],
        description=_l("Your share of each project's cost, 1 to 100 (at least 30 on win-win type 1)"),
    )
    focus_categories = SelectMultipleField(_l("Focus: solution categories"), description=ANY, validate_choice=False)
    focus_industries = SelectMultipleField(_l("Focus: industries (KSIC)"), description=ANY, validate_choice=False)
    focus_regions = SelectMultipleField(_l("Focus: regions"), description=ANY, validate_choice=False)
    focus_tiers = SelectMultipleField(_l("Focus: funding tiers"), description=ANY, validate_choice=False)
    applications_open_on = DateField(_l("Applications open on"), validators=[Optional()])
    applications_close_on = DateField(_l("Applications close on"), validators=[Optional()])
    offers_mentoring = BooleanField(_l("Mentoring by our engineers is offered"))
    open_now = SubmitField(_l("Open now"))
    save_draft = SubmitField(_l("Save as draft"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field, table in FOCUS_TABLES.items():
            set_reference_choices(getattr(self, field), table)

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        focus = {field: data[field] or [] for field in FOCUS_TABLES if field in data}
        return data | focus | {"status": "open" if self.open_now.data else "draft"}
