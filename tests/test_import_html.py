"""A report's web page read into report text, on small hand-made pages: what is kept of the
article and how, what is dropped, the publication date from its metadata, and pages refused."""

from __future__ import annotations

import pytest
from probe.domain.model import ReportError
from probe.importers.html import html_text, looks_like_html

CANONICAL = b'<link rel="canonical" href="https://www.justiceinspectorates.gov.uk/hmiprobation/x/">'


def text_of(data: bytes) -> str:
    return html_text(data).text


def page(body: bytes, head: bytes = CANONICAL) -> bytes:
    return b"<!DOCTYPE html><html><head>" + head + b"</head><body>" + body + b"</body></html>"


def test_a_web_page_gives_its_article_as_paragraphs_bullets_and_table_rows():
    body = b"""<header class="site-header">Site menu</header><div id="cookie-banner">We use cookies</div>
<main><header class="entry-header"><h1>An inspection of probation services in: Gwent PDU</h1></header>
<nav class="breadcrumb">Home &gt; Reports</nav><header>Page header</header>
<p>Leaders had a <span>clear</span> vision<sup>4</sup> and a plan<sup>[5]</sup>.</p>
<!-- a comment --><img src="x.png" alt="logo">
<ol start="3"><li>Ensure staff are trained.</li><li>Review <b>workloads</b>.</li></ol>
<ul><li>Strength one</li><li></li></ul><ol start="x"><li>First</li></ol>
<table><tr><th>Standard</th><th>Rating</th></tr><tr><td><p>1.1</p><p><b>Leadership</b></p></td><td></td><td>Good</td></tr></table>
<p><a href="#top"><span>Back to top</span></a></p><p><a href="#top">(Back to top) and more</a></p>
<aside>Related reports</aside><footer>Crown copyright</footer></main>
<div class="share-buttons">Share</div>"""
    assert text_of(page(body)).split("\n\n") == [
        "An inspection of probation services in: Gwent PDU",
        "Leaders had a clear vision⁴ and a plan[5].",
        "3. Ensure staff are trained.",
        "4. Review workloads.",
        "• Strength one",
        "1. First",
        "Standard\tRating",
        "1.1 Leadership\tGood",
        "(Back to top) and more",
    ]


def test_a_page_without_a_body_has_no_text():
    with pytest.raises(ReportError, match="^web page has no text$"):
        text_of(b'<!DOCTYPE html><html><head></head><frameset><frame src="a.html"></frameset></html>')


def test_the_largest_article_like_element_is_the_report_else_the_body():
    body = b"<article><p>A teaser</p></article><main><p>The whole report, longer.</p></main>"
    assert text_of(page(body)) == "The whole report, longer."
    assert text_of(page(b"<div><p>One</p>Two</div>")) == "One\n\nTwo"
    assert text_of(page(b"<main><p>One</p>and the end</main>")) == "One\n\nand the end"


TITLE = b"<main><p>HM Inspectorate</p><h1>An inspection of probation services in: Gwent PDU</h1><p>Text</p></main>"


@pytest.mark.parametrize(
    "meta",
    [b"<meta property='article:published_time' content='2025-07-10T09:00:00+00:00'>",
     b'<meta name="dcterms.date" content="2025-07-10">', b'<meta name="date" content="2025-07-10">',
     b'<meta name="dcterms.date" content="2025-13-10"><meta name="date" content="2025-07-10">'],
)  # fmt: skip
def test_the_publication_date_goes_under_the_title(meta):
    assert text_of(page(TITLE, CANONICAL + meta)).split("\n\n") == [
        "HM Inspectorate", "An inspection of probation services in: Gwent PDU", "Published: 10 July 2025", "Text",
    ]  # fmt: skip


def test_a_publication_date_fills_an_empty_published_line_keeps_a_full_one_or_leads():
    time = b'<p>On <time datetime="2024-01-02">2 January</time></p>'
    assert text_of(page(b"<main><p>Published:</p>" + time + b"</main>")) == "Published: 2 January 2024\n\nOn 2 January"
    full = b"<main><p>Title</p><p>Published: 3 May 2024</p>" + time + b"</main>"
    assert text_of(page(full)) == "Title\n\nPublished: 3 May 2024\n\nOn 2 January"
    twice = b"<main><p>Published:</p><p>Published:</p>" + time + b"</main>"
    assert text_of(page(twice)) == "Published: 2 January 2024\n\nPublished:\n\nOn 2 January"
    assert text_of(page(b"<main><p>No title</p>" + time + b"</main>")) == (
        "Published: 2 January 2024\n\nNo title\n\nOn 2 January"
    )
    assert text_of(page(b'<main><p>x</p><time datetime="2024-00-02">y</time></main>')) == "x\n\ny"
    december = page(b'<main><p>x</p><time datetime="2024-12-31">y</time></main>')
    assert text_of(december) == "Published: 31 December 2024\n\nx\n\ny"


@pytest.mark.parametrize(
    ("head", "host"),
    [(b'<link rel="canonical" href="https://www.example.com/pdu/">', "www.example.com"),
     (b'<meta property="og:url" content="http://news.example.org/a">', "news.example.org"),
     (b'<base href="https://other.example/">', "other.example")],
)  # fmt: skip
def test_a_page_from_another_site_is_refused(head, host):
    with pytest.raises(ReportError) as error:
        text_of(page(b"<main><p>Text</p></main>", head))
    assert str(error.value) == (
        f"a web page from {host}, not from HM Inspectorate of Probation (justiceinspectorates.gov.uk)"
    )


def test_a_browsers_saved_from_comment_names_the_site():
    saved = b"<!-- saved from url=(0030)https://www.example.com/a.html -->\n"
    with pytest.raises(ReportError, match=r"^a web page from www\.example\.com, not"):
        text_of(saved + page(b"<main><p>Text</p></main>", b""))
    ours = b"<!-- saved from url=(0052)https://www.justiceinspectorates.gov.uk/hmiprobation/ -->\n"
    assert text_of(ours + page(b"<main><p>Text</p></main>", b"")) == "Text"
    odd = b"<!-- saved from url=(0031)https://www.example.com/caf\xc3\xa9 -->\n"  # not ASCII
    with pytest.raises(ReportError, match=r"^a web page from www\.example\.com, not"):
        text_of(odd + page(b"<main><p>Text</p></main>", b""))
    assert text_of(page(b"<main><p>Text</p></main>", b"")) == "Text"  # no site named at all


@pytest.mark.parametrize(
    ("data", "is_html"),
    [(b"\xef\xbb\xbf \r\n<!DOCTYPE HTML><p>x", True), (b"<html>", True), (b"<body>", True), (b"<div>x", True),
     (b"<p>x", True), (b"<svg><text>x</text></svg>", False), (b"Report <html>", False), (b"", False)],
)  # fmt: skip
def test_markup_is_recognised_by_its_first_tag(data, is_html):
    assert looks_like_html(data) is is_html
