"""Text with form feeds (pasted or converted from a PDF), on a small hand-made text: running
title and page numbers go, a sentence broken by a page is joined, footnotes move to the end,
and every line keeps the page it was printed on."""

from __future__ import annotations

import pytest
from probe.importers.pages import is_page_marker, running_keys, split_pages

TITLE = "Inspection of probation services: Gwent PDU"
PAGES = [
    f"{TITLE}\n\nForeword\n\nLeaders had a clear vision and the \n\niv\n",
    f"{TITLE}\n\nstaff knew it well.\nWorkloads were\n\n3 Staff were given \n\n2/4",
    f"Page 3 of 4\n{TITLE}\niPads in July.\n• A bullet after the break\nPercentage of cases\n72% \n4 A whole note. \n",
    f"{TITLE}\nwhere the work was good?\n5 A last note\nPage 4 of 4",
]


def test_pages_lose_their_running_lines_and_keep_each_lines_page():
    text, pages = split_pages("\f".join(PAGES))
    assert list(zip(text.split("\n"), pages, strict=True)) == [
        (TITLE, 1), ("", 1), ("Foreword", 1), ("", 1),
        ("Leaders had a clear vision and the staff knew it well.", 1),  # broken by the page
        ("Workloads were", 2),
        ("• A bullet after the break", 3),  # a bullet starts anew
        ("Percentage of cases", 3), ("72% ", 3),
        ("where the work was good?", 4),  # a table's question goes on after its percentage
        ("", 2), ("Footnotes", 2), ("", 2),
        ("3 Staff were given iPads in July.", 2),  # a note broken by the page
        ("4 A whole note. ", 3),
        ("5 A last note", 4),
    ]  # fmt: skip


def test_text_without_a_form_feed_has_no_pages():
    assert split_pages("Foreword\n\nText\n") is None


@pytest.mark.parametrize(
    ("line", "marker"),
    [("12", True), ("Page 3 of 20", True), ("page3/20", True), (" iv. ", True), ("3 / 20", True),
     ("12345", False), ("Page three", False), ("3 of", False), ("1.1 Leadership", False), ("", False)],
)  # fmt: skip
def test_a_page_marker_is_a_page_number_and_nothing_else(line, marker):
    assert is_page_marker(line) is marker


def test_running_lines_are_at_the_edge_of_enough_pages():
    edges = [{"Gwent PDU", "Page 1 of 5"}, {"Gwent PDU", "Page 2 of 5"}, {"Page 3 of 5", "Foreword"},
             {"Other"}, {"Other", "Ratings"}]  # fmt: skip
    assert running_keys(edges) == {"gwent pdu", "page # of #", "other"}
    assert running_keys([{"Gwent PDU"}]) == set()  # one page: nothing runs

