"""Read a report file: size limit, binary sniffing and decoding, then `parse_report`."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from .limits import DEFAULT_MAX_BYTES
from probe.domain.model import Report, ReportError
from .parse import parse_report

# Leading bytes of files people may point probe at by mistake.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document (convert it to text first)"),
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
    """Read, decode and parse one report file; refuse anything unusable with a ReportError."""
    path = Path(path)
    text, warnings = decode(_read_bytes(path, max_bytes))
    report = parse_report(text, source_name=path.name)
    report.warnings[:0] = warnings
    return report


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise ReportError(f"file is {_size(size)}, over the {_size(max_bytes)} limit")
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise ReportError("is a directory, not a report file") from None
    except FileNotFoundError:
        raise ReportError("no such file") from None
    except OSError as error:
        raise ReportError(f"cannot read the file: {error.strerror or error}") from None
    if len(data) > max_bytes:  # it grew while we read it, or is a device
        raise ReportError(f"file is over the {_size(max_bytes)} limit")
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
