"""Helpers every template may use: labels from reference data, money and number formats."""

from __future__ import annotations

from flask import Flask

from marketplace import reference
from marketplace.auth.forms import ROLE_LABELS
from marketplace.auth.models import Role
from marketplace.i18n import current_language
from marketplace.organisations.brn import format_brn


def ref_label(table: str, code: str | None) -> str:
    return reference.label(table, code, current_language())


def role_label(role: Role | str) -> str:
    return str(ROLE_LABELS[Role(role)])


def format_krw(amount: int | None) -> str:
    """₩1,234,567 — integer won, no minor unit."""
    return "" if amount is None else f"₩{amount:,}"


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(ref_label=ref_label, role_label=role_label)
    app.jinja_env.filters.update(krw=format_krw, brn=format_brn)
