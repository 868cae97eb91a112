"""A file's kind is read from its content, and its name is made safe to keep."""

from __future__ import annotations

import pytest

from marketplace.attachments import content
from tests.attachments import samples


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (samples.pdf(), content.PDF),
        (samples.png(), content.PNG),
        (samples.JPEG, content.JPEG),
        (samples.GIF, content.GIF),
        (samples.WEBP, content.WEBP),
        (samples.xlsx(), content.XLSX),
        (samples.XLS, content.XLS),
        (samples.CSV, content.CSV),
        (samples.CSV_CP949, content.CSV),
        (samples.HTML, None),
        (samples.SVG, None),
        (b"name,value\n<script>alert(1)</script>\n", None),
        (b"PK\x03\x04 not a workbook", None),
        (b"MZ\x90\x00\x03", None),  # a Windows program
        (b"", None),
        (b"a,b\n\x00\x01", None),
    ],
)
def test_sniff_reads_the_content_not_the_name(data: bytes, kind: content.FileType | None) -> None:
    assert content.sniff(data) == kind


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("견적서.pdf", "견적서.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\kim\\견적서.PDF", "견적서.pdf"),
        ("quote\x00.pdf", "quote.pdf"),
        ("bill\u202efdp.exe.png", "billfdp.exe.png"),  # a right-to-left override hides the real end
        ("ｑｕｏｔｅ．ｐｄｆ", "quote.pdf"),  # full-width letters
        ("\u1100\u1161\u11a8.pdf", "각.pdf"),  # decomposed Hangul (as macOS names files)
        ("  . .pdf", "file.pdf"),
        ("", "file"),
        ("a" * 300 + ".xlsx", "a" * 115 + ".xlsx"),
        ("line\nbreak\ttab.csv", "line break tab.csv"),
    ],
)
def test_names_are_cleaned(raw: str, kept: str) -> None:
    assert content.clean_name(raw) == kept
    assert len(content.clean_name(raw)) <= content.MAX_NAME
