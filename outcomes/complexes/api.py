"""GET /api/v1/complexes/{code}/figures: a smart industrial complex's figures as JSON, public ones for everyone
and every figure for officers and admins (the page's rules). A hidden figure is null and named in `hidden`."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

from pydantic import Field

from marketplace.api import bp
from marketplace.api.conventions import OutputSchema
from marketplace.api.openapi import operation
from marketplace.db import db
from marketplace.i18n import current_language
from marketplace.page_sections import HIDDEN, MIN_FIRMS
from marketplace.permissions import acting_user
from outcomes.complexes.services import complex_page


class ComplexFiguresOut(OutputSchema):
    code: str
    name: str
    industrial_complexes: list[str] = Field(description="the industrial complex codes a tenant lies in")
    selected: int = Field(description="the year the government chose the complex")
    full: bool = Field(description="true: every figure, per firm (officers and admins)")
    minimum_firms: int = Field(description="public sums and averages cover at least this many firms")
    targets: dict[str, Any] = Field(description="the complex's own targets and their sources")
    sections: dict[str, Any] = Field(description="section key -> its figures (money in whole won, changes in %)")
    hidden: list[str] = Field(description="figures not shown: fewer than minimum_firms firms (section.figure)")
    empty_sections: list[str] = Field(description="registered sections with no records yet")


def plain(value: Any, path: str, hidden: list[str]) -> Any:
    """A figure as JSON: HIDDEN -> null (its path noted), Decimal -> string, lazy text -> string."""
    if value is HIDDEN:
        hidden.append(path)
        return None
    if isinstance(value, dict):
        return {str(key): plain(item, f"{path}.{key}", hidden) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item, f"{path}.{index}", hidden) for index, item in enumerate(value)]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


@bp.get("/complexes/<code>/figures")
@operation(
    "A smart industrial complex's figures (public: groups of fewer than 3 firms hidden; officers: per firm)",
    "complexes",
    response=ComplexFiguresOut,
    errors=(404,),
    public=True,
)
def get_complex_figures(code: str) -> dict[str, Any]:
    page = complex_page(db.session, acting_user(), code, current_language())
    hidden: list[str] = []
    targets = page.targets
    return {
        "code": page.complex.code,
        "name": page.complex.label(current_language()),
        "industrial_complexes": list(page.complex.complexes),
        "selected": page.complex.selected,
        "full": page.scope.full,
        "minimum_firms": MIN_FIRMS,
        "targets": plain(
            {
                "by_year": targets.by_year,
                "kpis": targets.kpis,
                "jobs": targets.jobs,
                "smart_factories": targets.smart_factories,
                "specialists": targets.specialists,
                "sources": [source.__dict__ for source in targets.sources],
            },
            "targets",
            hidden,
        ),  # fmt: skip
        "sections": {section.key: plain(section.figures, section.key, hidden) for section in page.sections},
        "hidden": hidden,
        "empty_sections": [str(title) for title in page.empty],
    }
