"""Turn the decoded text of one inspection report into a `Report`.

The steps: sanitise the text; refuse what is not a PDU inspection report; cut the text into
sections; read the Ratings block, the headline facts, the standards, key questions,
recommendations and findings; tell the family; then check the numbers against each other.
Everything that cannot be found becomes a one-line warning on the report.

Over 300 lines on purpose: this is the importer's map, each step a few lines handing the work to
the module that does it; split, the order of the steps would no longer read in one place.
"""

from __future__ import annotations

import hashlib
import re

from . import body, detect, facts
from .limits import MAX_SECTIONS
from .lines import label_kind
from probe.domain.model import Heading, Report, ReportError, SourceFormat, Standard
from probe.domain.months import MONTH_NUMBER
from probe.domain.ratings import POINTS
from probe.domain.text import safe_name
from .pages import add_places, place_lookup
from .ratings import RatingsBlock, parse_ratings
from .recommendations import recommendations
from .sanitise import sanitise
from .structure import Section, find_sections
from .text import squash

NOT_A_REPORT = "not an HM Inspectorate of Probation PDU inspection report"
_INSPECTORATE = re.compile(
    r"inspectorate\s+of\s+probation|chief\s+inspector\s+of\s+probation|inspection\s+of\s+probation\s+services",
    re.IGNORECASE,
)
_PDU = re.compile(r"\bPDU\b|probation\s+delivery\s+unit", re.IGNORECASE)
# A report opens with its title as a line of its own (a list of reports names them as bullets).
_TITLE_LINE = re.compile(r"^[ \t]*An inspection of probation\s+services\s+in\b", re.IGNORECASE | re.MULTILINE)
TITLE_WITHIN_LINES = 60


def parse_report(
    text: str,
    source_name: str = "<text>",
    pages: list[int] | None = None,
    layout: SourceFormat | None = None,
    anchors: list[str | None] | None = None,
) -> Report:
    """Parse decoded report text. Returns a Report or raises ReportError, nothing else.

    `pages` gives the printed page of each line of `text` (after sanitising, which keeps
    lines where they are), for text read from a paged document; `anchors`, likewise, the web
    page's section id each line sits under. `layout` is the report's family when the file said
    it (a PDF, a web page); text leaves it to be told from the text."""
    try:
        return _parse(text, source_name, place_lookup(pages, anchors), layout)
    except ReportError:
        raise
    except Exception as error:  # a bug here must not crash a bulk import; say what broke
        raise ReportError(
            squash(f"internal error while parsing: {type(error).__name__}: {error}")
        ) from error


def _parse(
    text: str, source_name: str, place_of, layout: SourceFormat | None
) -> Report:
    if not isinstance(text, str):
        raise ReportError(f"expected decoded text, got {type(text).__name__}")
    text, warnings = sanitise(text)
    if not text.strip():
        raise ReportError("empty text: nothing to import")
    _refuse_non_report(text)
    lines = text.split("\n")
    sections = find_sections(lines)
    if len(sections) > MAX_SECTIONS:
        raise ReportError(
            f"{len(sections):,} sections, over the {MAX_SECTIONS:,} limit: a PDU report has fewer"
            " than a hundred, so this is not one report probe can read"
        )
    ratings_section = _first(sections, "top", "ratings")
    ratings = (
        parse_ratings(lines, ratings_section.start, ratings_section.end)
        if ratings_section
        else RatingsBlock()
    )
    standard_sections = _unique_standards(sections)
    if not ratings.rows and not standard_sections:
        if not _TITLE_LINE.search("\n".join(lines[:TITLE_WITHIN_LINES])):
            raise ReportError(
                f"{NOT_A_REPORT}: no ratings, no standards and no 'An inspection of probation"
                " services in ...' title (a news item, an annual or thematic report, a list of reports?)"
            )
        raise ReportError(
            "report is cut off or incomplete: no ratings and no standard sections found"
        )
    if ratings_section is None:
        warnings.append(
            "no Ratings block found; standards and ratings taken from the body headings"
        )

    pdu = _pdu(lines, ratings, sections, warnings)
    source_format, format_warnings = (
        (layout, []) if layout else detect.source_format(lines, ratings, sections)
    )
    framework, framework_warnings = detect.framework(ratings, sections)
    report = Report(
        source_name=safe_name(source_name),  # names reach terminals and exports
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        format=source_format,
        framework=framework,
        pdu=pdu,
        warnings=warnings + format_warnings + framework_warnings,
    )
    _read_facts(report, lines, sections, ratings)
    report.standards, all_rated = _standards(
        lines, ratings, sections, standard_sections, report.warnings
    )
    _read_body(report, lines, sections, standard_sections, place_of)
    if place_of:
        add_places(report, place_of)
    _check(report, all_rated)
    return report


