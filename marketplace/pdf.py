"""PDF documents people keep: completion certificates and sponsors' evidence reports, in Korean and English.

ReportLab draws them (imported on first use, never at start-up). Text uses Adobe's Korean CID font
HYGothic-Medium: every PDF reader carries it, so nothing is embedded and no font file ships with us, and
Hangul and Latin both read and copy out as text. Documents are built `invariant` (no creation time or
random id inside), so the same figures give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

FONT = "HYGothic-Medium"


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Text:
    text: str
    size: int = 10


@dataclass(frozen=True)
class Grid:
    """A table: a header row, then rows; numbers are right-aligned."""

    headers: Sequence[str]
    rows: Sequence[Sequence[object]] = field(default_factory=list)


Block = Heading | Text | Grid


def pdf_document(title: str, blocks: Sequence[Block], *, subject: str = "") -> bytes:
    """An A4 PDF with the title on top and the blocks in order."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _register_font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        subject=subject,
        author="Sangsaeng",
        invariant=1,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    title_style = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=24, spaceAfter=8)
    heading_style = ParagraphStyle("heading", fontName=FONT, fontSize=13, leading=18, spaceBefore=10, spaceAfter=4)
    flow: list[object] = [Paragraph(_escape(title), title_style)]
    for block in blocks:
        if isinstance(block, Heading):
            flow.append(Paragraph(_escape(block.text), heading_style))
        elif isinstance(block, Text):
            style = ParagraphStyle("text", fontName=FONT, fontSize=block.size, leading=block.size * 1.45)
            flow.append(Paragraph(_escape(block.text), style))
        else:
            flow.append(_table(block, Table, TableStyle, Paragraph, colors))
            flow.append(Spacer(1, 4 * mm))
    doc.build(flow)
    return buffer.getvalue()


def _table(grid: Grid, table_cls, style_cls, paragraph_cls, colors):
    from reportlab.lib.styles import ParagraphStyle

    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12)
    number = ParagraphStyle("number", parent=cell, alignment=2)  # right-aligned

    def _cell(value: object):
        style = number if isinstance(value, int | float) and not isinstance(value, bool) else cell
        shown = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
        return paragraph_cls(_escape(shown), style)

    data = [[paragraph_cls(_escape(h), cell) for h in grid.headers]]
    data += [[_cell(v) for v in row] for row in grid.rows]
    table = table_cls(data, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        style_cls(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


_registered = False


def _register_font() -> None:
    global _registered
    if not _registered:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True


def _escape(text: str) -> str:
    # Paragraph reads a small markup language: a user's "<b>" or "&" must print as typed.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
