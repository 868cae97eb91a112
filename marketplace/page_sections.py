"""What features add to pages: a listing page's sections (its matches, fitting courses, service offers), the
dashboard's panels (mentoring, consortia) and a smart industrial complex's sections (funds, mentoring, outcomes).
The app factory registers them, so the core's pages never name a feature.

Each section or panel returns template values; a page merges those of every registered one. A section may bring
its own template: the page includes it (`section_templates`) when the section gave values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.reference import SmartComplex
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


# A smart industrial complex's page (outcomes/complexes): its sections, each registered by the feature whose records
# it counts (funds' money, mentoring, KPIs; later consortia, consulting, courses). The registry is here, in the core,
# so that a feature at any layer can add a section without importing the page's own package.

MIN_FIRMS = 3  # a public figure summed or averaged over fewer firms would show one firm's own


class _Hidden:
    """A public figure of fewer than MIN_FIRMS firms: shown as "fewer than 3 firms", null in the API."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "HIDDEN"


HIDDEN: Any = _Hidden()


@dataclass(frozen=True)
class ComplexScope:
    """Whose records a complex's section counts, and for whom."""

    complex: SmartComplex
    tenant_ids: tuple[int, ...]  # the SME organisations lying in one of the complex's industrial complexes
    full: bool  # the viewer sees every figure, per firm (officers, admins); else public figures only
    locale: str

    def shown(self, value: Any, firms: int) -> Any:
        """The figure, or HIDDEN when it sums or averages fewer than MIN_FIRMS firms and the viewer is the public."""
        return value if self.full or firms >= MIN_FIRMS else HIDDEN


@dataclass(frozen=True)
class Card:
    label: Any
    value: Any  # HIDDEN: fewer than MIN_FIRMS firms
    kind: str = "count"  # count, money (won), percent (a signed change), jobs (a signed number of jobs), text


@dataclass(frozen=True)
class Table:
    id: str
    caption: Any
    headers: list[Any]
    rows: list[list[Card]]  # each cell a Card (its label: the column's header), so a cell can be HIDDEN too


@dataclass(frozen=True)
class ComplexSection:
    key: str
    title: Any
    figures: dict[str, Any]  # the API's answer: plain values, HIDDEN where the public may not see one
    cards: list[Card] = field(default_factory=list)
    charts: list[Any] = field(default_factory=list)  # funds.reports.charts.Chart
    tables: list[Table] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)
    template: str | None = None  # a section drawn its own way; else templates/outcomes/complexes/_section.html


ComplexSectionFn = Callable[[Session, ComplexScope], ComplexSection | None]  # None: no records yet, not shown
COMPLEX_SECTIONS: dict[str, tuple[Any, ComplexSectionFn, bool]] = {}


def add_complex_section(name: str, title: Any, section: ComplexSectionFn, full_only: bool = False) -> None:
    """Add a section to every smart industrial complex's page, after those already added (full_only: a section of
    per-firm figures, which only viewers with `scope.full` get)."""
    COMPLEX_SECTIONS[name] = (title, section, full_only)


def complex_sections(session: Session, scope: ComplexScope) -> tuple[list[ComplexSection], list[Any]]:
    """The sections with records to show, in order, and the titles of those with none yet."""
    shown, empty = [], []
    for title, section, full_only in COMPLEX_SECTIONS.values():
        if full_only and not scope.full:
            continue
        result = section(session, scope)
        if result is None:
            empty.append(title)
        else:
            shown.append(result)
    return shown, empty
