"""Read a report file of any format: told apart by content, never by the file's name.

`%PDF-` near the start is a PDF (its text layer read with pdfium), markup is a web page (its
article read), anything else is text (decoded; form feeds mark pages). Each is turned into
report text with the page of every line, and parsed by `parse_report`.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from .limits import DEFAULT_MAX_BYTES, MAX_PDF_BYTES
from probe.domain.model import Report, ReportError, SourceFormat
from .pages import split_pages
from .parse import parse_report

_PDF_MAGIC = b"%PDF-"
_PDF_MAGIC_WITHIN = 1024  # the PDF specification lets junk come before the header

# Leading bytes of files people may point probe at by mistake.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .zip file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document (save it as plain text first)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable program"),
)


def read_report(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Read, sniff and parse one report file; refuse anything unusable with a ReportError."""
    path = Path(path)
    return parse_document(_read_bytes(path, max_bytes), path.name)


def sniff(data: bytes) -> str:
    """'pdf', 'html' or 'text', from the content alone."""
    from .html import looks_like_html

    if _PDF_MAGIC in data[:_PDF_MAGIC_WITHIN]:
        return "pdf"
    return "html" if looks_like_html(data) else "text"


def parse_document(data: bytes, source_name: str) -> Report:
    """Parse the bytes of a PDF, a web page or a text into a Report with its source format and
    the place of each finding, key question and recommendation: its page, where the document has
    pages, or its section anchor and the page's address, for a web page."""
    kind = sniff(data)
    pages: list[int] | None = None
    anchors: list[str | None] | None = None
    url: str | None = None
    warnings: list[str] = []
    layout: SourceFormat | None = None  # the report's family when the file says it
    if kind == "pdf":
        from .layout import page_text
        from .pdf import read_pdf

        text, pages = page_text(read_pdf(data))
        layout = "pdf"
    elif kind == "html":
        from .html import html_text

        text, anchors, url = html_text(data)
        layout = "web"
    else:
        text, warnings = decode(data)
        text, pages, laid_out = _pasted_from_pdf(text, warnings)
        layout = "pdf" if laid_out else None
    report = parse_report(text, source_name, pages, layout, anchors)
    report.warnings[:0] = warnings
    report.source_format = kind
    report.source_url = url
    return report


def _pasted_from_pdf(text: str, warnings: list[str]) -> tuple[str, list[int] | None, bool]:
    """Text copied out of a PDF: its pages cleaned of running headers and footers, and its
    wrapped lines joined into paragraphs; text laid out in columns (`pdftotext -layout`) read
    with the PDF's own layout step. Other text is returned as it is. Also says whether the
    text was laid out as the PDF was."""
    from .laid_out import laid_out_pages, looks_laid_out
    from .reflow import looks_wrapped, reflow

    if looks_laid_out(text):
        from .layout import page_text

        return *page_text(laid_out_pages(text)), True
    split = split_pages(text)
    if split is None:
        return text, None, False
    text, pages = split
    lines = text.split("\n")
    if not looks_wrapped(lines):
        return text, pages, False
    lines, pages, reflow_warnings = reflow(lines, pages)
    warnings += reflow_warnings
    return "\n".join(lines), pages, False


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after checking it is a regular file (never opening a FIFO or device)
    under the size limit: `max_bytes`, or the PDF limit for a PDF when that is larger."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReportError("is a directory, not a report file")
        if not stat.S_ISREG(info.st_mode):
            raise ReportError("not a regular file (a pipe, socket or device); not opened")
        with path.open("rb") as handle:
            head = handle.read(_PDF_MAGIC_WITHIN)
            limit = max(max_bytes, MAX_PDF_BYTES) if _PDF_MAGIC in head else max_bytes
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise ReportError(f"file is {_size(size)}, over the {_size(limit)} limit")
            # the head alone may be over a small limit when the file holds more than its size
            # said (a file being written to, a /proc file), and read() refuses a length below 0
            data = head + handle.read(max(limit + 1 - len(head), 0))
    except FileNotFoundError:
        raise ReportError("no such file") from None
    except OSError as error:
        raise ReportError(f"cannot read the file: {error.strerror or error}") from None
    if len(data) > limit:  # it grew while we read it
        raise ReportError(f"file is over the {_size(limit)} limit")
    return data


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 (BOM allowed), UTF-16 with a BOM, or else cp1252 with a warning."""
    if not data.strip():
        raise ReportError("empty file")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise ReportError(f"binary file ({kind}), not report text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), [
                "decoded as UTF-16 (the file has a UTF-16 byte order mark)"
            ]
        except UnicodeDecodeError:
            raise ReportError("binary file (a broken UTF-16 text), not report text") from None
    if b"\x00" in data:
        raise ReportError("binary file (it contains NUL bytes), not report text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [
            "not valid UTF-8: decoded as Windows-1252 (cp1252)"
        ]


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB ({size:,} bytes)"
    return f"{size:,} bytes"

