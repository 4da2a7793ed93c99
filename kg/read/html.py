"""The text of an HTML page by blocks, with its title, URL and date fields.

Parsed with lxml's HTML parser (libxml2), which is built for broken pages and takes linear time where
Python's html.parser is quadratic on unterminated tags. Page furniture (navigation, footers, scripts)
is left out; forms are kept, since some sites (ASP.NET) wrap the whole page in one. When that leaves
no text (an unclosed <title> or <nav> swallowing the page), every text node but scripts and styles is read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "dc.date", "dcterms.date", "time")
_SKIP = frozenset({"head", "script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "iframe",
                   "button", "select", "title"})
_CODE = frozenset({"script", "style", "noscript", "template", "svg"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section",
                    "article", "header", "main", "blockquote", "figure", "figcaption", "hr", "dd", "dt", "pre",
                    "form", "body"})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    """An HTML page as read: its text (one paragraph per block), title, og:url and date field values."""

    text: str
    title: str | None
    url: str | None
    dates: tuple[str, ...]  # the values of the date fields present, in order of preference


def read_html(markup: str) -> Page:
    """The text, title (og:title, else <title>), og:url and date field values of an HTML page."""
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):  # no element at all
        return Page(text="", title=None, url=None, dates=())
    meta: dict[str, str] = {}
    for element in root.iter("meta", "time"):
        if element.tag == "meta" and element.get("content"):
            name = element.get("property") or element.get("name") or element.get("itemprop") or ""
            meta.setdefault(name.lower(), element.get("content"))
        elif element.tag == "time" and element.get("datetime"):
            meta.setdefault("time", element.get("datetime"))
    title = _SPACES.sub(" ", "".join(t.text_content() for t in root.iter("title"))).strip()
    text = _text(root, _SKIP) or _text(root, _CODE)
    return Page(text=text, title=meta.get("og:title") or title or None, url=meta.get("og:url"),
                dates=tuple(meta[k] for k in _DATE_META if k in meta))


def _text(root: etree._Element, skip: frozenset[str]) -> str:
    """The text of the page outside `skip` elements, one paragraph per block, separated by blank lines."""
    parts: list[str] = []
    skipping = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in skip:
                skipping += 1
            elif not skipping:
                parts.append("\n" if tag == "br" else "\n\n" if tag in _BLOCK else "")
                parts.append(_SPACES.sub(" ", element.text or "") if tag else "")
        else:
            if tag in skip:
                skipping -= 1
            elif not skipping and tag in _BLOCK:
                parts.append("\n\n")
            if not skipping:
                parts.append(_SPACES.sub(" ", element.tail or ""))
    blocks = ("\n".join(s for line in block.split("\n") if (s := line.strip()))
              for block in "".join(parts).split("\n\n"))
    return "\n\n".join(b for b in blocks if b)
