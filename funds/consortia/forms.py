"""The consortium's forms: add a member (a sponsor firm and its pledge), change a pledge. The rules are the
commands' (funds.consortia.commands), checked by the service."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, SubmitField
from wtforms.validators import Optional

from marketplace.forms import CommandForm


class MemberForm(CommandForm):
    organisation_id = SelectField(_l("Sponsor firm"), coerce=int, validate_choice=False)
    pledged_krw = IntegerField(
        _l("Pledge (KRW)"), validators=[Optional()], description=_l("Whole won, e.g. 1000000000")
    )
    submit = SubmitField(_l("Add the member"))


class PledgeForm(CommandForm):
    pledged_krw = IntegerField(_l("Pledge (KRW)"), validators=[Optional()])
    submit = SubmitField(_l("Change the pledge"))
