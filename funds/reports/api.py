"""/api/v1/organisations/<id>/shared-growth: a sponsor firm's evidence figures for a year, each with its records."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import request

from funds.policies import SponsorReportOf
from funds.reports.evidence.report import FIRST_YEAR, LAST_YEAR, evidence_report
from marketplace import clock
from marketplace.api import bp, query
from marketplace.api.conventions import OutputSchema
from marketplace.api.openapi import operation
from marketplace.db import db
from marketplace.evidence import Figure, Line, Record
from marketplace.i18n import current_language
from marketplace.permissions import actor, allowed

YEAR = query.whole("year", "The calendar year in Korea (default: this year)", (FIRST_YEAR, LAST_YEAR))


class RecordOut(OutputSchema):
    kind: str
    id: int
    label: str
    detail: str
    amount: int | str | None  # won, months, or a KPI value as a decimal string


class FigureOut(OutputSchema):
    key: str
    label: str
    value: int | str | None  # won, a count, or a change as a decimal string
    unit: str
    note: str
    records: list[RecordOut]


class LineOut(OutputSchema):
    key: str
    label: str
    recorded: bool
    figures: list[FigureOut]


class SharedGrowthOut(OutputSchema):
    organisation_id: int
    name: str
    year: int
    lines: list[LineOut]


def _plain(value: object) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value  # type: ignore[return-value]


def _record(record: Record) -> dict[str, Any]:
    return {"kind": record.kind, "id": record.id, "label": record.label, "detail": record.detail,
            "amount": _plain(record.amount)}  # fmt: skip


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "key": figure.key, "label": str(figure.label), "value": _plain(figure.value), "unit": figure.unit,
        "note": str(figure.note), "records": [_record(r) for r in figure.records],
    }  # fmt: skip


def _line(line: Line) -> dict[str, Any]:
    return {"key": line.key, "label": str(line.label), "recorded": line.recorded,
            "figures": [_figure(f) for f in line.figures]}  # fmt: skip


@bp.get("/organisations/<int:organisation_id>/shared-growth")
@operation(
    "A sponsor firm's shared-growth evidence for a year: each figure with the records it counts",
    "reports",
    response=SharedGrowthOut,
    query=(YEAR,),
)
@allowed("view", SponsorReportOf)
def shared_growth(organisation_id: int) -> dict[str, Any]:
    year = int(request.args.get("year") or clock.today().year)
    report = evidence_report(db.session, actor(), organisation_id, year, current_language())
    return {"organisation_id": report.organisation_id, "name": report.name, "year": report.year,
            "lines": [_line(line) for line in report.lines]}  # fmt: skip
