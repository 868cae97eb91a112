"""Request and response bodies of the core API (field names are the models' own)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from marketplace.api.conventions import InputSchema, OutputSchema


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


class OrganisationPatch(InputSchema):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    name_en: str | None = Field(default=None, max_length=120)
    ksic_division: str | None = Field(default=None, description="KSIC manufacturing division, '10' to '34'")
    region: str | None = Field(default=None, description="Region code, e.g. 'gyeonggi'")
    industrial_complex: str | None = Field(default=None, description="Complex code, e.g. 'sihwa'; null for none")
    employees: int | None = Field(default=None, ge=0, strict=True)
    annual_revenue_krw: int | None = Field(default=None, ge=0, strict=True)
    smart_factory_level: str | None = None
    contact_phone: str | None = Field(default=None, max_length=30)


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
