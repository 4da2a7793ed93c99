"""The text of an HTML page by blocks, with its title, URL and date fields (stdlib only)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "dc.date", "dcterms.date", "time")


@dataclass(frozen=True)
class Page:
    """An HTML page as read: its text (one paragraph per block), title, og:url and date field values."""

    text: str
    title: str | None
    url: str | None
    dates: tuple[str, ...]  # the values of the date fields present, in order of preference


class _Html(HTMLParser):
    """The text of an HTML page by blocks, with its <title> and <meta> fields."""

    _SKIP = frozenset({"head", "script", "style", "noscript", "template", "svg", "nav", "footer", "aside",
                       "form", "iframe", "button", "select"})
    _BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section",
                        "article", "header", "main", "blockquote", "figure", "figcaption", "hr", "dd", "dt", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title, self._skip, self._in_title = "", 0, False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("content"):
            self.meta.setdefault((a.get("property") or a.get("name") or a.get("itemprop") or "").lower(), a["content"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        self._in_title = self._in_title or tag == "title"
        if tag == "body":
            self._skip = 0
        elif tag in self._SKIP:
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        """The page text: one paragraph per block, separated by blank lines."""
        blocks = ("\n".join(s for line in block.split("\n") if (s := line.strip()))
                  for block in "".join(self.parts).split("\n\n"))
        return "\n\n".join(b for b in blocks if b)


def read_html(markup: str) -> Page:
    """The text, title (og:title, else <title>), og:url and date field values of an HTML page."""
    page = _Html()
    page.feed(markup)
    page.close()
    return Page(text=page.text(), title=page.meta.get("og:title") or page.title.strip() or None,
                url=page.meta.get("og:url"), dates=tuple(page.meta[k] for k in _DATE_META if k in page.meta))
