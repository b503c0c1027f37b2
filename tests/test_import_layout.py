"""Joining a line wrapped with a hyphen at its end (importers/layout.hyphen_join): a word broken
by hyphenation is made whole, a compound keeps its hyphen, judged by the report's own words."""

from __future__ import annotations

import pytest
from probe.importers.layout import hyphen_join, hyphenates, vocabulary_of

REPORT = ["a partner agency", "the challenge", "pre-sentence reports", "at present", "one-to-one work",
          "long term", "joint work", "case load", "law", "wellbeing", "well-being"]  # fmt: skip
WORDS = vocabulary_of(REPORT)


def test_the_vocabulary_holds_words_and_compounds_with_their_parts():
    assert WORDS == {"a", "partner", "agency", "the", "challenge", "pre-sentence", "pre", "sentence", "reports",
                     "at", "present", "one-to-one", "one", "to", "work", "long", "term", "joint", "case", "load",
                     "law", "wellbeing", "well-being", "well", "being"}  # fmt: skip
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
     ("mid-", "dle", "middle"), ("their well-", "being", "their wellbeing"),  # written both ways: whole ("soft\xad", "ware", "software"),
     ("a chal-", "Lenging", "a chal- Lenging"), ("ends", "here", "ends here"), ("ends -", "1", "ends - 1")],
)  # fmt: skip
def test_a_hyphen_ending_a_line_stays_only_in_a_compound(text, more, joined):
    assert hyphen_join(text, more, WORDS) == joined


def test_a_document_that_does_not_hyphenate_keeps_every_hyphen():
    assert hyphen_join("a chal-", "lenging year", None) == "a chal-lenging year"
    assert hyphen_join("soft\xad", "ware", None) == "software"


def test_a_document_hyphenates_when_line_ends_break_words_it_spells_nowhere_else():
    broken = ["It was chal-", "lenging and hard to under-", "stand.", "A well-", "established team, with established ways."]
    assert hyphenates(broken, vocabulary_of(broken))
    assert not hyphenates(broken[:2], vocabulary_of(broken[:2]))  # one broken word is no pattern
    compounds = ["A well-", "established, long-", "standing team."]
    assert not hyphenates(compounds, vocabulary_of(compounds) | {"established", "standing"})
