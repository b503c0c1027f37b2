"""Joining the lines of a PDF paragraph: where a hyphen ending a line goes.

The cases come from the reports: the fixtures' Word PDFs break words ('chal-' / 'lenging') and
wrap compounds after their hyphen; the synthetic PDF corpus (bench/pdf_corpus.py) wrapped
'18–25-year-olds' after '18–25-', which was read as '18–25- year-olds'.
"""

import pytest

from probe.importers.layout import hyphen_join

VOCABULARY = {"challenging", "well-established", "well", "established", "year", "olds"}


@pytest.mark.parametrize(
    ("text", "more", "joined"),
    [
        ("the work was chal-", "lenging for staff", "the work was challenging for staff"),
        ("a well-", "established team", "a well-established team"),
        ("outcomes for 18–25-", "year-olds were", "outcomes for 18–25-year-olds were"),
        ("between 120-", "150 per cent", "between 120-150 per cent"),
        ("for 18–25-", "Year-olds", "for 18–25-Year-olds"),
        ("risk of harm", "was assessed", "risk of harm was assessed"),
        ("a soft\xad", "hyphen", "a softhyphen"),
    ],
)
def test_a_wrapped_line_joins_as_the_report_wrote_it(text, more, joined):
    assert hyphen_join(text, more, VOCABULARY) == joined


@pytest.mark.parametrize(
    ("text", "more", "joined"),
    [
        # A document that does not hyphenate words keeps every hyphen ending a line.
        ("a well-", "established team", "a well-established team"),
        ("outcomes for 18–25-", "year-olds were", "outcomes for 18–25-year-olds were"),
        # A number then a hyphen, then something that cannot go on the number: a space.
        ("scores of 3-", "– and lower", "scores of 3- – and lower"),
    ],
)
def test_without_hyphenation_the_hyphen_stays(text, more, joined):
    assert hyphen_join(text, more, None) == joined
