"""Text copied out of a PDF, hard-wrapped at the printed line ends, joined back into paragraphs
and bullets (importers/reflow.py), on a small hand-made text whose every line is checked."""

from __future__ import annotations

import pytest
from probe.importers.reflow import looks_wrapped, reflow

PAGE_1 = """Strengths
Leaders had set out a clear vision for the service, and staff we spoke to under-
stood how their work contributed to it. The chal-
lenging caseloads were being managed with care and a sense of one-to-one purpose.
Managers told us about the up-to-the-minute things that had changed over the last year:
Staff were supported well and had regular supervision with their managers, and the
oneto-one sessions and elearning were valued. Plans were
compared with the risk of serious harm.
•
•
Most cases had a plan that was com pared with the assessment.
A second item that runs on over two printed lines of the page text and only ends
"""
PAGE_2 = """•
with its last words on the next page.
A third item, up-tothe-minute.
Key question
Percentage 'Yes'
Does assessment focus sufficiently on engaging the person on
probation?
72%
Areas for improvement
The quality of assessments was not good enough in too many of the cases we looked at,
and risk was not always reviewed; e-learning on risk was out of date.
"""
PAGE_3 = """•
•
Two things were seen:
Staff were keen.

•
•
Only one item stands under these two glyphs.
Areas for improvement
The quality of assessments was not good enough in too many of the cases we saw.
Risk was not always reviewed when it changed, and managers did not check this.
Staff said that e-learning on risk was out of date and that they wanted more.
Training was planned."""


def paged(*pages: str) -> tuple[list[str], list[int]]:
    lines = [line for page in pages for line in page.split("\n")]
    numbers = [number for number, page in enumerate(pages, 1) for _ in page.split("\n")]
    return lines, numbers


def test_wrapped_lines_become_paragraphs_and_bullets_on_their_pages():
    lines, pages, warnings = reflow(*paged(PAGE_1, PAGE_2, PAGE_3))
    assert [(line, page) for line, page in zip(lines, pages, strict=True) if line] == [
        ("Strengths", 1),
        ("Leaders had set out a clear vision for the service, and staff we spoke to understood how"
         " their work contributed to it. The challenging caseloads were being managed with care and"
         " a sense of one-to-one purpose. Managers told us about the up-to-the-minute things that had"
         " changed over the last year:", 1),  # words broken at a line end made whole
        ("Staff were supported well and had regular supervision with their managers, and the"
         " one-to-one sessions and e-learning were valued. Plans were compared with the risk of"
         " serious harm.", 1),  # hyphens the extractor dropped, put back as the report spells them
        ("• Most cases had a plan that was compared with the assessment.", 1),  # 'com pared'
        ("• A second item that runs on over two printed lines of the page text and only ends with"
         " its last words on the next page.", 1),  # carried over the page break
        ("• A third item, up-to-the-minute.", 2),
        ("Key question", 2), ("Percentage 'Yes'", 2),  # a table's lines stay as they are
        ("Does assessment focus sufficiently on engaging the person on", 2), ("probation?", 2),
        ("72%", 2),
        ("Areas for improvement", 2),
        ("The quality of assessments was not good enough in too many of the cases we looked at,"
         " and risk was not always reviewed; e-learning on risk was out of date.", 2),
        ("• Two things were seen:", 3), ("• Staff were keen.", 3),  # a colon ends an item too
        ("• Only one item stands under these two glyphs.", 3), ("Areas for improvement", 3),
        ("The quality of assessments was not good enough in too many of the cases we saw. Risk was not always reviewed when it changed, and managers"
         " did not check this. Staff said that e-learning on risk was out of date and that they wanted"
         " more. Training was planned.", 3),  # full lines: one paragraph, whatever their sentences
    ]  # fmt: skip
    assert lines[1::2] == [""] * (len(lines) // 2) and pages[::2] == pages[1::2]  # a blank line after each
    assert warnings == ["page 3: 2 bullets but only 1 items found under them"]


def test_a_bullet_cut_by_the_first_page_break_goes_on_after_the_next_glyph():
    lines = ["•", "Staff were given", "", "•", "iPads in the mid-", "dle of the year.", "Next item.", "",
             "It was chal-", "lenging and hard to under-", "stand."]  # fmt: skip
    out, pages, warnings = reflow(lines, [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2])
    assert [(line, page) for line, page in zip(out, pages, strict=True) if line] == [
        ("• Staff were given iPads in the middle of the year.", 1),
        ("• Next item.", 2),
        ("It was challenging and hard to understand.", 2),
    ]
    assert warnings == []


def test_a_text_whose_paragraphs_run_over_lines_is_wrapped():
    lines, _ = paged(PAGE_1, PAGE_2, PAGE_3)
    assert looks_wrapped(lines)
    one_a_line, _, _ = reflow(lines, [1] * len(lines))
    assert not looks_wrapped(one_a_line)
    assert not looks_wrapped(lines[:20])  # too short to tell


@pytest.mark.parametrize(("filled", "breaks", "wrapped"), [(21, 20, True), (20, 19, False), (25, 2, False), (25, 3, True)])
def test_wrapped_means_over_twenty_lines_and_over_8_percent_carried_on_in_lower_case(filled, breaks, wrapped):
    lines = ["Text that ends." if index > breaks else "carried on" for index in range(filled)]
    lines[0] = "Text that goes"
    assert looks_wrapped(lines) is wrapped
