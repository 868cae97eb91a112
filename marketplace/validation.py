"""Field rules shared by every form and API body: one place for each rule, one message each.

Each function checks one field of a dict of values and raises ValidationFailed naming the field.
Fields absent from the dict are skipped, so the same checks serve creation and partial updates.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from marketplace import reference
from marketplace.errors import ValidationFailed

# "Within sense": the largest government cap is ₩400M (고도화2); a listing above ₩10bn is a typo.
MAX_LISTING_KRW = 10_000_000_000
# A sponsor's whole pledged pool may be far larger (Samsung's win-win fund pledged ₩100bn a year).
MAX_POOL_KRW = 1_000_000_000_000


# Text lengths, in characters, shared by forms, services and the API's documented limits.
NAME_CHARS = 120  # a person's or organisation's name, a headline
TITLE_CHARS = 200  # a listing's title or name
NOTE_CHARS = 500  # fee terms, notable customers
MESSAGE_CHARS = 1000  # a message, a reason, a comment
LONG_TEXT_CHARS = 5000  # a description, a biography, a log's paragraphs
MAX_COUNT = 1_000_000  # employees, installations
MAX_REVENUE_KRW = 10**15

# The largest id a row can have (PostgreSQL's integer); a bigger one names nothing.
MAX_ID = 2**31 - 1


def whole_number(raw: object, maximum: int = MAX_ID) -> int | None:
    """`raw` read as a whole number from 0 to `maximum`, or None.

    Only ASCII digits count: "²" and "١" pass str.isdigit() but int() refuses them, and a number too
    large for the database's column must be refused here rather than by the database.
    """
    text = str(raw) if isinstance(raw, str | int) and not isinstance(raw, bool) else ""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
        return None
    value = int(text)
    return value if value <= maximum else None


def fail(field: str, message: Any) -> ValidationFailed:
    return ValidationFailed(message, fields={field: [str(message)]})


def check_text(values: dict[str, Any], field: str, max_length: int, required: bool = True) -> None:
    if field not in values:
        return
    text = values[field]
    if text is None or not str(text).strip():
        if required:
            raise fail(field, _l("This field is required."))
        return
    if len(str(text)) > max_length:
        raise fail(field, _l("Use at most %(n)d characters.", n=max_length))


def check_code(values: dict[str, Any], field: str, table: str, required: bool = True) -> None:
    if field not in values:
        return
    code = values[field]
    if not code and not required:
        return
    if code not in reference.codes(table):
        raise fail(field, _l("Choose a value from the list."))


def check_codes(values: dict[str, Any], field: str, table: str, required: bool = False) -> None:
    if field not in values:
        return
    codes = values[field] or []
    if required and not codes:
        raise fail(field, _l("Choose at least one."))
    allowed = reference.codes(table)
    if not isinstance(codes, list | tuple) or any(code not in allowed for code in codes):
        raise fail(field, _l("Choose values from the list."))


def check_amount(values: dict[str, Any], field: str, maximum: int = MAX_LISTING_KRW) -> None:
    """A positive whole number of won, not absurdly large."""
    if field not in values:
        return
    amount = values[field]
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise fail(field, _l("Enter a positive whole number of won."))
    if amount > maximum:
        raise fail(field, _l("Enter at most ₩%(max)s.", max=f"{maximum:,}"))


def check_count(values: dict[str, Any], field: str, maximum: int = MAX_COUNT, required: bool = False) -> None:
    if field not in values:
        return
    if values[field] is None:
        if required:  # a column that cannot be empty: null must be refused here, not by the database
            raise fail(field, _l("This field is required."))
        return
    value = values[field]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise fail(field, _l("Enter a whole number of zero or more."))


def check_date(values: dict[str, Any], field: str, required: bool = False) -> None:
    if field not in values:
        return
    if values[field] is None:
        if required:
            raise fail(field, _l("This field is required."))
        return
    if not isinstance(values[field], date):
        raise fail(field, _l("Enter a date as YYYY-MM-DD."))


def check_percent(values: dict[str, Any], field: str) -> None:
    if field not in values:
        return
    value = values[field]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise fail(field, _l("Enter a whole percentage from 1 to 100."))


def check_flag(values: dict[str, Any], field: str) -> None:
    if field in values and not isinstance(values[field], bool):
        raise fail(field, _l("Choose yes or no."))


def check_order(values: dict[str, Any], low: str, high: str, message: Any) -> None:
    """`values[low] <= values[high]` when both are known (amounts or dates)."""
    if values.get(low) is not None and values.get(high) is not None and values[low] > values[high]:
        raise fail(high, message)


def check_complex_in_region(values: dict[str, Any]) -> None:
    complex_code = values.get("industrial_complex")
    if complex_code and values.get("region") and reference.complex_region(complex_code) != values["region"]:
        raise fail("industrial_complex", _l("This industrial complex is not in the chosen region."))
