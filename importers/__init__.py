"""probe.importers: parse the text of an HM Inspectorate of Probation PDU report into a Report.

    parse_report(text, source_name)  decoded text -> Report; raises ReportError, nothing else
    read_report(path, max_bytes)     a file -> Report, refusing empty, binary, oversize,
                                     non-report and cut-off files with a one-line ReportError

Line numbers in the model are 1-based lines of `Report.text` as `text.split("\\n")` gives them
(the sanitised text keeps every line where the file had it). Finding and recommendation text
is kept as printed, curly quotes included; key questions get straight quotes. Anything the
importer could not find or found inconsistent is a one-line sentence in `Report.warnings`.

The names below load on first use (PEP 562): `probe search` reads the model and the size
limit, and should not pay for compiling the parser's patterns.
"""

from importlib import import_module

_WHERE = {
    "DEFAULT_MAX_BYTES": ".limits",
    "Report": "probe.domain.model",
    "ReportError": "probe.domain.model",
    "parse_report": ".parse",
    "read_report": ".reading",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_WHERE[name], __name__), name)
