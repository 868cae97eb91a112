"""Query parameters of the API: each one's limits are written once, here, for the spec and the server alike.

An operation lists its parameters (`@operation(query=...)`); the OpenAPI document shows each one's
schema from `Query.schema`, and `checked_query` refuses, before the view runs, any value outside it
(400 naming each field). So what the document promises is exactly what the server enforces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from marketplace import reference
from marketplace.errors import ValidationFailed
from marketplace.filters import INTEGER_FIELDS
from marketplace.validation import whole_number

MAX_TEXT = 200
# No text may hold a NUL (marketplace.security refuses it in every request); the document says so too.
NO_NUL = "^[^\\u0000]*$"


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    choices: tuple[str, ...] = ()
    bounds: tuple[int, int] | None = None  # a whole number from low to high

    def schema(self) -> dict[str, Any]:
        if self.bounds is not None:
            return {"type": "integer", "minimum": self.bounds[0], "maximum": self.bounds[1]}
        if self.choices:  # empty: as if not given (a form's "any" sends it so)
            return {"type": "string", "enum": ["", *self.choices]}
        return {"type": "string", "maxLength": MAX_TEXT, "pattern": NO_NUL}

    def problem(self, raw: str) -> str | None:
        """Why `raw` is refused, or None."""
        if self.bounds is not None:
            low, high = self.bounds
            number = whole_number(raw, high)
            if number is None or number < low:
                return str(_l("Enter a whole number from %(low)d to %(high)d.", low=low, high=high))
        elif self.choices and raw and raw not in self.choices:
            return str(_l("Choose one of: %(values)s.", values=", ".join(self.choices)))
        elif len(raw) > MAX_TEXT:
            return str(_l("Use at most %(n)d characters.", n=MAX_TEXT))
        return None


def text(name: str, description: str) -> Query:
    return Query(name, description)


def choice(name: str, description: str, values: Iterable[str]) -> Query:
    return Query(name, description, choices=tuple(values))


def whole(name: str, description: str, bounds: tuple[int, int] | None = None) -> Query:
    """A whole-number parameter; list filters' bounds are `marketplace.filters.INTEGER_FIELDS`."""
    return Query(name, description, bounds=bounds or INTEGER_FIELDS[name])


PAGING = (
    whole("page", "1-based page number"),
    whole("per_page", f"1 to {INTEGER_FIELDS['per_page'][1]}, default 20"),
)


@dataclass(frozen=True)
class Paging:
    """The page PAGING's parameters ask for, as `read_filters` reads them (the first 20 by default)."""

    page: int = 1
    per_page: int = 20


def checked_query(params: tuple[Query, ...], args: MultiDict[str, str]) -> None:
    """Refuse any given parameter outside its declared limits (absent ones take their defaults), and any
    parameter the operation does not take: a misspelt filter must not silently list everything."""
    known = {param.name for param in params}
    fields = {name: [str(_l("This parameter is not known here."))] for name in args if name not in known}
    for param in params:
        raw = args.get(param.name)
        problem = None if raw is None else param.problem(raw)
        if problem is not None:
            fields[param.name] = [problem]
    if fields:
        raise ValidationFailed(_l("Some filters are not valid."), fields=fields)


def code(name: str, description: str, table: str) -> Query:
    """A code from one of the reference tables (marketplace.reference)."""
    return choice(name, description, reference.codes(table))


def sort(description: str, sorts: Iterable[str]) -> Query:
    """A list's order: relevance (to q) or one of its named sorts."""
    return choice("sort", description, ("relevance", *sorts))


def status(description: str, states: Iterable[Any]) -> Query:
    return choice("status", description, (str(state) for state in states))


def budget_range(description_min: str, description_max: str) -> tuple[Query, Query]:
    return whole("budget_min", description_min), whole("budget_max", description_max)


def listing(
    search: str, filters: tuple[Query, ...], states: Iterable[Any], budget: tuple[str, str], sorts: Iterable[str]
) -> tuple[Query, ...]:
    """What a listing search takes (needs, solutions, programmes): text, its own filters, a state, a budget
    range, an order and a page."""
    return (
        text("q", f"Free text, Korean or English; {search}"),
        *filters,
        status("Only listings in this state", states),
        *budget_range(*budget),
        sort("relevance (default with q), newest (default without q)", sorts),
        *PAGING,
    )
