"""Organisation profile forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FieldList, Form, FormField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from marketplace.forms import CommandForm, NonNegative, select_choices, set_reference_choices
from marketplace.organisations.brn import InvalidBusinessNumber, normalise_brn
from marketplace.organisations.commands import OrganisationProfile as Profile
from marketplace.organisations.models import Organisation
from marketplace.organisations.services import EDITABLE_FIELDS


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
        """The fields of the form, in order: those an organisation's members may change."""
        return EDITABLE_FIELDS


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


class CertificationRow(Form):
    """One certification: which, its number and when it expires (both optional)."""

    code = SelectField(_l("Certification"), validators=[Optional()])
    number = StringField(_l("Certificate number"), validators=[Optional(), Length(max=120)])
    expires_on = DateField(_l("Valid until"), validators=[Optional()])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.code, "certifications", blank=_l("Choose…"))


class ReferenceProjectRow(Form):
    """One reference project: what was built, for whom, when, in a sentence or two."""

    title = StringField(_l("Project"), validators=[Optional(), Length(max=200)])
    customer = StringField(_l("Customer"), validators=[Optional(), Length(max=120)])
    year = IntegerField(_l("Year"), validators=[Optional()])
    summary = TextAreaField(_l("What you did"), validators=[Optional(), Length(max=500)])


BLANK_ROWS = 2  # empty rows offered below the filled ones, to add without any script


class ProfileForm(CommandForm):
    """The public profile people choose by; its limits come from the profile's command."""

    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), *Profile.limits("description")],
        description=_l("What you make or do, for whom, and what you are good at. Korean or English."),
    )
    website = StringField(
        _l("Website"), validators=[Optional(), *Profile.limits("website")], description=_l("e.g. www.example.co.kr")
    )
    products = TextAreaField(_l("Products"), validators=[Optional()], description=_l("One product or service a line."))
    certifications = FieldList(FormField(CertificationRow), label=_l("Certifications"))
    reference_projects = FieldList(FormField(ReferenceProjectRow), label=_l("Reference projects"))

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> ProfileForm:
        """The form filled from the profile, with blank rows to add a certification or a project."""
        certifications = [
            row | {"expires_on": date.fromisoformat(row["expires_on"]) if row.get("expires_on") else None}
            for row in organisation.certifications or []
        ]
        form = cls(
            data={
                "description": organisation.description,
                "website": organisation.website,
                "products": "\n".join(organisation.products or []),
                "certifications": certifications,
                "reference_projects": list(organisation.reference_projects or []),
            }
        )
        if not form.is_submitted():
            for _ in range(BLANK_ROWS):
                form.certifications.append_entry()
                form.reference_projects.append_entry()
        return form

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        products = [line.strip() for line in (data.get("products") or "").splitlines() if line.strip()]
        certifications = [row for row in data.get("certifications", []) if row.get("code")]
        projects = [row for row in data.get("reference_projects", []) if any(v not in (None, "") for v in row.values())]
        return data | {
            "description": (data.get("description") or "").strip() or None,
            "website": (data.get("website") or "").strip() or None,
            "products": products,
            "certifications": certifications,
            "reference_projects": projects,
        }
