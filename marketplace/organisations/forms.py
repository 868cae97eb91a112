"""Organisation profile forms."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from marketplace.forms import NonNegative, select_choices, set_reference_choices
from marketplace.organisations.brn import InvalidBusinessNumber, normalise_brn


def valid_business_number(form: FlaskForm, field: StringField) -> None:
    if field.data:
        try:
            field.data = normalise_brn(field.data)
        except InvalidBusinessNumber as exc:
            raise ValidationError(str(exc)) from exc


class OrganisationForm(FlaskForm):
    """What an organisation says about itself (the business number is asked only at registration)."""

    name = StringField(_l("Organisation name"), validators=[Optional(), Length(max=120)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=120)])
    ksic_division = SelectField(_l("Industry (KSIC)"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])
    industrial_complex = SelectField(_l("Industrial complex"), validators=[Optional()])
    employees = IntegerField(_l("Employees"), validators=[Optional(), NonNegative()])
    annual_revenue_krw = IntegerField(_l("Annual revenue (KRW)"), validators=[Optional(), NonNegative()])
    smart_factory_level = SelectField(_l("Smart-factory level"), validators=[Optional()])
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=30)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.ksic_division, "ksic_divisions", blank=_l("Choose…"))
        set_reference_choices(self.region, "regions", blank=_l("Choose…"))
        set_reference_choices(self.industrial_complex, "industrial_complexes", blank=_l("None"))
        set_reference_choices(self.smart_factory_level, "smart_factory_levels")

    def profile_values(self) -> dict[str, Any]:
        """The organisation fields as the services take them (blank text becomes None, numbers 0)."""
        values: dict[str, Any] = {}
        for name in OrganisationForm.field_names():
            data = getattr(self, name).data
            if name in ("employees", "annual_revenue_krw"):
                data = data or 0
            elif isinstance(data, str):
                data = data.strip() or None
            values[name] = data
        values["smart_factory_level"] = values["smart_factory_level"] or "none"
        return values

    @staticmethod
    def field_names() -> tuple[str, ...]:
        return (
            "name",
            "name_en",
            "ksic_division",
            "region",
            "industrial_complex",
            "employees",
            "annual_revenue_krw",
            "smart_factory_level",
            "contact_phone",
        )


class InviteForm(FlaskForm):
    """A manager invites a colleague by email, with their role and the language of the email."""

    email = StringField(_l("Colleague's email"), validators=[DataRequired(), Email(), Length(max=254)])
    member_role = SelectField(
        _l("Role"),
        choices=select_choices(
            [("member", _l("Member: works on the listings")), ("manager", _l("Manager: also invites colleagues"))]
        ),
    )
    language = SelectField(_l("Language of the email"), choices=select_choices([("ko", "한국어"), ("en", "English")]))
