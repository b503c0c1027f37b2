"""`pdftotext -layout` text read on its character grid (importers/laid_out), on hand-made pages:
each row a visual line at its column and row, a bullet's glyph joined to its text, a cell set
beside a wrapped cell joined to that cell's first line, a row left empty between paragraphs, and
a row longer than a full line of body text set small, as a footnote."""

from __future__ import annotations

import pytest
from probe.importers.laid_out import laid_out_pages, looks_laid_out
from probe.importers.pdf import Page, VisualLine

FULL = "Most plans were reviewed within a month."  # 40 columns: a full line of the body


def _line(text: str, column: int, end: int, row: int, cell_columns: tuple[int, ...] = ()) -> VisualLine:
    """The line the grid gives: 2.5 points a column, 12 points a row, 10 points high."""
    columns = cell_columns or (column,)
    return VisualLine(
        text, column * 2.5, end * 2.5, row * 12.0, row * 12.0 + 10, 10.0, 10.0, len(columns),
        tuple(start * 2.5 for start in columns),
    )  # fmt: skip


def test_each_row_is_a_line_at_its_place_on_the_character_grid():
    text = "\n".join([
        "   " + FULL,
        "   •   Staff met them often.",  # a bullet's glyph and its text: one cell
        "   •   Risk was assessed   Good",  # ... and a cell beside it
        "       •",  # a glyph alone on its row
        "   Next steps",  # after a short row, starting in upper case: a new paragraph
    ])  # fmt: skip
    assert laid_out_pages(text) == [
        Page(1, (5 + 1) * 12.0, [
            _line(FULL, 3, 43, 0),
            _line("• Staff met them often.", 3, 28, 1),
            _line("• Risk was assessed\tGood", 3, 31, 2, cell_columns=(3, 27)),
            _line("•", 7, 8, 3),
            _line("Next steps", 3, 13, 5),  # a row lower: the space between paragraphs
        ])
    ]  # fmt: skip


def test_a_cell_level_with_the_gap_in_a_wrapped_cell_beside_it_joins_its_first_line():
    centred = "Staff had the skills and\n" + " " * 32 + "Good\nknowledge they needed"
    not_beside = "\n".join([
        "Staff had the skills",
        " " * 20 + "Good",  # starts where the lines around it end: not right of them
        "they needed",
        "",
        "A note at the foot",
        " " * 30 + "12",  # a page number under a line, none below it
        "",
        "The end of the report",
        " " * 30 + "13",  # ... the page's last row
    ])  # fmt: skip
    pages = laid_out_pages(f"{centred}\f{not_beside}")
    assert [[(line.text, line.cell_lefts) for line in page.lines] for page in pages] == [
        [("Staff had the skills and\tGood", (0.0, 80.0)), ("knowledge they needed", (0.0,))],
        [("Staff had the skills", (0.0,)), ("Good", (50.0,)), ("they needed", (0.0,)),
         ("A note at the foot", (0.0,)), ("12", (75.0,)), ("The end of the report", (0.0,)), ("13", (75.0,))],
    ]  # fmt: skip


def test_a_short_row_before_one_in_upper_case_or_before_a_short_introduction_ends_a_paragraph():
    rows = [
        FULL,
        "It was good work.",  # short, but a table row follows: no paragraph break
        "Rating   Good",
        "It was good work.",  # short, before a row in upper case, indented
        "   Staff said so.",  # short, before a row in upper case
        "The work with partners was strong.",  # 34 columns: 0.85 of a full line is not short
        FULL,  # a sentence ends, and the next row ends with ':', but is not short
        "Practitioners should ensure these:",
        "The work with partners was strong in the",
        "courts, where reports were well written.",  # before a short row ending with ':'
        "Practitioners should ensure they:",
    ]  # fmt: skip
    assert [len(rows[5]), len(rows[7]), len(rows[10])] == [34, 34, 33]
    (page,) = laid_out_pages("\n".join(rows))
    assert [line.text for line in page.lines] == [row.strip().replace("   ", "\t") for row in rows]
    assert [line.top / 12 for line in page.lines] == [0, 1, 2, 3, 5, 7, 8, 9, 10, 11, 13]
    assert page.height == (11 + 3) * 12


def test_a_row_longer_than_a_full_line_and_a_quarter_is_set_small():
    """A full line is the median of the rows of one cell longer than half the longest one
    (here 40 columns, the half-length and shorter rows left out); the indent is not counted."""
    lengths = [50, 40, 40, 40, 40, *[26] * 7, 18, 18, 18, 52]
    pages = laid_out_pages("\n".join(" " * 6 + "x" * length for length in lengths))
    assert [line.size for page in pages for line in page.lines] == [10.0] * 15 + [8.0]


def test_with_no_row_of_one_cell_a_full_line_is_taken_as_eighty_columns():
    rows = ["•   " + "x" * 96, "Rating   Good", "•   " + "x" * 97]  # 100 and 101 columns
    pages = laid_out_pages("\n".join(rows))
    assert [(line.text[:3], line.size) for page in pages for line in page.lines] == [
        ("• x", 10.0), ("Rat", 10.0), ("• x", 8.0)
    ]


@pytest.mark.parametrize(
    ("filled", "spaced", "laid_out"),
    [(21, 4, True), (21, 3, False),  # more than 15% of the lines indented or with a wide gap
     (40, 7, True), (40, 6, False),  # ... 15% is not more
     (20, 4, False)],  # and more than 20 lines with text
)  # fmt: skip
def test_text_is_laid_out_when_over_15_percent_of_its_lines_are_indented_or_hold_a_wide_gap(filled, spaced, laid_out):
    lines = [f"   {FULL}" if n % 2 else f"{FULL}   Good" for n in range(spaced)]
    lines += ["", *[FULL] * (filled - spaced)]
    pages = "\n".join(lines[:10]), "\n".join(lines[10:])  # pdftotext starts a page with a form feed
    assert looks_laid_out("\n\f".join(pages)) is laid_out
    assert not looks_laid_out("\n".join(lines))  # no form feed: no pages
