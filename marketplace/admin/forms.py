"""The admin's forms: the complexes an organisation operates."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField

from marketplace.forms import CommandForm, set_reference_choices


class OperatedComplexesForm(CommandForm):
    operated_complexes = SelectMultipleField(
        _l("Industrial complexes it operates"),
        validate_choice=False,  # the command's rule names a wrong code
        description=_l("None: it is not a complex operator."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_reference_choices(self.operated_complexes, "industrial_complexes")

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        return data | {"operated_complexes": list(data.get("operated_complexes") or [])}