def _refuse_non_report(text: str) -> None:
    if not _INSPECTORATE.search(text):
        raise ReportError(
            f"{NOT_A_REPORT}: no 'An inspection of probation services in ...' title and no "
            "mention of HM Inspectorate of Probation"
        )
    if not _PDU.search(text):
        raise ReportError(f"{NOT_A_REPORT}: it names no Probation Delivery Unit (PDU)")


def _first(sections: list[Section], kind: str, title: str) -> Section | None:
    return next((s for s in sections if s.kind == kind and s.title.casefold() == title), None)


def _unique_standards(sections: list[Section]) -> dict[str, Section]:
    found: dict[str, Section] = {}
    for section in sections:
        if section.kind == "standard":
            found.setdefault(section.code, section)
    return found


def _pdu(
    lines: list[str], ratings: RatingsBlock, sections: list[Section], warnings: list[str]
) -> str:
    """The PDU as the title line names it; failing that, a name the report repeats elsewhere."""
    name = facts.title_pdu(lines)
    if name:
        return squash(name)
    recs = _first(sections, "top", "recommendations")
    addressees = [
        squash(line)[: -len(" should:")]
        for line in (lines[recs.start : recs.end] if recs else [])
        if squash(line).endswith(" PDU should:")
    ]
    fallbacks = (
        ("the Ratings block", [s for s in ratings.other_lines if s.endswith(" PDU")]),
        ("the recommendations", addressees),
    )
    for where, candidates in fallbacks:
        if candidates:
            warnings.append(
                "no title line 'An inspection of probation services in ...'; "
                f"PDU name taken from {where}"
            )
            return candidates[0]
    raise ReportError(f"{NOT_A_REPORT}: no PDU named in a title line")


def _read_facts(
    report: Report, lines: list[str], sections: list[Section], ratings: RatingsBlock
) -> None:
    warn = report.warnings.append
    report.region = facts.region(report.text)
    if report.region is None:
        warn("no probation region named in the report")
    front_matter = next((s.start for s in sections if s.kind in ("domain", "standard")), len(lines))
    report.published, empty_label = facts.published(lines[:front_matter])
    if report.published is None:
        warn("'Published:' label has no date" if empty_label else "no publication date found")
    report.chief_inspector = facts.chief_inspector(lines)
    if report.chief_inspector is None:
        warn("no chief inspector found above 'HM Chief Inspector of Probation'")
    report.lead_inspector = facts.lead_inspector(lines)
    if report.lead_inspector is None:
        warn("no lead inspector found ('This inspection was led by HM Inspector ...')")

    report.fieldwork_started = ratings.fieldwork_started
    if ratings.score:
        report.score_points, report.score_max = ratings.score
    report.overall_rating = ratings.overall_rating
    for value, what in (
        (report.fieldwork_started, "'Fieldwork started' month"),
        (ratings.score, "score"),
        (report.overall_rating, "overall rating"),
    ):
        if value is None:
            warn(f"no {what} found in the Ratings block")

    background = _first(sections, "top", "background")
    if background is None:
        warn(
            "no Background section found: "
            "no fieldwork start date, cases inspected, interviews or caseload"
        )
        return
    text = "\n".join(lines[background.start + 1 : background.end])
    report.fieldwork_start_date = facts.fieldwork_start_date(text)
    report.cases_inspected, cases_warning = facts.cases_inspected(text, report.text)
    report.interviews = facts.interviews(text)
    report.caseload = facts.caseload(text)
    if cases_warning:
        warn(cases_warning)
    for value, what in (
        (report.fieldwork_start_date, "fieldwork start date"),
        (report.cases_inspected, "number of cases inspected"),
        (report.interviews, "number of interviews"),
        (report.caseload, "PDU caseload"),
    ):
        if value is None:
            warn(f"no {what} found in the Background section")


