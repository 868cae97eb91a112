"""Programmes pages (being built)."""

from marketplace.programmes import bp  # noqa: F401
