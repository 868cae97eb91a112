"""Solutions pages (being built)."""

from marketplace.solutions import bp  # noqa: F401
