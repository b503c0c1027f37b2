"""Search: plain words never fail, stemming works, each filter narrows with real data."""

from __future__ import annotations

import contextlib
import re
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gold import STEMS, load
from probe.store.read import Reader
from probe.store.search import HIGHLIGHT_END, HIGHLIGHT_START, MAX_QUERY_CHARS, MAX_TERMS, QueryError, SearchTooBig

HOME_VISITS = [
    ("Leicester, Leicestershire and Rutland PDU", "2.4"),
    ("Gwent PDU", "2.3"),
    ("South Tyneside and Gateshead PDU", "2.4"),
    ("County Durham and Darlington PDU", "2.3"),
    ("Leicester, Leicestershire and Rutland PDU", "Resettlement work"),
]


def hits(result):
    return [(hit.pdu, hit.section) for hit in result.hits]


def test_home_visits_finds_the_five_findings_best_first(reader):
    result = reader.search("home visits")
    assert hits(result) == HOME_VISITS
    assert result.total == 5
    ranks = [hit.rank for hit in result.hits]
    assert ranks == sorted(ranks)


def test_stemming_home_visit_finds_home_visits(reader):
    assert hits(reader.search("home visit")) == HOME_VISITS
    assert hits(reader.search("HOME VISITING")) == HOME_VISITS


def test_snippet_marks_the_matched_words(reader):
    snippet = reader.search("home visits").hits[1].snippet
    assert f"{HIGHLIGHT_START}home visits{HIGHLIGHT_END}" in snippet
    snippet = reader.search("police officers visited").hits[0].snippet
    assert f"{HIGHLIGHT_START}Police officers visited{HIGHLIGHT_END}" in snippet


def test_total_counts_every_match_beyond_the_limit(reader):
    everything = reader.search("probation", limit=10_000)
    limited = reader.search("probation", limit=3)
    assert len(limited.hits) == 3
    assert limited.total == everything.total == len(everything.hits) > 100
    assert limited.hits == everything.hits[:3]


def test_quoted_parts_are_separate_phrases(reader):
    result = reader.search('"home visits" police')
    assert [(hit.pdu, hit.section) for hit in result.hits] == [("South Tyneside and Gateshead PDU", "2.4")]


def test_recommendations_are_searched_too(reader):
    result = reader.search("domestic abuse and safeguarding information")
    kinds = {hit.kind for hit in result.hits}
    assert "recommendation" in kinds
    recommendation = next(hit for hit in result.hits if hit.kind == "recommendation")
    assert recommendation.section == "Recommendations"
    assert recommendation.section_heading.endswith("PDU")


@pytest.mark.parametrize(
    ("query", "words"),
    [('"home', "home"), ("home*", "home"), ("home " * MAX_TERMS, "home"), ("AND", "and"), ("OR NOT", "or not"),
     ("a:b", "a b"), ("x" * MAX_QUERY_CHARS, "x" * MAX_QUERY_CHARS),
     ("'; DROP TABLE reports; --", "drop table reports"), ("home\x07visits\x1b", "home visits")],
)  # fmt: skip
def test_odd_plain_queries_are_searched_as_their_words(reader, query, words):
    result, expected = reader.search(query), reader.search(words)
    assert (hits(result), result.total) == (hits(expected), expected.total)


@pytest.mark.parametrize("query", ["*", "", "   ", "(", ")", "NEAR(", '"', "\x00\x1b[31m\x07", "^", "-"])
def test_queries_without_words_find_nothing(reader, query):
    result = reader.search(query)
    assert (result.hits, result.total) == ([], 0)


