"""Read a report's web page (saved by a browser or fetched with curl) into report text.

Only the article is read: the site's header, menus, cookie banner, breadcrumbs, "Back to top"
links, share buttons and footer are removed first. Block elements become paragraphs, list items
bullets, table rows one line with a tab between cells, and `<sup>` footnote references stay
glued to their word as marks (`rating⁴`, or `[4]` when the page prints brackets). A publication
date the page carries in its metadata is written as a 'Published:' line under the title.
"""

from __future__ import annotations

import re
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


def looks_like_html(data: bytes) -> bool:
    """Markup: the first thing in the file is a tag, and an HTML element is near the top."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith(b"<"):
        return False
    return any(tag in head for tag in (b"<html", b"<body", b"<!doctype html", b"<div", b"<p"))


def html_text(data: bytes) -> str:
    """The article of a report's web page as report text; a ReportError for another site."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data)
    host = _page_host(tree, data)
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
    blocks: list[str] = []
    _walk(article, blocks, [])
    text = "\n\n".join(block for block in blocks if block)
    published = _published(tree)
    return _with_published(text, published) if published else text


def _page_host(tree, data: bytes) -> str | None:
    for selector, attribute in (
        ("link[rel=canonical]", "href"),
        ("meta[property='og:url']", "content"),
        ("base", "href"),
    ):
        node = tree.css_first(selector)
        if node is not None and node.attributes.get(attribute):
            return urlsplit(node.attributes[attribute]).hostname
    saved = _SAVED_FROM.search(data[:4096])
    return urlsplit(saved.group(1).decode("ascii", "replace")).hostname if saved else None


def _article(tree):
    """The element most likely to be the report itself: the largest article-like element."""
    candidates = [node for selector in _ARTICLE for node in tree.css(selector)]
    if not candidates:
        return tree.body
    return max(candidates, key=lambda node: len(node.text(deep=True)))


def _walk(node, blocks: list[str], line: list[str]) -> None:
    """Depth-first: inline text gathers in `line`; a block element closes it as one block."""
    for child in _children(node):
        tag = child.tag
        if tag == "-text":
            line.append(child.text(deep=False))
        elif tag == "sup":
            line.append(_mark(child.text(deep=True)))
        elif tag == "tr":
            _flush(blocks, line)
            cells = [squash(cell.text(deep=True, separator=" ")) for cell in child.css("th, td")]
            blocks.append("\t".join(cell for cell in cells if cell))
        elif tag in _BLOCKS:
            _flush(blocks, line)
            if tag == "li":
                line.append(_list_marker(child))
            _walk(child, blocks, line)
            _flush(blocks, line)
        elif tag not in ("img", "-comment"):
            _walk(child, blocks, line)


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


def _flush(blocks: list[str], line: list[str]) -> None:
    text = squash("".join(line))
    line.clear()
    if text and text != "•":
        blocks.append(text)


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


def _with_published(text: str, published: str) -> str:
    """Fill an empty 'Published:' line, or add one under the title line."""
    if re.search(r"^Published:\s*$", text, re.MULTILINE):
        return re.sub(
            r"^Published:\s*$", f"Published: {published}", text, count=1, flags=re.MULTILINE
        )
    if re.search(r"^Published:", text, re.MULTILINE):
        return text
    title = re.search(
        r"^.*inspection of probation services in.*$", text, re.MULTILINE | re.IGNORECASE
    )
    if title is None:
        return f"Published: {published}\n\n{text}"
    return f"{text[: title.end()]}\n\nPublished: {published}{text[title.end() :]}"
