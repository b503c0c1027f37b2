"""probe.importers: parse the text of an HM Inspectorate of Probation PDU report into a Report.

    parse_report(text, source_name)  decoded text -> Report (or ReportError, nothing else)
    read_report(path, max_bytes)     a file -> Report, refusing empty, binary, oversize,
                                     non-report and cut-off files with a one-line ReportError

Only the standard library is imported here, so importing probe.importers stays cheap.
"""

from .model import Report, ReportError
from .parse import parse_report
from .reading import DEFAULT_MAX_BYTES, read_report

__all__ = ["DEFAULT_MAX_BYTES", "Report", "ReportError", "parse_report", "read_report"]
