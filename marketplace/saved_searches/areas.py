"""What can be searched and saved: the browse pages (needs, solutions, programmes, and what features add).

Each area says how its filters are read, which rows they keep for a viewer, and how a row is named and
linked in an alert. The core registers its listings; a feature registers its own (the app factory calls
`register_area`), so this module names no feature.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from marketplace.auth.models import User
from marketplace.listings import visible_condition
from marketplace.listings.kind import ListingKind
from marketplace.needs.services import NEEDS
from marketplace.programmes.services import PROGRAMMES
from marketplace.solutions.services import SOLUTIONS

# Filters that say how a list is shown, not what it holds: never saved.
NOT_SAVED = frozenset({"page", "per_page"})


@dataclass(frozen=True)
class SearchArea:
    name: str  # "needs": also the browse endpoint's blueprint and the path of a row's page
    label: Any  # lazy: "Needs"
    model: Any
    filters: type  # the browse page's filters dataclass
    conditions: Callable[[Any, User | None], list[Any]]  # SQL: the rows the filters keep for this viewer
    title: Callable[[Any], str]  # how an alert names a row
    # Whose a row is: its author's organisation is never alerted of it.
    owned_by: Callable[[Any, User], bool] = lambda row, user: (
        getattr(row, "organisation_id", None) == (user.organisation_id or -1)
    )

    @property
    def endpoint(self) -> str:
        return f"{self.name}.browse"

    def path(self, row: Any) -> str:
        return f"/{self.name}/{row.id}"

    def saved_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(self.filters) if f.name not in NOT_SAVED)


AREAS: dict[str, SearchArea] = {}


def register_area(area: SearchArea) -> None:
    AREAS[area.name] = area


def listing_area(kind: ListingKind, label: Any) -> SearchArea:
    def conditions(filters: Any, viewer: User | None) -> list[Any]:
        return [visible_condition(kind.model, viewer, filters.status), *kind.conditions(filters, viewer)]

    return SearchArea(kind.plural, label, kind.model, kind.filters, conditions, lambda row: row.title)


for _kind, _label in ((NEEDS, _l("Needs")), (SOLUTIONS, _l("Solutions")), (PROGRAMMES, _l("Sponsor programmes"))):
    register_area(listing_area(_kind, _label))
