"""Read a report's web page (saved by a browser or fetched with curl) into report text.

Only the article is read: the site's header, menus, cookie banner, breadcrumbs, "Back to top"
links, share buttons and footer are removed first. Block elements become paragraphs, list items
bullets, table rows one line with a tab between cells, and `<sup>` footnote references stay
glued to their word as marks (`rating⁴`, or `[4]` when the page prints brackets). A publication
date the page carries in its metadata is written as a 'Published:' line under the title.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

from probe.domain.model import ReportError
from .text import MONTHS, squash

INSPECTORATE_HOST = "justiceinspectorates.gov.uk"
_ARTICLE = ("article", "main", "[role=main]", ".entry-content", "#content", "#main")
_CHROME = (
    "nav", "footer", "aside", "script", "style", "noscript", "template", "form",
    "button", "svg", "iframe", "[hidden]", "[aria-hidden=true]", "[role=navigation]",
    "[role=banner]", "[role=contentinfo]", "[class*=cookie]", "[id*=cookie]",
    "[class*=breadcrumb]", "[id*=breadcrumb]", "[aria-label*=readcrumb]", "[class*=share]",
    "[class*=social]", "[class*=skip-link]", "[class*=screen-reader]", "[class*=back-to-top]",
    "[class*=site-header]", "[class*=site-footer]",
)  # fmt: skip
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "blockquote",
        "figure",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "pre",
        "address",
        "hr",
        "br",
        "details",
        "summary",
    ]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_BACK_TO_TOP = re.compile(r"^\s*\(?\s*back to top\s*\)?\s*$", re.IGNORECASE)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TITLE = re.compile(r"inspection of probation services in", re.IGNORECASE)
_MAX_ID = 100


def looks_like_html(data: bytes) -> bool:
    """Markup: the first thing in the file is a tag, and an HTML element is near the top."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith(b"<"):
        return False
    return any(tag in head for tag in (b"<html", b"<body", b"<!doctype html", b"<div", b"<p"))


class WebPage(NamedTuple):
    text: str  # the article as report text
    anchors: list[str | None]  # for each line of text, the id of the section it sits under
    url: str | None  # the page's own address, when it says it (canonical link, saved-from)


def html_text(data: bytes) -> WebPage:
    """The article of a report's web page as report text; a ReportError for another site."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data)
    url = _page_url(tree, data)
    host = urlsplit(url).hostname if url else _base_host(tree)
    if host and not host.endswith(INSPECTORATE_HOST):
        raise ReportError(
            f"a web page from {host}, not from HM Inspectorate of Probation ({INSPECTORATE_HOST})"
        )
    article = _article(tree)
    if article is None:
        raise ReportError("web page has no text")
    for selector in _CHROME:
        for node in article.css(selector):
            node.decompose()
    for header in article.css("header"):
        if "entry" not in (header.attributes.get("class") or ""):  # keep the article's own
            header.decompose()
    for link in article.css("a"):
        if _BACK_TO_TOP.match(link.text(deep=True)):
            link.decompose()
    blocks: list[tuple[str, str | None]] = []
    line: list[str] = []
    anchor = _Anchor(_own_id(article))
    _walk(article, blocks, line, anchor)
    _flush(blocks, line, anchor)  # inline text at the article's end
    published = _published(tree)
    if published:
        _add_published(blocks, published)
    text = "\n\n".join(block for block, _ in blocks)
    anchors = [anchor for _, anchor in blocks for _ in (1, 2)][:-1]
    return WebPage(text, anchors, url)


def _page_url(tree, data: bytes) -> str | None:
    """The page's address without its fragment: the canonical link, og:url, or the address a
    browser noted when saving it; None when it gives none (or not a web address)."""
    for selector, attribute in (("link[rel=canonical]", "href"), ("meta[property='og:url']", "content")):
        node = tree.css_first(selector)
        if node is not None and node.attributes.get(attribute):
            return _web_address(node.attributes[attribute])
    saved = _SAVED_FROM.search(data[:4096])
    return _web_address(saved.group(1).decode("ascii", "replace")) if saved else None


def _web_address(address: str) -> str | None:
    parts = urlsplit(squash(address))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts._replace(fragment="").geturl()


def _base_host(tree) -> str | None:
    node = tree.css_first("base")
    href = node.attributes.get("href") if node is not None else None
    return urlsplit(href).hostname if href else None


def _article(tree):
    """The element most likely to be the report itself: the largest article-like element."""
    candidates = [node for selector in _ARTICLE for node in tree.css(selector)]
    if not candidates:
        return tree.body
    return max(candidates, key=lambda node: len(node.text(deep=True)))


class _Anchor:
    """Which section the walk is in: the id of the innermost heading with one (a heading without
    an id, such as 'Strengths:', stays in the section of the heading above it), or of the
    nearest enclosing element with one, before the first heading or under no heading with one."""

    def __init__(self, enclosing: str | None) -> None:
        self.headings: dict[int, str | None] = {}  # heading level -> its id
        self.enclosing = enclosing

    def heading(self, level: int, anchor: str | None) -> None:
        self.headings = {at: id_ for at, id_ in self.headings.items() if at < level}
        self.headings[level] = anchor

    def current(self) -> str | None:
        named = [id_ for _, id_ in sorted(self.headings.items()) if id_]
        return named[-1] if named else self.enclosing


def _own_id(node) -> str | None:
    """An element's id as a link can name it (ids hold no spaces); None for none or junk."""
    value = squash(node.attributes.get("id") or "")
    return value if 0 < len(value) <= _MAX_ID and " " not in value else None


