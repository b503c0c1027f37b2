"""probe.importers: parse the text of an HM Inspectorate of Probation PDU report into a Report.

    parse_report(text, source_name)  decoded text -> Report; raises ReportError, nothing else
    read_report(path, max_bytes)     a file -> Report, refusing empty, binary, oversize,
                                     non-report and cut-off files with a one-line ReportError

Line numbers in the model are 1-based lines of `Report.text` as `text.split("\\n")` gives them
(the sanitised text keeps every line where the file had it). Finding and recommendation text
is kept as printed, curly quotes included; key questions get straight quotes. Anything the
importer could not find or found inconsistent is a one-line sentence in `Report.warnings`.

Only the standard library is imported here, so importing probe.importers stays cheap.
"""

from .model import Report, ReportError
from .parse import parse_report
from .reading import DEFAULT_MAX_BYTES, read_report

__all__ = ["DEFAULT_MAX_BYTES", "Report", "ReportError", "parse_report", "read_report"]
