"""Form helpers shared by every blueprint."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from flask import flash, redirect
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from marketplace import reference
from marketplace.commands import Command
from marketplace.db import db
from marketplace.errors import DomainError
from marketplace.i18n import current_language

C = TypeVar("C", bound=Command)


def select_choices(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def set_reference_choices(field: Field, table: str, blank: Any = None) -> None:
    """Fill a select field with a reference table in the user's language."""
    options = reference.choices(table, current_language())
    field.choices = select_choices([("", blank), *options] if blank is not None else options)


def apply_domain_error(form: FlaskForm, error: DomainError) -> None:
    """Show a service's field errors beside the form's fields (or at the top if none matches).

    The refused action keeps nothing: the page answers 200, which would otherwise commit the request.
    """
    db.session.rollback()
    placed = False
    for name, messages in error.fields.items():
        field = getattr(form, name, None)
        if isinstance(field, Field):
            field.errors = list(field.errors) + list(messages)
            placed = True
    if not placed:
        form.form_errors.append(str(error.message))


class CommandForm(FlaskForm):
    """A form whose values become a use case's command, the same one the API builds from a JSON body.

    The form's fields have parsed what was typed (whole numbers, dates, lists); the command's rules,
    run by the service, judge it, so a page and the API give the same message for the same mistake.
    """

    def read(self, data: dict[str, Any]) -> dict[str, Any]:
        """The form's own reading of its values (an empty select means "none", a button means a status)."""
        return data

    def command(self, command: type[C], **known: Any) -> C:
        """The command from the form's fields, and `known`: what the page knows without asking (the mentor)."""
        data = self.read({name: self[name].data for name in command.model_fields if name in self}) | known
        given = {name: value for name, value in data.items() if name in command.model_fields}
        # Not validated again as JSON: a form's None is a value the rules name ("This field is required").
        return command.model_construct(_fields_set=set(given), **given)


class NonNegative:
    """A whole number of zero or more (employees, revenue in KRW)."""

    def __call__(self, form: FlaskForm, field: Field) -> None:
        if field.data is not None and field.data < 0:
            raise ValidationError(_l("Enter a whole number of zero or more."))


def save_form(form: FlaskForm, save: Callable[[], Any], message: str, next_url: Callable[[Any], str]) -> Any:
    """The POST half of every create/edit view: validate, call the service, redirect (the request commits).

    Returns the redirect on success, else None (the view renders the form, with a service's
    field errors placed beside the fields).
    """
    if not form.validate_on_submit():
        return None
    try:
        saved = save()
    except DomainError as error:
        apply_domain_error(form, error)
        return None
    db.session.flush()
    flash(message, "success")
    return redirect(next_url(saved))
