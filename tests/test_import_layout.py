"""PDF pages of visual lines into report text (importers/layout), on hand-made lines; and joining
a line wrapped with a hyphen at its end: a word broken by hyphenation is made whole, a compound
keeps its hyphen, judged by the report's own words."""

from __future__ import annotations

import pytest
from probe.importers.layout import hyphen_join, hyphenates, page_text, vocabulary_of
from probe.importers.pdf import Page, VisualLine

REPORT = ["a partner agency", "the challenge", "pre-sentence reports", "at present", "one-to-one work",
          "long term", "joint work", "case load", "law", "wellbeing", "well-being", "day", "time"]  # fmt: skip


@pytest.fixture
def words() -> set[str]:
    """Computed in each test, not at import: mutmut switches a mutant on after tests are collected."""
    return vocabulary_of(REPORT)


def test_the_vocabulary_holds_words_and_compounds_with_their_parts(words):
    assert words == {"a", "partner", "agency", "the", "challenge", "pre-sentence", "pre", "sentence", "reports",
                     "at", "present", "one-to-one", "one", "to", "work", "long", "term", "joint", "case", "load",
                     "law", "wellbeing", "well-being", "well", "being", "day", "time"}  # fmt: skip
    assert vocabulary_of(["It was chal-", "lenging to", "see"]) == {"it", "was", "to", "see"}


@pytest.mark.parametrize(
    ("text", "more", "joined"),
    [("work with each part-", "nership", "work with each partnership"),  # 'partner' spelled whole
     ("a chal-", "lenging year", "a challenging year"),
     ("pre-", "sentence report", "pre-sentence report"),  # spelled so, though 'present' starts the same
     ("one-to-", "one sessions", "one-to-one sessions"),
     ("long-", "term plans", "long-term plans"), ("joint-", "working", "joint-working"),  # a compound's head
     ("case-", "load", "case-load"),  # both halves are words
     ("case-", "law", "caselaw"),  # ... but a three-letter tail may be a syllable
     ("day-", "time", "day-time"),  # a three-letter head is a word
     ("mid-", "dle", "middle"), ("their well-", "being", "their wellbeing"),  # written both ways: whole ("soft\xad", "ware", "software"),
     ("a chal-", "Lenging", "a chal- Lenging"), ("ends", "here", "ends here"), ("ends -", "1", "ends - 1")],
)  # fmt: skip
def test_a_hyphen_ending_a_line_stays_only_in_a_compound(words, text, more, joined):
    assert hyphen_join(text, more, words) == joined


def test_a_document_that_does_not_hyphenate_keeps_every_hyphen():
    assert hyphen_join("a chal-", "lenging year", None) == "a chal-lenging year"
    assert hyphen_join("soft\xad", "ware", None) == "software"


@pytest.mark.parametrize(("compounds", "hyphenating"), [(4, True), (5, False)])
def test_a_document_hyphenates_when_more_than_three_in_ten_broken_words_are_fragments(compounds, hyphenating):
    broken = ["It was chal-", "lenging and hard to under-", "stand.", *["A well-", "known team."] * compounds, "well known"]
    assert hyphenates(broken, vocabulary_of(broken)) is hyphenating  # 2 fragments of 6 or 7 tails


def test_a_document_hyphenates_when_line_ends_break_words_it_spells_nowhere_else():
    broken = ["It was chal-", "lenging and hard to under-", "stand.", "A well-", "established team, with established ways."]
    assert hyphenates(broken, vocabulary_of(broken))
    assert not hyphenates(broken[:2], vocabulary_of(broken[:2]))  # one broken word is no pattern
    compounds = ["A well-", "established, long-", "standing team."]
    assert not hyphenates(compounds, vocabulary_of(compounds) | {"established", "standing"})


def line(text: str, top: float, left: float = 72.0, size: float = 11.0, cell_lefts=()):
    """A visual line as the PDF reader gives it: one cell per tab, 5 points a character."""
    height = size * 1.2
    return VisualLine(text, left, left + 5 * len(text), top, top + height, height, size, text.count("\t") + 1,
                      cell_lefts or (left,))  # fmt: skip