def _walk(node, blocks: list, line: list[str], anchor: _Anchor) -> None:
    """Depth-first: inline text gathers in `line`; a block element closes it as one block,
    with the id of the section it sits under."""
    for child in _children(node):
        tag = child.tag
        if tag == "-text":
            line.append(child.text(deep=False))
        elif tag == "sup":
            line.append(_mark(child.text(deep=True)))
        elif tag == "tr":
            _flush(blocks, line, anchor)
            cells = [squash(cell.text(deep=True, separator=" ")) for cell in child.css("th, td")]
            blocks.append(("\t".join(cell for cell in cells if cell), anchor.current()))
        elif tag in _BLOCKS:
            _flush(blocks, line, anchor)
            if tag in _HEADINGS:
                anchor.heading(int(tag[1]), _own_id(child))
            if tag == "li":
                line.append(_list_marker(child))
            _within(child, blocks, line, anchor)
            _flush(blocks, line, anchor)
        else:  # inline elements; comments and images hold no text
            _within(child, blocks, line, anchor)


def _within(node, blocks: list, line: list[str], anchor: _Anchor) -> None:
    """Walk an element's children with it as the enclosing element when it has an id."""
    outer = anchor.enclosing
    anchor.enclosing = _own_id(node) or outer
    _walk(node, blocks, line, anchor)
    anchor.enclosing = outer


def _list_marker(item) -> str:
    """'3. ' for the third item of a numbered list (its start attribute counted), else '• '."""
    parent = item.parent
    if parent is None or parent.tag != "ol":
        return "• "
    start = parent.attributes.get("start") or "1"
    number = int(start) if start.isdecimal() else 1
    for sibling in _children(parent):
        if sibling.mem_id == item.mem_id:
            break
        number += sibling.tag == "li"
    return f"{number}. "


def _children(node):
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _mark(text: str) -> str:
    text = squash(text)
    return text.translate(_SUPERSCRIPT) if text.isdecimal() else text


def _flush(blocks: list, line: list[str], anchor: _Anchor) -> None:
    text = squash("".join(line))
    line.clear()
    if text and text != "•":
        blocks.append((text, anchor.current()))


def _published(tree) -> str | None:
    """'10 July 2025' from the page's metadata, when it has a date."""
    for selector, attribute in (
        ("meta[property='article:published_time']", "content"),
        ("meta[name='dcterms.date']", "content"),
        ("meta[name=date]", "content"),
        ("time[datetime]", "datetime"),
    ):
        node = tree.css_first(selector)
        value = node.attributes.get(attribute) if node is not None else None
        match = _ISO_DATE.match(value or "")
        if match and 1 <= int(match.group(2)) <= 12:
            year, month, day = (int(part) for part in match.groups())
            return f"{day} {MONTHS[month - 1]} {year}"
    return None


def _add_published(blocks: list[tuple[str, str | None]], published: str) -> None:
    """Fill an empty 'Published:' line, or add one under the title line."""
    texts = [text for text, _ in blocks]
    empty = next((i for i, text in enumerate(texts) if re.match(r"^Published:\s*$", text)), None)
    if empty is not None:
        blocks[empty] = (f"Published: {published}", blocks[empty][1])
        return
    if any(text.startswith("Published:") for text in texts):
        return
    title = next((i for i, text in enumerate(texts) if _TITLE.search(text)), None)
    at = 0 if title is None else title + 1
    blocks.insert(at, (f"Published: {published}", blocks[at - 1][1] if at else None))