def _standards(
    lines: list[str],
    ratings: RatingsBlock,
    sections: list[Section],
    body_sections: dict[str, Section],
    warnings: list[str],
) -> tuple[list[Standard], bool]:
    """Standards in code order: the Ratings block's rows plus standards only the body has (2.6).

    Also says whether every standard that should have a rating has one.
    """
    rows = {row.code: row for row in ratings.rows}
    domain_names = {s.domain: s.title for s in sections if s.kind == "domain"}
    domain_names.update(ratings.domains)
    missing_domains: set[int] = set()
    standards = []
    all_rated = True
    for code in sorted(rows.keys() | body_sections.keys(), key=_code_key):
        row, section = rows.get(code), body_sections.get(code)
        name = row.name if row else section.title
        label = f"standard {code} {name}"
        printed = body.body_rating(lines, section) if section else None
        rating = row.rating if row else None
        if rating is None and printed and printed.rating:
            rating = printed.rating
            warnings.append(
                f"{label}: no rating in the Ratings block; took '{rating}' from its section"
            )
        elif rating is None and not (printed and printed.unrated):
            warnings.append(f"{label}: no rating found")
            all_rated = False
        elif printed and printed.rating and printed.rating != rating:
            warnings.append(
                f"{label}: the Ratings block says '{rating}' "
                f"but its section says '{printed.rating}'"
            )
        if section is None:
            warnings.append(f"{label}: no section found in the body")
        domain = int(code.split(".")[0])
        if domain not in domain_names and domain not in missing_domains:
            missing_domains.add(domain)
            warnings.append(f"domain {domain}: no domain name found")
        standards.append(Standard(code, name, domain, domain_names.get(domain, ""), rating))
    return standards, all_rated


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def _read_body(
    report: Report,
    lines: list[str],
    sections: list[Section],
    standards: dict[str, Section],
    place_of,
) -> None:
    warn = report.warnings.append
    names = {standard.code: standard.name for standard in report.standards}
    report.headings = _headings(sections)
    for section in sections:
        if section.kind == "standard" and standards.get(section.code) is section:
            label = f"standard {section.code} {names.get(section.code, section.title)}"
            questions, question_warnings = body.key_questions(lines, section, place_of)
            report.warnings += question_warnings
            found = body.findings(lines, section)
            if section.domain == 2 and not questions:
                warn(f"{label}: no key-question table found")
            if not found:
                warn(f"{label}: no findings found")
            report.key_questions += questions
            report.findings += found
        elif section.kind == "standard":
            warn(
                f"standard {section.code}: a second section at line {section.start + 1} was ignored"
            )
        elif section.kind == "unnumbered" and _has_label(lines, section):
            report.findings += body.findings(lines, section)
    recs_section = _first(sections, "top", "recommendations")
    if recs_section is None:
        warn("no Recommendations section found")
        return
    report.recommendations, recs_warnings = recommendations(lines, recs_section, report.pdu_name)
    report.warnings += recs_warnings
    if not report.recommendations:
        warn("the Recommendations section lists no numbered recommendations")


def _headings(sections: list[Section]) -> list[Heading]:
    """Top-level sections and domains at level 1; standards and sections inside a domain at 2."""
    headings, in_domain = [], False
    for section in sections:
        in_domain = section.kind in ("domain", "standard") or (
            in_domain and section.kind == "unnumbered"
        )
        if section.kind == "standard":
            headings.append(Heading(f"{section.code} {section.title}", section.start + 1, 2))
        elif section.kind == "domain":
            headings.append(Heading(f"{section.domain}. {section.title}", section.start + 1, 1))
        else:
            headings.append(Heading(section.title, section.start + 1, 2 if in_domain else 1))
    return headings


def _has_label(lines: list[str], section: Section) -> bool:
    return any(label_kind(lines[i]) for i in range(section.start + 1, section.end))


def _check(report: Report, all_rated: bool) -> None:
    """Cross-check numbers the report states twice."""
    warn = report.warnings.append
    rated = [s.rating for s in report.standards if s.rating]
    if report.score_points is not None and rated and all_rated:
        total = sum(POINTS[r] for r in rated)
        if total != report.score_points:
            warn(
                f"score {report.score_points}/{report.score_max} does not equal "
                f"the sum of standard ratings ({total})"
            )
    if report.score_max is not None and rated and all_rated and len(rated) * 3 != report.score_max:
        warn(
            f"score maximum {report.score_max} does not match "
            f"{len(rated)} rated standards x 3 = {len(rated) * 3}"
        )
    if report.fieldwork_started and report.fieldwork_start_date:
        month, year = report.fieldwork_started.split()
        start_year, start_month = (int(p) for p in report.fieldwork_start_date.split("-")[:2])
        if (int(year), MONTH_NUMBER[month.casefold()]) != (start_year, start_month):
            warn(
                f"fieldwork started {report.fieldwork_started} in the Ratings block, but the "
                f"Background gives {report.fieldwork_start_date}"
            )
