"""Commands and bodies of service offers (field names are the models' own); the pages' forms build the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from flask_babel import lazy_gettext as _l
from pydantic import Field, StrictInt, WithJsonSchema

from marketplace import reference
from marketplace.api.conventions import InputSchema, OutputSchema
from marketplace.api.fields import ComplexCode, RowId, Won, text
from marketplace.commands import Amount, Code, Codes, Command, Percent, Rule, Text
from marketplace.validation import LONG_TEXT_CHARS, MESSAGE_CHARS, NOTE_CHARS, fail

MAX_HOURS = 2_000  # a year of one consultant's working hours
MAX_PLACES = 10_000
VOUCHER_ACTIONS = "report (the provider; needs the report), confirm or decline (the SME), cancel (the sponsor)"

ScopeCode = Annotated[str, WithJsonSchema({"type": "string", "enum": list(reference.codes("consulting_scopes"))})]


@dataclass(frozen=True)
class Whole(Rule):
    """A whole number from 1 to `maximum`."""

    maximum: int

    def check(self, values: dict[str, Any], field: str) -> None:
        if field not in values:
            return
        value = values[field]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= self.maximum:
            raise fail(field, _l("Enter a whole number from 1 to %(max)s.", max=f"{self.maximum:,}"))

    def json_schema(self) -> dict[str, Any]:
        return {"minimum": 1, "maximum": self.maximum}


@dataclass(frozen=True)
class Maybe(Rule):
    """`rule`, when a value is given (None: the field is left empty)."""

    rule: Rule

    def check(self, values: dict[str, Any], field: str) -> None:
        if values.get(field) is not None:
            self.rule.check(values, field)

    def json_schema(self) -> dict[str, Any]:
        return self.rule.json_schema()

    def limits(self) -> list[Any]:
        return self.rule.limits()


def one_provider(values: dict[str, Any]) -> None:
    """A supplier firm or a mentor provides the consulting, not both and not neither."""
    if (values.get("provider_organisation_id") is None) == (values.get("provider_mentor_id") is None):
        raise fail("provider_organisation_id", _l("Choose one provider: a supplier firm or a verified mentor."))


def percent_or_price(values: dict[str, Any]) -> None:
    """A discount is a percentage off or a tenant price, one of the two."""
    if (values.get("percent") is None) == (values.get("price_krw") is None):
        raise fail("percent", _l("Give either a percentage off or a tenant price, not both."))


class VoucherOfferIn(Command):
    scope: Annotated[ScopeCode, Code("consulting_scopes")]
    value_krw: Annotated[Won, Amount()] = Field(description="What one voucher is worth, in whole won")
    hours: Annotated[StrictInt, Whole(MAX_HOURS)] = Field(description="Consulting hours per voucher")
    places: Annotated[StrictInt, Whole(MAX_PLACES)] = Field(description="How many SMEs can get one")
    provider_organisation_id: RowId | None = Field(default=None, description="A supplier firm, or null")
    provider_mentor_id: RowId | None = Field(default=None, description="A verified mentor, or null")
    complexes: Annotated[list[ComplexCode], Codes("industrial_complexes")] = Field(
        default=[], description="Only tenants of these complexes; empty: any SME the programme's focus admits"
    )
    note: Annotated[str, Text(NOTE_CHARS, required=False)] = Field(default="")

    joint_rules = (one_provider,)


# "Change a voucher offer's places" (its sponsor): not fewer than the vouchers granted.
class VoucherOfferChange(Command):
    places: Annotated[StrictInt, Whole(MAX_PLACES)] = Field(
        description="How many SMEs can get one: not fewer than the vouchers granted"
    )


class VoucherGrantIn(Command):
    offer_id: RowId
    sme_organisation_id: RowId
    need_id: RowId | None = Field(default=None, description="The SME's need the consulting is for, if any")


class VoucherTransitionIn(InputSchema):
    action: str = Field(description=VOUCHER_ACTIONS)
    report: str | None = text(LONG_TEXT_CHARS, required=False, default=None, description="What was done (report)")
    reason: str | None = text(MESSAGE_CHARS, required=False, default=None, description="Why (decline, cancel)")


class TenantDiscountIn(Command):
    complex_code: Annotated[ComplexCode, Code("industrial_complexes")]
    percent: Annotated[StrictInt | None, Maybe(Percent())] = Field(
        default=None, description="Whole percent off, 1 to 100"
    )
    price_krw: Annotated[Won | None, Maybe(Amount())] = Field(default=None, description="Or the tenants' price, in won")

    joint_rules = (percent_or_price,)


class VoucherOfferOut(OutputSchema):
    id: int
    programme_id: int
    scope: str
    value_krw: int
    hours: int
    places: int
    places_left: int = Field(default=0, description="Places not yet granted")
    provider_organisation_id: int | None
    provider_mentor_id: int | None
    complexes: list[str]
    note: str
    created_at: datetime
    closed_at: datetime | None = Field(default=None, description="Set when the sponsor closed it: no new grants")


class VoucherOut(OutputSchema):
    id: int
    offer_id: int
    programme_id: int
    sponsor_organisation_id: int
    sme_organisation_id: int
    need_id: int | None
    scope: str
    value_krw: int
    hours: int
    status: str
    granted_at: datetime
    report: str | None
    reported_at: datetime | None
    confirmed_on: date | None
    end_reason: str | None


class VoucherList(OutputSchema):
    items: list[VoucherOut]


class TenantDiscountOut(OutputSchema):
    id: int
    solution_id: int
    complex_code: str
    percent: int | None
    price_krw: int | None


class ConsultingOut(OutputSchema):
    sponsor_organisation_id: int
    year: int
    vouchers: int
    value_krw: int
    hours: int
    smes: int
