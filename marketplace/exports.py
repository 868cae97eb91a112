"""Downloads people open in Excel: CSV whose Korean headers and names read right there.

Every cell passes through `neutralise`: text a user typed (a programme's name, a mentor's former
employer) must never become a live formula in an officer's spreadsheet (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from flask import Response

Sheet = tuple[str, Sequence[str], Iterable[Sequence[object]]]  # (title, headers, rows)

# What Excel, LibreOffice and Google Sheets read as the start of a formula (or of a DDE call), in
# ASCII and in the full-width forms a Korean input method types; tab and CR hide a formula behind them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


# A signed number written as text ("-12.5") is a number to Excel, never a formula: left as it is.
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def neutralise(value: object) -> object:
    """A cell as written: text that would start a formula gets a leading apostrophe, so it stays text."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _safe(row: Sequence[object]) -> list[object]:
    return [neutralise(value) for value in row]


def excel_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a byte-order mark first, so Excel reads the Korean as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_safe(headers))
    writer.writerows(_safe(row) for row in rows)
    return "\ufeff" + buffer.getvalue()


def excel_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx workbook, one sheet per (title, headers, rows), headers bold (openpyxl, imported on first use)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])  # Excel's limit on a sheet's name
        sheet.append(_safe(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(_safe(row))
        for column, header in zip(sheet.columns, headers, strict=False):
            sheet.column_dimensions[column[0].column_letter].width = max(12, len(str(header)) * 2 + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def download(body: bytes, filename: str) -> Response:
    """A file to save (CSV, .xlsx or PDF, by the name's extension)."""
    mimetype = MIMETYPES[filename.rsplit(".", 1)[-1]]
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={filename}"})
