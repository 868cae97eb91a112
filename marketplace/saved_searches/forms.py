"""The forms of saved searches: "Save this search" on a browse page, and a saved search's name and alerts."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import InputRequired

from marketplace.forms import CommandForm
from marketplace.saved_searches.areas import NOT_SAVED
from marketplace.saved_searches.commands import SavedSearchFields

MAX_QUERY_CHARS = 4000


class EditSearchForm(CommandForm):
    name = StringField(
        _l("Name"), validators=[InputRequired(_l("This field is required.")), *SavedSearchFields.limits("name")]
    )
    alerts = BooleanField(_l("Alert me of new listings"))


class SaveSearchForm(EditSearchForm):
    """The browse page's filters come as its query string; the command gets them as a mapping."""

    area = HiddenField()
    query = HiddenField()

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        return data | {"filters": query_filters(self.query.data or "")}


def query_filters(query: str) -> dict[str, str]:
    """A browse page's query string as filters: the first value of each, blanks and page settings left out."""
    filters: dict[str, str] = {}
    for name, value in parse_qsl(query[:MAX_QUERY_CHARS]):
        if name not in NOT_SAVED and value.strip():
            filters.setdefault(name, value.strip())
    return filters
