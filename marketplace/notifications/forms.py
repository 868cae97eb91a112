"""The notification settings form: an in-app and an email checkbox for each kind the user can receive."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_wtf import FlaskForm
from wtforms import BooleanField

from marketplace.notifications.kinds import Kind
from marketplace.notifications.preferences import Choice


class PreferencesForm(FlaskForm):
    """Fields are added per user (their role's kinds), named `<kind>__in_app` and `<kind>__email`."""

    kinds: Sequence[Kind] = ()

    def choices(self) -> dict[str, Choice]:
        return {
            kind.name: Choice(in_app=self[f"{kind.name}__in_app"].data, email=self[f"{kind.name}__email"].data)
            for kind in self.kinds
        }


def preferences_form(kinds: Sequence[Kind], current: Mapping[str, Choice]) -> PreferencesForm:
    """The form for these kinds, ticked as the user's current choices (a submission overrides them)."""

    class Form(PreferencesForm):
        pass

    Form.kinds = tuple(kinds)
    for kind in kinds:
        setattr(Form, f"{kind.name}__in_app", BooleanField(kind.label, default=current[kind.name].in_app))
        setattr(Form, f"{kind.name}__email", BooleanField(kind.label, default=current[kind.name].email))
    return Form()
