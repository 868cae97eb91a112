"""Downloads people open in Excel: CSV whose Korean headers and names read right there."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response

Sheet = tuple[str, Sequence[str], Iterable[Sequence[object]]]  # (title, headers, rows)

# A text cell starting with one of these is a formula to Excel (and to openpyxl, which stores "=..." as one):
# a name like =HYPERLINK("http://evil", "Click") typed into a listing would run in the officer's spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A cell as data, never a formula: text that Excel would evaluate gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _safe_row(row: Sequence[object]) -> list[object]:
    return [safe_cell(value) for value in row]


def excel_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a byte-order mark first, so Excel reads the Korean as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(_safe_row(row) for row in rows)
    return "\ufeff" + buffer.getvalue()


def excel_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx workbook, one sheet per (title, headers, rows), headers bold (openpyxl, imported on first use)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])  # Excel's limit on a sheet's name
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(_safe_row(row))
        for column, header in zip(sheet.columns, headers, strict=False):
            sheet.column_dimensions[column[0].column_letter].width = max(12, len(str(header)) * 2 + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(body: bytes, filename: str) -> Response:
    """A file to save (CSV or .xlsx, by the name's extension)."""
    mimetype = MIMETYPES[filename.rsplit(".", 1)[-1]]
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={filename}"})
