"""What features add to the core's pages: a listing page's sections (its matches, fitting courses) and the
dashboard's panels (mentoring). The app factory registers them, so the core's pages never name a feature.

Each section or panel returns template values; a page merges those of every registered one. A section may bring
its own template: the page includes it (`section_templates`) when the section gave values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from marketplace.auth.models import User
from matching.kinds import Kind

ListingSection = Callable[[User | None, Kind, Any], dict[str, Any]]
DashboardPanel = Callable[[Session, User], dict[str, Any]]

LISTING_SECTIONS: dict[str, ListingSection] = {}
# The template a section brings (its own markup), included by the listing's page when the section has values.
SECTION_TEMPLATES: dict[str, str] = {}
DASHBOARD_PANELS: dict[str, DashboardPanel] = {}


def add_listing_section(name: str, section: ListingSection, template: str | None = None) -> None:
    LISTING_SECTIONS[name] = section  # by name: a second app in the same process registers the same one
    if template is not None:
        SECTION_TEMPLATES[name] = template


def add_dashboard_panel(name: str, panel: DashboardPanel) -> None:
    DASHBOARD_PANELS[name] = panel


def listing_sections(viewer: User | None, kind: Kind, listing: Any) -> dict[str, Any]:
    """The template values of every section a feature adds to this listing's page."""
    values: dict[str, Any] = {}
    templates = []
    for name, section in LISTING_SECTIONS.items():
        given = section(viewer, kind, listing)
        values.update(given)
        if given and name in SECTION_TEMPLATES:
            templates.append(SECTION_TEMPLATES[name])
    return values | {"section_templates": templates}


def dashboard_panels(session: Session, user: User) -> dict[str, Any]:
    """The template values of every panel a feature adds to this user's dashboard."""
    values: dict[str, Any] = {}
    for panel in DASHBOARD_PANELS.values():
        values.update(panel(session, user))
    return values
