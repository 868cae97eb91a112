"""Request and response bodies of the core API (field names are the models' own)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, StrictInt

from marketplace.api.conventions import InputSchema, OutputSchema
from marketplace.api.fields import ComplexCode, KsicCode, LevelCode, RegionCode, absent, text, whole
from marketplace.validation import MAX_COUNT, MAX_REVENUE_KRW, NAME_CHARS


class CertificationOut(OutputSchema):
    code: str = Field(description="A code of the reference table `certifications`")
    number: str | None
    expires_on: str | None = Field(description="YYYY-MM-DD")


class ReferenceProjectOut(OutputSchema):
    title: str
    customer: str | None
    year: int | None
    summary: str | None


class OrganisationOut(OutputSchema):
    id: int
    kind: str
    name: str
    name_en: str | None
    business_number: str
    ksic_division: str
    region: str
    industrial_complex: str | None
    employees: int
    annual_revenue_krw: int | None = Field(description="null unless you are a member, an officer or an admin")
    smart_factory_level: str
    contact_phone: str | None = Field(description="null unless you are a member, an officer or an admin")
    description: str | None
    website: str | None
    certifications: list[CertificationOut]
    products: list[str]
    reference_projects: list[ReferenceProjectOut]


class OrganisationPatch(InputSchema):
    name: str = text(NAME_CHARS, default=None)
    name_en: str | None = text(NAME_CHARS, required=False, default=None)
    ksic_division: KsicCode = absent(description="KSIC manufacturing division")
    region: RegionCode = absent()
    industrial_complex: ComplexCode | None = absent(description="null for none")
    employees: StrictInt = whole(0, MAX_COUNT, default=None)
    annual_revenue_krw: StrictInt = whole(0, MAX_REVENUE_KRW, default=None, description="Whole won")
    smart_factory_level: LevelCode = absent()
    contact_phone: str | None = text(30, required=False, default=None)


class MeOut(OutputSchema):
    id: int
    email: str
    display_name: str
    role: str
    locale: str | None
    organisation: OrganisationOut | None
    created_at: datetime


class ErrorBody(OutputSchema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(OutputSchema):
    error: ErrorBody


class TransitionIn(InputSchema):
    action: str = Field(description="The action to take; each resource documents its actions")


class AccountCloseIn(InputSchema):
    """Closing cannot be undone: the password again, and `understood` set to true."""

    password: str = text(128)
    understood: Literal[True]


class AccountExportOut(OutputSchema):
    """Everything the site keeps about the caller (the same as the privacy page's download)."""

    account: dict[str, Any]
    organisation: dict[str, Any] | None
    listings: dict[str, list[dict[str, Any]]]
    interests: list[dict[str, Any]]
    notifications: list[dict[str, Any]]
    consents: list[dict[str, Any]]
    api_tokens: list[dict[str, Any]]


class WorkQueueItemOut(OutputSchema):
    name: str = Field(
        description="applications_to_review, agreements_to_approve, inspections_to_do, "
        "projects_to_start, payments_due, logs_due, logs_to_confirm"
    )
    label: str = Field(description="In the caller's language")
    count: int
    url: str = Field(description="The page to act on: the one waiting thing if there is one, else the list")


class WorkQueueOut(OutputSchema):
    items: list[WorkQueueItemOut] = Field(description="Your role's items, each with its count (0: nothing waits)")
