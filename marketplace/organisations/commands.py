"""The command of an organisation's public profile: what it makes, its certifications and reference projects.

Built by the profile form and by the JSON body alike (PATCH /api/v1/organisations/<id>/profile), so each
field's limit and message is written once, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from pydantic import Field, StrictInt
from wtforms.validators import Length

from marketplace import reference
from marketplace.api.conventions import InputSchema
from marketplace.api.fields import IsoDate, absent
from marketplace.commands import Command, Rule, Text
from marketplace.validation import LONG_TEXT_CHARS, NAME_CHARS, TITLE_CHARS, fail

WEBSITE_CHARS = 300
MAX_CERTIFICATIONS = 12
MAX_PRODUCTS = 20
MAX_REFERENCE_PROJECTS = 10
SUMMARY_CHARS = 500
FIRST_YEAR = 1950
LAST_YEAR = 2100
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", re.IGNORECASE)


def normalise_website(raw: str | None) -> str | None:
    """An http(s) address with a real host name ("example.co.kr" gains https://); raises ValueError if not."""
    text = (raw or "").strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not _HOST.match(host.encode("idna").decode() if host else ""):
        raise ValueError(text)
    if any(char.isspace() for char in text) or parts.username or parts.password:
        raise ValueError(text)
    return text


@dataclass(frozen=True)
class Website(Rule):
    def check(self, values: dict[str, Any], field: str) -> None:
        if field not in values:
            return
        message = _l("Enter a web address such as https://www.example.co.kr.")
        try:
            website = normalise_website(values[field])
        except (ValueError, UnicodeError) as exc:
            raise fail(field, message) from exc
        if website is not None and len(website) > WEBSITE_CHARS:
            raise fail(field, _l("Use at most %(n)d characters.", n=WEBSITE_CHARS))
        values[field] = website

    def json_schema(self) -> dict[str, Any]:
        return {"maxLength": WEBSITE_CHARS}

    def limits(self) -> list[Any]:
        return [Length(max=WEBSITE_CHARS)]


class Certification(InputSchema):
    code: str = Field(json_schema_extra={"enum": list(reference.codes("certifications"))})
    number: str | None = Field(default=None, json_schema_extra={"maxLength": NAME_CHARS})
    expires_on: IsoDate | None = None


class ReferenceProject(InputSchema):
    title: str = Field(json_schema_extra={"minLength": 1, "maxLength": TITLE_CHARS})
    customer: str | None = Field(default=None, json_schema_extra={"maxLength": NAME_CHARS})
    year: StrictInt | None = Field(default=None, json_schema_extra={"minimum": FIRST_YEAR, "maximum": LAST_YEAR})
    summary: str | None = Field(default=None, json_schema_extra={"maxLength": SUMMARY_CHARS})


def _row(field: str, number: int, message: Any) -> Any:
    return fail(field, _l("Row %(n)d: %(message)s", n=number, message=message))


@dataclass(frozen=True)
class Certifications(Rule):
    """A list of certifications: known codes, a number and an expiry each may have; stored as plain data."""

    def check(self, values: dict[str, Any], field: str) -> None:
        if field not in values:
            return
        rows = [_plain(row) for row in values[field] or []]
        if len(rows) > MAX_CERTIFICATIONS:
            raise fail(field, _l("List at most %(n)d.", n=MAX_CERTIFICATIONS))
        kept = []
        for number, row in enumerate(rows, start=1):
            if row.get("code") not in reference.codes("certifications"):
                raise _row(field, number, _l("Choose a certification from the list."))
            code_number = (row.get("number") or "").strip() or None
            if code_number is not None and len(code_number) > NAME_CHARS:
                raise _row(field, number, _l("Use at most %(n)d characters.", n=NAME_CHARS))
            expires = row.get("expires_on")
            if isinstance(expires, str):
                try:
                    expires = date.fromisoformat(expires)
                except ValueError as exc:
                    raise _row(field, number, _l("Enter a date as YYYY-MM-DD.")) from exc
            kept.append(
                {"code": row["code"], "number": code_number, "expires_on": expires.isoformat() if expires else None}
            )
        values[field] = kept

    def json_schema(self) -> dict[str, Any]:
        return {"maxItems": MAX_CERTIFICATIONS}


@dataclass(frozen=True)
class Products(Rule):
    def check(self, values: dict[str, Any], field: str) -> None:
        if field not in values:
            return
        given = list(values[field] or [])
        products = [str(product).strip() for product in given if str(product).strip()]
        if len(given) > MAX_PRODUCTS:
            raise fail(field, _l("List at most %(n)d.", n=MAX_PRODUCTS))
        if any(len(product) > NAME_CHARS for product in products):
            raise fail(field, _l("Use at most %(n)d characters for each one.", n=NAME_CHARS))
        values[field] = products

    def json_schema(self) -> dict[str, Any]:
        return {"maxItems": MAX_PRODUCTS}


@dataclass(frozen=True)
class ReferenceProjects(Rule):
    def check(self, values: dict[str, Any], field: str) -> None:
        if field not in values:
            return
        rows = [_plain(row) for row in values[field] or []]
        if len(rows) > MAX_REFERENCE_PROJECTS:
            raise fail(field, _l("List at most %(n)d.", n=MAX_REFERENCE_PROJECTS))
        kept = []
        for number, row in enumerate(rows, start=1):
            texts: dict[str, str | None] = {
                name: str(row.get(name) or "").strip() or None for name in ("title", "customer", "summary")
            }
            if texts["title"] is None:
                raise _row(field, number, _l("Give the project a title."))
            for name, limit in (("title", TITLE_CHARS), ("customer", NAME_CHARS), ("summary", SUMMARY_CHARS)):
                if len(texts[name] or "") > limit:
                    raise _row(field, number, _l("Use at most %(n)d characters.", n=limit))
            year = row.get("year")
            if year is not None and (isinstance(year, bool) or not FIRST_YEAR <= int(year) <= LAST_YEAR):
                raise _row(field, number, _l("Enter a year such as 2024."))
            kept.append({**texts, "year": int(year) if year is not None else None})
        values[field] = kept

    def json_schema(self) -> dict[str, Any]:
        return {"maxItems": MAX_REFERENCE_PROJECTS}


def _plain(row: Any) -> dict[str, Any]:
    return row.model_dump() if isinstance(row, InputSchema) else dict(row)


class OrganisationProfile(Command):
    """A change to the public profile: any field may be left out; null or an empty list clears it."""

    description: Annotated[str | None, Text(LONG_TEXT_CHARS, required=False)] = absent(
        description="What the firm makes or does, in Korean or English"
    )
    website: Annotated[str | None, Website()] = absent(description="http(s) address; https:// is added if missing")
    certifications: Annotated[list[Certification] | None, Certifications()] = absent()
    products: Annotated[list[str] | None, Products()] = absent(description="Product or service names")
    reference_projects: Annotated[list[ReferenceProject] | None, ReferenceProjects()] = absent()


PROFILE_FIELDS = tuple(OrganisationProfile.model_fields)
