"""A smart industrial complex's page: its tenants, the sections features registered, its own targets.

The viewer decides the scope: the public sees figures of at least MIN_FIRMS firms; officers and admins see all,
per firm (outcomes/complexes/policies.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace import reference
from marketplace.auth.models import User
from marketplace.errors import NotFound
from marketplace.page_sections import ComplexScope, ComplexSection, complex_sections
from marketplace.policy import can
from marketplace.reference import SmartComplex
from outcomes.complexes.policies import ComplexFigures
from outcomes.complexes.sections import tenant_ids
from outcomes.complexes.targets import ComplexTargets, targets_of


@dataclass(frozen=True)
class ComplexPage:
    scope: ComplexScope
    targets: ComplexTargets
    sections: list[ComplexSection]
    empty: list[Any]  # titles of the registered sections with no records yet

    @property
    def complex(self) -> SmartComplex:
        return self.scope.complex


def complex_scope(session: Session, viewer: User | None, code: str, locale: str) -> ComplexScope:
    smart = reference.smart_complex(code)
    if smart is None:
        raise NotFound(_l("No such smart industrial complex."))
    full = can(viewer, "view_full", ComplexFigures)
    return ComplexScope(smart, tenant_ids(session, smart.complexes), full, locale)


def complex_page(session: Session, viewer: User | None, code: str, locale: str = "ko") -> ComplexPage:
    """The complex's sections as this viewer may see them (NotFound for an unknown code)."""
    scope = complex_scope(session, viewer, code, locale)
    sections, empty = complex_sections(session, scope)
    return ComplexPage(scope, targets_of(code), sections, empty)


def complex_index(session: Session) -> list[tuple[SmartComplex, int]]:
    """Every smart industrial complex, with its number of tenants on the platform."""
    return [(smart, len(tenant_ids(session, smart.complexes))) for smart in reference.SMART_COMPLEXES]
