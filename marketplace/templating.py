"""Helpers every template may use: labels from reference data, money and number formats."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from marketplace import reference
from marketplace.amounts import short_won
from marketplace.auth.forms import ROLE_LABELS
from marketplace.auth.models import Role
from marketplace.i18n import current_language
from marketplace.organisations.brn import format_brn
from marketplace.organisations.models import Organisation
from marketplace.permissions import acting_user
from marketplace.policy import can


def ref_label(table: str, code: str | None) -> str:
    return reference.label(table, code, current_language())


def role_label(role: Role | str) -> str:
    return str(ROLE_LABELS[Role(role)])


STATUS_LABELS = {
    "draft": _l("Draft"),
    "open": _l("Open"),
    "in_progress": _l("In progress"),
    "closed": _l("Closed"),
    "withdrawn": _l("Withdrawn"),
    "active": _l("Active"),
    "archived": _l("Archived"),
    "pending": _l("Pending"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
}
ACTION_LABELS = {
    "publish": _l("Publish"),
    "start": _l("Mark as in progress"),
    "close": _l("Close"),
    "withdraw": _l("Withdraw"),
    "archive": _l("Archive"),
    "activate": _l("Make active again"),
    "open": _l("Open for applications"),
    "accept": _l("Accept"),
    "decline": _l("Decline"),
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(str(status), status))


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def org_name(organisation: Organisation | None) -> str:
    """An organisation's name in the reader's language (its English name in English, else its Korean one)."""
    return "" if organisation is None else organisation.name_in(current_language())


def format_krw(amount: int | None) -> str:
    """₩1,234,567 — integer won, no minor unit."""
    return "" if amount is None else f"₩{amount:,}"


def format_krw_short(amount: int | None) -> str:
    """A large sum in words for a figure card (25억 3,200만 원 / ₩2.53 billion); tables keep format_krw."""
    return short_won(amount, current_language())


def reference_choices(table: str) -> list[tuple[str, str]]:
    return reference.choices(table, current_language())


def combine(args: dict, **changes: object) -> dict:
    """Query arguments with some replaced (pagination links keep the current filters)."""
    return {**args, **changes}


def isodate(text: str | None) -> date | None:
    """A day stored as YYYY-MM-DD text (in a JSON column), as a date the `dateformat` filter prints."""
    return date.fromisoformat(text) if text else None


def may(action: str, obj: Any) -> bool:
    """`{% if can('pay_share', project) %}`: the resource's policy asked for the user behind this request."""
    return can(acting_user(), action, obj)


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        ref_label=ref_label,
        role_label=role_label,
        status_label=status_label,
        action_label=action_label,
        reference_choices=reference_choices,
        can=may,
    )
    app.jinja_env.filters.update(
        krw=format_krw, krw_short=format_krw_short, brn=format_brn, combine=combine, org_name=org_name, isodate=isodate
    )
