"""Downloads people open in Excel: CSV whose Korean headers and names read right there."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


def excel_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a byte-order mark first, so Excel reads the Korean as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()
