"""Write small PDF files by hand for the importer's bad-input tests.

Each page is a list of text lines set in Helvetica (or, with `drawing_only`, a few rectangles and
no text at all, as a scan without OCR looks to a text extractor). Options add what a hostile or
unusual PDF has: a password, a content stream that inflates to a huge size.
"""

from __future__ import annotations

import zlib


def make_pdf(
    pages: list[list[str]],
    *,
    drawing_only: bool = False,
    password: bool = False,
    bomb_bytes: int = 0,
) -> bytes:
    objects: list[bytes] = []  # object n is objects[n - 1]
    page_ids = []
    font_id = _add(objects, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # written after every page and its content
    for number, lines in enumerate(pages):
        stream = _drawing() if drawing_only else _text(lines)
        if bomb_bytes and number == 0:
            stream = zlib.compress(b" " * bomb_bytes, 9)
            content = _add(
                objects,
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                + stream
                + b"\nendstream",
            )
        else:
            content = _add(
                objects, b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
            )
        page_ids.append(
            _add(
                objects,
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font_id),
            )
        )
    kids = b" ".join(b"%d 0 R" % page for page in page_ids)
    assert (
        _add(objects, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))) == pages_id
    )
    catalog = _add(objects, b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    encrypt = (
        _add(
            objects,
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
            b"/O <" + b"6a" * 32 + b"> /U <" + b"3f" * 32 + b"> >>",
        )
        if password
        else None
    )
    return _assemble(objects, catalog, encrypt)


def _add(objects: list[bytes], body: bytes) -> int:
    objects.append(body)
    return len(objects)


def _text(lines: list[str]) -> bytes:
    commands = [b"BT /F1 11 Tf 14 TL 56 790 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        commands.append(b"(" + escaped.encode("latin-1", "replace") + b") Tj T*")
    commands.append(b"ET")
    return b"\n".join(commands)


def _drawing() -> bytes:
    return b"0.5 g 56 500 480 280 re f 0 g 56 100 480 300 re S"


def _assemble(objects: list[bytes], catalog: int, encrypt: int | None) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, b"ab" * 16, b"ab" * 16)
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
