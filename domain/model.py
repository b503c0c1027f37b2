"""The typed report model: what an importer produces and what the store writes.

Field names follow `tests/gold/SCHEMA.md` (a copy of the gold standard's schema), because the
export format and other tools rely on them. Everything here is plain data: no I/O, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from probe.domain.months import published_month

Framework = Literal["2021", "2024"]
SourceFormat = Literal["web", "pdf"]  # the layout family of the text (see importers.detect)
FileFormat = Literal["text", "pdf", "html"]  # what the imported file was
FindingKind = Literal["strength", "area_for_improvement", "finding"]
AddresseeType = Literal["pdu", "region", "hmpps"]


class ReportError(ValueError):
    """The input is not an inspection report probe can use. `str(error)` is a one-line reason."""


@dataclass(frozen=True)
class Standard:
    code: str  # "1.1" ... "2.6", never with a trailing dot
    name: str  # as the Ratings block gives it, e.g. "Staffing", "Court work"
    domain: int  # 1 or 2
    domain_name: str  # as the Ratings block gives it, without its number
    rating: str | None  # one of domain.ratings.RATINGS; None for the unrated 2.6 Outcomes


@dataclass(frozen=True)
class KeyQuestion:
    standard_code: str
    question: str  # straight quotes, whitespace runs collapsed
    percent: int
    page: int | None = None  # the PDF page it is printed on, when imported from a PDF
    anchor: str | None = None  # the web page's section id it sits under, when imported from one


@dataclass(frozen=True)
class Recommendation:
    number: int
    addressee: str  # text before " should:", exactly as written
    addressee_type: AddresseeType
    text: str
    line: int  # 1-based line in the source text
    page: int | None = None  # the PDF page it is printed on, when imported from a PDF
    anchor: str | None = None  # the web page's section id it sits under, when imported from one


@dataclass(frozen=True)
class Finding:
    section: str  # standard code ("2.3") or the heading of an unnumbered section
    section_heading: str  # heading text without code or "(Back to top)"
    kind: FindingKind
    text: str  # bullet text; a quoted testimony that follows a bullet ending in ":" is appended
    line: int  # 1-based line in the source text
    page: int | None = None  # the PDF page it is printed on, when imported from a PDF
    anchor: str | None = None  # the web page's section id it sits under, when imported from one


@dataclass(frozen=True)
class Heading:
    """A section heading of the report, for navigating the full text."""

    title: str
    line: int  # 1-based line in the source text
    level: int  # 1 for top-level sections (Foreword, Ratings, domains), 2 for standards


@dataclass
class Report:
    # Where it came from
    source_name: str  # file name the text was read from
    source_sha256: str  # hash of the decoded text: identical text means an identical report
    text: str  # the whole report text, for the reader
    format: SourceFormat
    framework: Framework

    # Headline facts; None when the report does not state them (and a warning says so)
    pdu: str
    region: str | None = None
    published: str | None = None  # as written, e.g. "December 2022"
    fieldwork_started: str | None = None  # month as the Ratings block gives it, "April 2025"
    fieldwork_start_date: str | None = None  # ISO date from the Background section
    score_points: int | None = None
    score_max: int | None = None
    overall_rating: str | None = None
    chief_inspector: str | None = None
    lead_inspector: str | None = None
    cases_inspected: int | None = None
    interviews: int | None = None
    caseload: int | None = None

    standards: list[Standard] = field(default_factory=list)
    key_questions: list[KeyQuestion] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    source_format: FileFormat = "text"  # the file it was imported from
    source_url: str | None = None  # a web page's own address (its canonical link), when it gives one

    # Things that could not be found or looked wrong, each a one-line sentence naming the field
    warnings: list[str] = field(default_factory=list)

    @property
    def pdu_name(self) -> str:
        """The PDU name without a trailing " PDU"."""
        return self.pdu.removesuffix(" PDU")

    @property
    def inspection_key(self) -> str:
        """Identifies one inspection: a changed text with the same key replaces the old one.

        The PDU and the fieldwork month; when the report does not give that month, the first
        fact it does give (fieldwork start date, framework and publication month, or the text's
        hash), so that two inspections never share a key through a missing value.
        """
        if self.fieldwork_started:
            when = self.fieldwork_started
        elif self.fieldwork_start_date:
            when = f"started {self.fieldwork_start_date}"
        elif self.published:
            when = f"{self.framework} framework, published {published_month(self.published) or self.published}"
        else:
            when = f"text {self.source_sha256}"
        return f"{self.pdu_name.casefold()}|{when}"
