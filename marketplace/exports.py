"""Downloads people open in Excel: CSV whose Korean headers and names read right there."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response

Sheet = tuple[str, Sequence[str], Iterable[Sequence[object]]]  # (title, headers, rows)


def excel_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a byte-order mark first, so Excel reads the Korean as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
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
            sheet.append(list(row))
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
