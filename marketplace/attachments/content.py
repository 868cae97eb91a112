"""What a file is, read from its first bytes (never from its name), and a name that is safe to keep.

The accepted kinds are few and fixed (PDF, PNG, JPEG, WebP, GIF, xlsx, xls, csv), so each is recognised by an
explicit check of its signature rather than a general detector: a CSV has no signature at all (it is text, checked
for being text and not markup), an .xlsx is a ZIP that must hold a workbook, and nothing else is accepted, so an
HTML or SVG file, whatever it is called, is never taken (docs/attachments.md).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

# The longest name kept (characters, extension included); longer ones keep their end, the extension.
MAX_NAME = 120


@dataclass(frozen=True)
class FileType:
    code: str
    label: str
    mime: str
    extensions: tuple[str, ...]
    image: bool = False


PDF = FileType("pdf", "PDF", "application/pdf", ("pdf",))
PNG = FileType("png", "PNG", "image/png", ("png",), image=True)
JPEG = FileType("jpeg", "JPEG", "image/jpeg", ("jpg", "jpeg"), image=True)
WEBP = FileType("webp", "WebP", "image/webp", ("webp",), image=True)
GIF = FileType("gif", "GIF", "image/gif", ("gif",), image=True)
XLSX = FileType("xlsx", "Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))
XLS = FileType("xls", "Excel (.xls)", "application/vnd.ms-excel", ("xls",))
CSV = FileType("csv", "CSV", "text/csv", ("csv",))
TYPES = (PDF, PNG, JPEG, WEBP, GIF, XLSX, XLS, CSV)
BY_EXTENSION = {extension: kind for kind in TYPES for extension in kind.extensions}

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-document header of every .xls
MARKUP = re.compile(rb"<\s*(?:script|html|svg|!doctype|iframe|body|head|object|embed|\?xml)\b", re.IGNORECASE)


def sniff(data: bytes) -> FileType | None:
    """The accepted kind `data` is, by its content; None for anything else (HTML, SVG, executables, empty)."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if data.startswith(OLE2):
        return XLS
    if data.startswith(b"PK\x03\x04"):
        return XLSX if _is_workbook(data) else None
    return CSV if _is_plain_table(data) else None


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def _is_plain_table(data: bytes) -> bool:
    """Text (UTF-8, or CP949 as Korean Excel saves it) without control characters or markup."""
    if not data.strip() or b"\x00" in data or MARKUP.search(data):
        return False
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text)
    return False


def clean_name(raw: str) -> str:
    """A file name safe to keep and to send back: no folders, control or invisible characters, NFKC, bounded."""
    name = unicodedata.normalize("NFKC", raw or "")
    name = re.sub(r"[\t\n\r\v\f]", " ", name.replace("\\", "/").rsplit("/", 1)[-1])
    # Control (NUL included), format (bidi overrides, zero-width), surrogate, private-use and unassigned characters.
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip()
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = extension.strip()[:10].lower()
    stem = stem.strip(" .") or "file"
    if not extension:
        return stem[:MAX_NAME]
    return f"{stem[: MAX_NAME - len(extension) - 1].rstrip(' .') or 'file'}.{extension}"


def extension_of(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""
