"""Reading list filters from a query string, for pages (lenient) and the API (strict)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from marketplace.errors import ValidationFailed
from marketplace.search import MAX_PAGE, MAX_PER_PAGE
from marketplace.validation import whole_number

F = TypeVar("F")
INTEGER_FIELDS = {
    "page": (1, MAX_PAGE),
    "per_page": (1, MAX_PER_PAGE),
    "budget_min": (0, 10**13),
    "budget_max": (0, 10**13),
}


@dataclass(frozen=True)
class ListingFilters:
    """What every listing search takes; each kind of listing adds its own filters."""

    # What budget_min and budget_max mean for this kind (the API's query parameters say it).
    budget_doc = ("Smallest amount in KRW", "Largest amount in KRW")  # not a field: no annotation

    q: str = ""
    status: str = ""
    budget_min: int | None = None
    budget_max: int | None = None
    sort: str = ""
    page: int = 1
    per_page: int = 20


def code_filter(table: str, doc: str) -> Any:
    """A filter by one code of a reference table; `doc` describes it in the API's query parameters."""
    return dataclasses.field(default="", metadata={"table": table, "doc": doc})


def code_filters(cls: type) -> list[tuple[str, str, str]]:
    """(name, doc, table) of each code filter of a filters dataclass, in its order."""
    return [(f.name, f.metadata["doc"], f.metadata["table"]) for f in dataclasses.fields(cls) if "table" in f.metadata]


def read_filters(cls: type[F], args: MultiDict[str, str], strict: bool) -> F:
    """A filters dataclass from query arguments; unknown arguments are ignored.

    Pages are lenient (a bad page number shows page 1); the API is strict (400 naming the field).
    """
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        raw = args.get(field.name, "").strip()
        if not raw:
            continue
        if field.name in INTEGER_FIELDS:
            low, high = INTEGER_FIELDS[field.name]
            number = whole_number(raw, high)
            if number is not None and number >= low:
                values[field.name] = number
            else:
                errors[field.name] = [str(_l("Enter a whole number from %(low)d to %(high)d.", low=low, high=high))]
        else:
            values[field.name] = raw[:200]
    if errors and strict:
        raise ValidationFailed(_l("Some filters are not valid."), fields=errors)
    return cls(**values)