HEADER = "Inspection of probation services: Gwent PDU"
TABLE_HEAD = "Key question\tPercentage 'Yes'"
# Two A4 pages (842 points high, the top and bottom 12% its edges): running header and page number,
# a contents entry, paragraphs told apart by their line pitch, a table with a wrapped cell, a bullet
# carried over the page break, and footnotes set smaller at each page's foot.
PAGES = [
    Page(1, 842, [
        line(HEADER, 40, size=9),
        line("Foreword .......... 3", 120), line("Ratings\t4", 134),
        line("Foreword", 160, size=14),
        line("Leaders had a clear vision for the", 200), line("service and staff knew it well.¹", 214),
        line("Staff were well supported by their", 250), line("managers.", 264),
        line(TABLE_HEAD, 300, cell_lefts=(72, 400)),
        line("Is the work good?\t64%", 320, cell_lefts=(72, 400)),
        line("Does the work keep people safe?", 334),  # the next row's question: its cell is lower
        line("• A first point that wraps over", 380), line("two lines and a page", 394, left=86),
        line("1 Source: Office for National", 700, size=9.5), line("Statistics, 2024.", 712, size=9.5),
        line("1", 800, size=9),
    ]),
    Page(2, 842, [
        line(HEADER, 40, size=9),
        line("break before it ends.", 120, left=86),
        line(TABLE_HEAD, 160, cell_lefts=(72, 400)),
        line("Does assessment focus on\t72%", 180, cell_lefts=(72, 400)), line("engagement?", 194),
        line("Crown copyright", 680, size=9.5),  # small print above the notes: not a note
        line("2 Ministry of Justice.", 700, size=9.5),
        line("3 A third note that runs", 712, size=9.5), line("on to a second line.", 724, size=9.5),
        line("Page 2 of 2", 800, size=9),
    ]),
]  # fmt: skip


def test_pdf_pages_become_report_text_with_each_lines_page():
    text, pages = page_text(PAGES)
    assert [(line, page) for line, page in zip(text.split("\n"), pages, strict=True) if line] == [
        ("Foreword", 1),
        ("Leaders had a clear vision for the service and staff knew it well.¹", 1),
        ("Staff were well supported by their managers.", 1),
        (TABLE_HEAD, 1), ("Is the work good?\t64%", 1), ("Does the work keep people safe?", 1),
        ("• A first point that wraps over two lines and a page break before it ends.", 1),
        (TABLE_HEAD, 2), ("Does assessment focus on engagement?\t72%", 2), ("Crown copyright", 2),
        ("Footnotes", 1), ("1 Source: Office for National Statistics, 2024.", 1), ("2 Ministry of Justice.", 2),
        ("3 A third note that runs on to a second line.", 2),
    ]  # fmt: skip


def test_a_paragraph_goes_on_over_a_page_break_or_after_a_colon_only_where_its_text_does():
    pages = [
        Page(1, 842, [line("The first paragraph goes on over", 200)]),
        Page(2, 842, [line("Two pages.", 200), line("A paragraph that ends here.", 240)]),
        Page(3, 842, [line("A new paragraph starts.", 200), line("• A bullet point that ends.", 240)]),
        Page(4, 842, [line("It says more under the bullet.", 200, left=86),
                      line("The team told us this:", 240), line("Training was good.", 254),
                      line("Was the work good?", 290), line("Yes.", 304),
                      line("They had learnt about these:", 340), line("risk, need and", 354)]),
    ]  # fmt: skip
    text, numbers = page_text(pages)
    assert [(line, page) for line, page in zip(text.split("\n"), numbers, strict=True) if line] == [
        ("The first paragraph goes on over Two pages.", 1),  # no sentence end before the break
        ("A paragraph that ends here.", 2), ("A new paragraph starts.", 3),
        ("• A bullet point that ends. It says more under the bullet.", 3),  # indented under its text
        ("The team told us this:", 4), ("Training was good.", 4),  # a list or a table's question
        ("Was the work good?", 4), ("Yes.", 4),
        ("They had learnt about these: risk, need and", 4),  # ... unless the sentence goes on
    ]  # fmt: skip
