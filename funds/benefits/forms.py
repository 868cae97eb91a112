"""Forms of service offers. Fields only parse what is typed; the commands' rules judge it (funds.benefits.schemas)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import Optional

from marketplace.forms import CommandForm, select_choices, set_reference_choices
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.templating import org_name
from mentors.models import MentorProfile


def _id_or_none(value: Any) -> int | None:
    return int(value) if value not in (None, "", "None") and str(value).isdigit() else None


class VoucherOfferForm(CommandForm):
    scope = SelectField(_l("Scope"), validate_choice=False)
    value_krw = IntegerField(_l("Value of one voucher (won)"), validators=[Optional()], description=_l("e.g. 15000000"))
    hours = IntegerField(_l("Consulting hours"), validators=[Optional()])
    places = IntegerField(_l("How many SMEs can get one"), validators=[Optional()])
    provider = SelectField(
        _l("Provider"),
        validate_choice=False,
        description=_l("A supplier firm or a verified mentor does the consulting."),
    )
    complexes = SelectMultipleField(
        _l("Only for tenants of"),
        validate_choice=False,
        description=_l("Leave empty for any SME the programme admits."),
    )
    note = StringField(_l("Note"), description=_l("Optional: what the consulting covers"))
    add = SubmitField(_l("Offer vouchers"))

    def __init__(self, session: Session, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.scope, "consulting_scopes")
        set_reference_choices(self.complexes, "industrial_complexes")
        suppliers = session.scalars(
            select(Organisation).where(Organisation.kind == OrganisationKind.SUPPLIER).order_by(Organisation.name)
        ).all()
        mentors = session.scalars(
            select(MentorProfile).where(MentorProfile.verified_at.is_not(None)).order_by(MentorProfile.id)
        ).all()
        self.provider.choices = select_choices(
            [("", "—")]
            + [(f"org:{org.id}", org_name(org)) for org in suppliers]
            + [(f"mentor:{mentor.id}", f"{mentor.display_name} ({_l('mentor')})") for mentor in mentors]
        )

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        kind, _, number = (self.provider.data or "").partition(":")
        return data | {
            "provider_organisation_id": _id_or_none(number) if kind == "org" else None,
            "provider_mentor_id": _id_or_none(number) if kind == "mentor" else None,
            "note": data.get("note") or "",
            "complexes": data.get("complexes") or [],
        }


class GrantForm(CommandForm):
    sme_organisation_id = SelectField(_l("SME"), validate_choice=False)
    grant = SubmitField(_l("Grant a voucher"))

    def __init__(self, smes: list[Organisation], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sme_organisation_id.choices = select_choices([("", "—")] + [(str(org.id), org_name(org)) for org in smes])

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        return data | {"sme_organisation_id": _id_or_none(data.get("sme_organisation_id"))}


class PlacesForm(CommandForm):
    """The sponsor changes how many SMEs can get an offer's voucher."""

    places = IntegerField(_l("Places"), validators=[Optional()], description=_l("Not fewer than the vouchers granted"))
    change = SubmitField(_l("Change places"))


class ReportForm(CommandForm):
    report = TextAreaField(
        _l("Report of the consulting"), description=_l("What was done, what was found, what the SME should do next.")
    )
    send = SubmitField(_l("Report delivery"))


class DiscountForm(CommandForm):
    complex_code = SelectField(_l("Industrial complex"), validate_choice=False)
    percent = IntegerField(_l("Percent off"), validators=[Optional()], description=_l("1 to 100; or give a price"))
    price_krw = IntegerField(_l("Or the tenants' price (won)"), validators=[Optional()])
    save = SubmitField(_l("Set tenant discount"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.complex_code, "industrial_complexes", blank="—")

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        return data | {"complex_code": data.get("complex_code") or None}