def texts_matching(db, pattern: str) -> int:
    """How many stored findings and recommendations match `pattern`, counted without FTS."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        texts = conn.execute("SELECT text FROM findings UNION ALL SELECT text FROM recommendations")
        return sum(1 for (text,) in texts if re.search(pattern, text, re.IGNORECASE))


def test_odd_queries_with_words_find_every_text_with_them(reader, seeded_db_template):
    assert reader.search('"home').total == texts_matching(seeded_db_template, r"\bhomes?\b") == 10
    assert reader.search("AND").total == texts_matching(seeded_db_template, r"\band\b") == 334


def test_unbalanced_quote_is_still_searched(reader):
    assert hits(reader.search('"home visits')) == HOME_VISITS


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_no_plain_query_raises_but_one_over_the_word_limit(reader, query):
    words = len(re.findall(r"[^\W_]+", query))
    if words <= MAX_TERMS:
        reader.search(query)
    else:
        with pytest.raises(SearchTooBig, match=f"too many words \\({words}, at most {MAX_TERMS}\\)"):
            reader.search(query)


def test_raw_passes_fts_syntax_through(reader, seeded_db_template):
    both = reader.search("home AND visits", raw=True).total
    assert both == 6  # the words anywhere, unlike the phrase
    assert reader.search("home NOT visits", raw=True).total < reader.search("home", raw=True).total
    # "partnership(s)" starts with "partner" but does not stem to it: only the prefix finds it.
    db = seeded_db_template
    assert reader.search("partner*", raw=True).total == texts_matching(db, r"\bpartner\w*") == 23
    assert reader.search("partner", raw=True).total == texts_matching(db, r"\bpartners?\b") == 15
    assert hits(reader.search('"home visits"', raw=True)) == HOME_VISITS


@pytest.mark.parametrize("query", ["AND", '"home', "home AND", "nosuchcolumn:home", "NEAR("])
def test_raw_syntax_errors_are_query_errors(reader, query):
    with pytest.raises(QueryError) as error:
        reader.search(query, raw=True)
    assert "\n" not in str(error.value)


def test_pdu_filter_is_part_of_the_name_any_case(reader):
    assert hits(reader.search("home visits", pdu="LEICESTER")) == [
        h for h in HOME_VISITS if h[0].startswith("Leicester")
    ]


def test_standard_filter_by_code(reader):
    assert hits(reader.search("home visits", standard="2.3")) == [
        h for h in HOME_VISITS if h[1] == "2.3"
    ]


def test_standard_filter_by_name_follows_each_reports_numbering(reader):
    result = reader.search("assessment", standard="Assessment", limit=500)
    sections = {(hit.pdu, hit.section) for hit in result.hits}
    assert sections  # 2.1 in 2024 reports, 2.2 in 2021 ones
    for pdu, section in sections:
        expected = "2.2" if pdu.startswith(("Leicester", "South Tyneside")) else "2.1"
        assert section == expected
    assert {pdu for pdu, _ in sections} >= {"Gwent PDU", "South Tyneside and Gateshead PDU"}


def test_kind_filter(reader):
    result = reader.search("home visits", kind="strength")
    assert hits(result) == [HOME_VISITS[2], HOME_VISITS[4]]
    assert {h.kind for h in reader.search("ensure", kind="recommendation", limit=100).hits} == {
        "recommendation"
    }
    with pytest.raises(QueryError, match="unknown kind"):
        reader.search("home", kind="gossip")


@pytest.mark.parametrize(
    ("kind", "table", "where"),
    [("strength", "findings", "kind = 'strength'"), ("finding", "findings", "kind = 'finding'"),
     ("area_for_improvement", "findings", "kind = 'area_for_improvement'"), ("recommendation", "recommendations", "1")],
)  # fmt: skip
def test_a_kind_filter_finds_every_text_of_that_kind_and_no_other(reader, seeded_db_template, kind, table, where):
    result = reader.search("domestic abuse", kind=kind, limit=100)
    with contextlib.closing(sqlite3.connect(seeded_db_template)) as conn:
        texts = [text for (text,) in conn.execute(f"SELECT text FROM {table} WHERE {where}")]
    expected = sum(1 for text in texts if re.search(r"\bdomestic abuse\b", text, re.IGNORECASE))
    assert {hit.kind for hit in result.hits} == {kind}
    assert result.total == len(result.hits) == expected > 0


def test_rating_filter_uses_the_findings_standard_rating(reader):
    ratings = {
        (load(stem)["pdu"], standard["code"]): standard["rating"]
        for stem in STEMS
        for standard in load(stem)["standards"]
    }
    for rating in ("Requires improvement", "Inadequate"):
        wanted = [hit for hit in HOME_VISITS if ratings.get(hit) == rating]
        assert wanted  # both ratings occur among the five
        assert hits(reader.search("home visits", rating=rating.upper())) == wanted
    assert reader.search("home visits", rating="Outstanding").total == 0


def test_since_filter_is_the_fieldwork_year(reader):
    assert hits(reader.search("home visits", since=2025)) == [HOME_VISITS[1], HOME_VISITS[3]]
    assert hits(reader.search("home visits", since=2022)) == HOME_VISITS
    assert reader.search("home visits", since=2026).total == 0


def test_words_without_a_phrase_match_fall_back_to_all_words_anywhere(reader):
    phrase = reader.search("home visits")
    assert not phrase.all_words
    # No finding says "checks police abuse" in that order; one holds all three words.
    scattered = reader.search("checks police abuse")
    assert scattered.all_words and scattered.total == 1
    assert scattered.hits[0].text.startswith("Leaders had not done enough to ensure that police")
    assert reader.search("zebra crossing").total == 0


def test_a_window_ranks_and_counts_only_the_newest_matches(reader):
    full = reader.search("home visits")
    quick = reader.search("home visits", window=2)
    assert quick.partial and not full.partial
    assert quick.total == 2 < full.total == 5
    newest = sorted((hit.report_id, hit.line) for hit in full.hits)[-2:]
    assert sorted((hit.report_id, hit.line) for hit in quick.hits) == newest
    roomy = reader.search("home visits", window=100)
    assert not roomy.partial and roomy == full


def test_searches_from_several_threads_on_one_reader_take_turns(seeded_db_template):
    import threading

    from probe.store.search import SearchInterrupted

    reader = Reader(seeded_db_template)
    expected = reader.search("home visits")
    outcomes = []

    def search_repeatedly():
        for _ in range(100):
            try:
                outcomes.append(reader.search("home visits") == expected)
            except SearchInterrupted:
                outcomes.append("interrupted")

    threads = [threading.Thread(target=search_repeatedly) for _ in range(4)]
    for thread in threads:
        thread.start()
    for _ in range(20):
        reader.interrupt()  # as the TUI does on each keystroke
    for thread in threads:
        thread.join()
    reader.close()
    assert len(outcomes) == 400 and set(outcomes) <= {True, "interrupted"}
    assert True in outcomes


def test_limit_zero_counts_without_hits(reader):
    result = reader.search("home visits", limit=0)
    assert (result.hits, result.total) == ([], 5)


def test_each_hit_names_the_line_its_text_is_on(reader):
    for hit in reader.search("home visits").hits:
        line = reader.report(hit.report_id).text.split("\n")[hit.line - 1]
        assert " ".join(hit.text.split()[:6]) in " ".join(line.split())


def test_a_search_gives_twenty_hits_unless_told(reader):
    assert reader.search("probation").total > 20
    assert len(reader.search("probation").hits) == 20


def test_an_unknown_kind_is_refused_naming_the_kinds(reader):
    with pytest.raises(QueryError) as error:
        reader.search("home", kind="gossip")
    assert str(error.value) == "unknown kind 'gossip': use one of strength, area_for_improvement, finding, recommendation"


def test_only_raw_queries_count_their_prefix_terms(reader):
    seven = " OR ".join(f"{letter}*" for letter in "abcdefg")
    with pytest.raises(SearchTooBig, match=r"^too many pre\* terms \(7, at most 6\)"):
        reader.search(seven, raw=True)
    assert reader.search(seven).total == 0  # plain words: 'a OR b ...' as a phrase


def test_a_window_applies_to_raw_and_to_all_words_searches(reader):
    raw = reader.search("home AND visits", raw=True, window=2)
    assert (raw.partial, raw.total) == (True, 2)
    scattered = reader.search("checks police abuse", window=1)
    assert (scattered.all_words, scattered.partial, scattered.total) == (True, True, 1)
