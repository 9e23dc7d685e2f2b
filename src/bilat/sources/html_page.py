"""Pull an article's main text, title, date and address out of an HTML page, offline.

trafilatura finds the main text (favouring precision, so menus and footers stay out) and the
title; htmldate finds the original publication date from the markup only. When trafilatura
finds nothing on a page that has text, the tags are stripped instead.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass
from typing import Any

from bilat.sources.dates import normalise_date

# Markup only: no extensive search through free text, and never any network.
DATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%d",
}

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}
    | {"header", "footer", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption"}
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class HtmlArticle:
    """What a page yields: its main text and, when found, title, date, address and site name."""

    text: str
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None


class _TagStripper(html.parser.HTMLParser):
    """Collect a page's visible text, one line per block element, and its <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif self._skip_depth == 0:
            self.parts.append(data)


def strip_tags(page: str) -> tuple[str, str | None]:
    """Return a page's visible text (scripts and styles dropped) and its <title>.

    Args:
        page: HTML source.

    Returns:
        The text, one line per block element, and the title or None.
    """
    stripper = _TagStripper()
    stripper.feed(page)
    stripper.close()
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(stripper.parts).split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    title = " ".join("".join(stripper.title_parts).split()) or None
    return text, title


def _as_markup(page: str) -> str:
    # htmldate fetches a string that looks like a URL; make sure it only ever sees markup.
    if page.lstrip().startswith("<"):
        return page
    return f"<html><body>{page}</body></html>"


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def extract_html(page: str) -> HtmlArticle:
    """Extract the main text, title, date, canonical URL and site name of an HTML page.

    Args:
        page: HTML source, already decoded.

    Returns:
        The article; ``text`` is empty when the page has no visible text.
    """
    markup = _as_markup(page)
    # Imported on first HTML page: trafilatura and lxml cost a tenth of a second at start-up.
    import trafilatura

    result = trafilatura.bare_extraction(
        markup,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=DATE_PARAMS,
    )
    data: dict[str, Any] = {}
    if result is not None:
        data = result if isinstance(result, dict) else result.as_dict()
    text = data.get("text") if isinstance(data.get("text"), str) else None
    title = _clean(data.get("title"))
    published = normalise_date(data.get("date")) if data else None
    if not text or not text.strip():
        text, fallback_title = strip_tags(markup)
        title = title or fallback_title
        if published is None and text:
            import htmldate

            published = normalise_date(htmldate.find_date(markup, **DATE_PARAMS))
    return HtmlArticle(
        text=text,
        title=title,
        published=published,
        url=_clean(data.get("url")),
        outlet=_clean(data.get("sitename")),
    )
