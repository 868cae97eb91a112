"""The commands of saved searches: save one, change one. Each field's rule is declared here once."""

from __future__ import annotations

from typing import Annotated, Any

from flask_babel import lazy_gettext as _l
from pydantic import Field, StrictBool, StrictInt, StrictStr
from werkzeug.datastructures import MultiDict

from marketplace.api.fields import absent
from marketplace.commands import Command, Flag, Rule, Text
from marketplace.errors import ValidationFailed
from marketplace.filters import read_filters
from marketplace.saved_searches.areas import AREAS
from marketplace.saved_searches.models import NAME_CHARS
from marketplace.validation import fail

FILTER_CHARS = 200  # as a browse page reads a filter (marketplace.filters)
MAX_FILTERS = 20


class Area(Rule):
    def check(self, values: dict[str, Any], field: str) -> None:
        if field in values and values[field] not in AREAS:
            raise fail(field, _l("Choose a value from the list."))

    def json_schema(self) -> dict[str, Any]:
        return {"enum": sorted(AREAS)}


class Filters(Rule):
    """The area's own filters only (not page or page size), each a short text; numbers as the page reads them."""

    def check(self, values: dict[str, Any], field: str) -> None:
        filters, area = values.get(field), AREAS.get(values.get("area") or "")
        if filters is None or area is None:
            return
        unknown = sorted(str(name)[:40] for name in filters if name not in area.saved_fields())
        if unknown:
            message = _l("These filters do not exist here: %(names)s.", names=", ".join(unknown))
            raise ValidationFailed(message, fields={field: [str(message)]})
        too_long = [name for name, value in filters.items() if len(str(value)) > FILTER_CHARS]
        if too_long or len(filters) > MAX_FILTERS:
            message = _l("Use at most %(n)d characters.", n=FILTER_CHARS)
            raise ValidationFailed(message, fields={field: [str(message)]})
        try:
            read_filters(area.filters, MultiDict({k: str(v) for k, v in filters.items()}), strict=True)
        except ValidationFailed as error:
            raise ValidationFailed(
                error.message, fields={field: [m for ms in error.fields.values() for m in ms]}
            ) from error

    def json_schema(self) -> dict[str, Any]:
        return {"maxProperties": MAX_FILTERS}


Name = Annotated[str, Text(NAME_CHARS)]
AreaName = Annotated[str, Area()]
FilterValues = Annotated[dict[str, StrictStr | StrictInt], Filters()]
Alerts = Annotated[StrictBool, Flag()]


# "Change a saved search": its name, and whether new listings that fit it are alerted.
class SavedSearchFields(Command):
    """A change: any field may be left out."""

    name: Name = absent()
    alerts: Alerts = absent(description="Tell me of new listings that fit (in the app, and in the daily email)")


# "Save a search": the filters of one browse page, under a name.
class SavedSearchIn(SavedSearchFields):
    name: Name
    area: AreaName = Field(description="Which list: needs, solutions, programmes or mentors")
    filters: FilterValues = Field(
        default_factory=dict, description="The list's filters, as its query string names them"
    )
    alerts: Alerts = True
