"""The evidence report as a PDF (marketplace.pdf) and an Excel workbook (marketplace.exports), in the page's
language: one table of figures, then each figure's records."""

from __future__ import annotations

import re
from decimal import Decimal

from flask_babel import gettext as _

from funds.reports.evidence.report import EvidenceReport
from marketplace.evidence import Figure, record_kind_label
from marketplace.exports import Sheet, excel_xlsx
from marketplace.pdf import Grid, Heading, Text, pdf_document


def shown(value: object, unit: str) -> str:
    """A figure as a person reads it: ₩1,234,567 / 12 / +12.3 % / +2 jobs; — when there is none."""
    if value is None:
        return "—"
    if unit == "krw":
        return f"₩{value:,}"
    if unit == "percent":
        return f"{value:+.1f} %"
    if unit == "jobs":
        return _("%(n)s jobs", n=f"{value:+.1f}")
    return f"{value:,}"


def not_recorded() -> str:
    return _("Not recorded on Sangsaeng yet")


def title(report: EvidenceReport) -> str:
    return _("Shared-growth evidence %(year)d · %(name)s", year=report.year, name=report.name)


def _cell(value: object) -> object:
    """Numbers stay numbers (Excel adds them up); exact decimals as floats, which they fit."""
    return float(value) if isinstance(value, Decimal) else value


def _figure_rows(report: EvidenceReport) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for line in report.lines:
        if not line.recorded:
            rows.append((str(line.label), "", not_recorded(), "", 0, ""))
        for figure in line.figures:
            value = _cell(figure.value) if figure.value is not None else "—"
            rows.append((str(line.label), str(figure.label), value, figure.unit, len(figure.records), str(figure.note)))
    return rows


def _traced(report: EvidenceReport) -> list[Figure]:
    return [figure for line in report.lines for figure in line.figures if figure.records]


def _record_headers() -> tuple[str, ...]:
    return (_("Record"), _("Id"), _("Whose"), _("What"), _("Amount or value"))


def _record_rows(figure: Figure) -> list[tuple[object, ...]]:
    return [(record_kind_label(r.kind), r.id, r.label, r.detail, _cell(r.amount)) for r in figure.records]


def _sheet_name(text: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", text)[:28].strip() or "sheet"
    name, n = base, 2
    while name in taken:
        name, n = f"{base[:26]} {n}", n + 1
    taken.add(name)
    return name


def evidence_xlsx(report: EvidenceReport) -> bytes:
    """One sheet of figures, one per figure's records, and the supported SMEs' KPIs."""
    taken = {_("Figures")}
    headers = (_("Line"), _("Figure"), _("Value"), _("Unit"), _("Records"), _("How it is counted"))
    sheets: list[Sheet] = [(_("Figures"), headers, _figure_rows(report))]
    for figure in _traced(report):
        sheets.append((_sheet_name(str(figure.label), taken), _record_headers(), _record_rows(figure)))
    for line in report.lines:
        if line.table is not None and line.table.rows:
            rows = [tuple(_cell(v) for v in row) for row in line.table.rows]
            sheets.append((_sheet_name(str(line.label), taken), [str(h) for h in line.table.headers], rows))
    return excel_xlsx(sheets)


def evidence_pdf(report: EvidenceReport) -> bytes:
    """The figures line by line, each followed by the records it counts."""
    blocks: list[Heading | Text | Grid] = [
        Text(_("Every figure below lists the records it counts: ledger transactions, projects, engagements, "
               "KPI values. Money is net: releases of cancelled projects and refunds are taken off.")),
    ]  # fmt: skip
    for line in report.lines:
        blocks.append(Heading(str(line.label)))
        if not line.recorded:
            blocks.append(Text(not_recorded()))
            continue
        rows = [(str(f.label), shown(f.value, f.unit), len(f.records)) for f in line.figures]
        blocks.append(Grid((_("Figure"), _("Value"), _("Records")), rows))
        for figure in line.figures:
            if figure.records:
                blocks.append(Text(f"{figure.label}: {figure.note}", size=9))
                records = [
                    (record_kind_label(r.kind), r.id, r.label, r.detail, _pdf_amount(r.amount)) for r in figure.records
                ]
                blocks.append(Grid(_record_headers(), records))
        if line.table is not None and line.table.rows:
            blocks.append(
                Grid([str(h) for h in line.table.headers], [[_pdf_amount(v) for v in r] for r in line.table.rows])
            )
    return pdf_document(title(report), blocks, subject=_("Shared-growth index (동반성장지수) evidence"))


def _pdf_amount(value: object) -> object:
    return format(value.normalize(), ",f") if isinstance(value, Decimal) else ("" if value is None else value)
