"""Field types of request bodies: each carries its limit into the OpenAPI document.

The limits are the services' own (marketplace.validation's constants, the reference tables), and the
services enforce them, in every language, for the forms and the API alike: these types only write them
into the document (pydantic still enforces the JSON types). The schemathesis test sends bodies that break
each documented limit and fails unless every one is refused with a 4xx, so the two cannot drift apart.
Ids are the exception: pydantic refuses one past the database's integer before any query is made.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictInt, WithJsonSchema

from marketplace import reference
from marketplace.validation import MAX_ID, MAX_LISTING_KRW, MAX_POOL_KRW


def absent(**field: Any) -> Any:
    """A field a change may leave out (None: left as it is); its type says what it must be when given,
    so an explicit null is refused."""
    return Field(default=None, **field)


def text(max_chars: int, required: bool = True, **field: Any) -> Any:
    """A text field of at most `max_chars` characters (after trimming); `required`: not blank."""
    return Field(json_schema_extra={"minLength": 1 if required else 0, "maxLength": max_chars}, **field)


def whole(low: int, high: int, **field: Any) -> Any:
    """A whole number from `low` to `high`."""
    return Field(json_schema_extra={"minimum": low, "maximum": high}, **field)


def _code(table: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": list(reference.codes(table))})


CategoryCode = Annotated[str, _code("solution_categories")]
RegionCode = Annotated[str, _code("regions")]
ComplexCode = Annotated[str, _code("industrial_complexes")]
TierCode = Annotated[str, _code("funding_tiers")]
KsicCode = Annotated[str, _code("ksic_divisions")]
LevelCode = Annotated[str, _code("smart_factory_levels")]

# Money is integer KRW: a positive whole number, at most what a listing or a pool can sensibly hold.
Won = Annotated[StrictInt, WithJsonSchema({"type": "integer", "exclusiveMinimum": 0, "maximum": MAX_LISTING_KRW})]
PoolWon = Annotated[StrictInt, WithJsonSchema({"type": "integer", "exclusiveMinimum": 0, "maximum": MAX_POOL_KRW})]
RowId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]


def _iso_date_only(value: Any) -> Any:
    """Only YYYY-MM-DD, as the document says: pydantic would read 0 or "1700000000" as a Unix time."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return value
    raise ValueError("Enter a date as YYYY-MM-DD.")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
