"""What the importer says about a report: every warning, word for word, and no others.

Users read these warnings in `probe check` and the explorer, so the tests compare whole lists."""

from __future__ import annotations

from gold import seed_text
from probe.importers import parse_report

WEB = "000_a39e1c12cc83704c"  # 2024 framework, scraped from the web page
PDF = "002_4b2ac3813f356061"  # 2021 framework, converted from the PDF
# What the web seed itself lacks (see the gold notes on its publication date and case count).
WEB_WARNINGS = [
    "'Published:' label has no date",
    "cases inspected: the Background's parts add up to 34, but the report repeats 35 as the total "
    "('out of 35'); using 35",
]
FIELDWORK_PARAGRAPH = (
    "We conducted fieldwork in Newcastle upon Tyne PDU over a period of two weeks, beginning 28 April 2025."
)
CASELOAD_SENTENCE = (
    "At the point the inspection was announced, Newcastle upon Tyne PDU’s caseload comprised of "
    "approximately 1,334 people on probation."
)


def paragraph_starting(text: str, start: str) -> str:
    return next(line for line in text.split("\n") if line.startswith(start))


def test_the_web_seed_warns_only_about_what_it_lacks():
    assert parse_report(seed_text(WEB)).warnings == WEB_WARNINGS


def test_each_fact_missing_from_the_report_is_named():
    text = seed_text(WEB)
    for gone in (
        "Martin Jones CBE",  # the name signed above 'HM Chief Inspector of Probation'
        "This inspection was led by HM Inspector Joy Wilson, ",
        paragraph_starting(text, FIELDWORK_PARAGRAPH),  # fieldwork date, the cases' parts, interviews
        paragraph_starting(text, CASELOAD_SENTENCE),
    ):
        assert gone in text
        text = text.replace(gone, "")
    report = parse_report(text)
    assert report.warnings == [
        "'Published:' label has no date",
        "no chief inspector found above 'HM Chief Inspector of Probation'",
        "no lead inspector found ('This inspection was led by HM Inspector ...')",
        "cases inspected: no count in the Background; took 35 from the report's repeated 'out of 35' totals",
        "no fieldwork start date found in the Background section",
        "no number of interviews found in the Background section",
        "no PDU caseload found in the Background section",
    ]
    assert (report.chief_inspector, report.lead_inspector, report.interviews, report.caseload) == (
        None, None, None, None,
    )  # fmt: skip


def test_a_score_maximum_that_is_not_three_points_a_standard_is_named():
    report = parse_report(seed_text(WEB).replace("Score 3/21", "Score 3/24"))
    assert report.warnings == WEB_WARNINGS + [
        "score maximum 24 does not match 7 rated standards x 3 = 21"
    ]


def test_without_a_title_the_pdu_comes_from_the_ratings_block_before_the_recommendations():
    text = (
        seed_text(PDF)
        .replace("An inspection of probation services in:\n", "")
        .replace("\nSouth Tyneside and Gateshead\n\nFieldwork", "\nSouth Tyneside and Gateshead PDU\n\nFieldwork")
    )  # the recommendations ('South Tyneside and Gateshead PDU should:') name it too
    report = parse_report(text)
    assert report.pdu == "South Tyneside and Gateshead PDU"
    assert report.warnings == [
        "no title line 'An inspection of probation services in ...'; PDU name taken from the Ratings block"
    ]


def test_a_domain_named_nowhere_is_named_once():
    text = seed_text(WEB)
    for heading in ("\n2. Service delivery (Back to top)\n", "\n2. Service delivery\n"):  # body, Ratings block
        assert heading in text
        text = text.replace(heading, "\n")
    report = parse_report(text)
    assert report.warnings == WEB_WARNINGS + ["domain 2: no domain name found"]
    domain_one = "Organisational arrangements and activity"
    assert [s.domain_name for s in report.standards] == [domain_one] * 3 + [""] * 4


def test_a_standard_is_named_in_warnings_as_the_ratings_block_names_it():
    lines = seed_text(WEB).replace(
        "P 2.3. Implementation and deliveryRating", "P 2.3. DeliveryRating"
    ).split("\n")
    header = lines.index("Key questionPercentage ‘Yes’", lines.index("P 2.3. DeliveryRating"))
    report = parse_report("\n".join(lines[:header] + lines[header + 4 :]))
    assert report.warnings == WEB_WARNINGS + [
        "standard 2.3 Implementation and delivery: no key-question table found"
    ]
