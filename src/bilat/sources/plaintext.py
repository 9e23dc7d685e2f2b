"""Read the conventions of plain-text articles: a headline line, a ``date`` line, a dateline.

A plain-text article may open with a headline (short, no final period), may carry a line
``date YYYY-MM-DD`` in its first five lines (sometimes glued to the start of a caption:
``" date 2025-04-07 The minister (left) meets…"``), and its body may open with a wire-style
dateline (``"ISLAMABAD: …"``, ``"BEIJING, Dec. 3 (Xinhua) -- …"``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MAX_HEADLINE_WORDS = 25
DATE_LINE_WINDOW = 5

_DATE_TOKEN = re.compile(r"^\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)[ \t]*", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•●▪–—]|\d+[.)])\s")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# PLACE (all capitals, up to four words) [, Region] [, Month Day [, Year]] [(Agency)] then
# ":" or a dash. The region must not be a month, so "BEIJING, Dec. 3" reads as a date.
_DATELINE = re.compile(
    r"^(?P<dateline>"
    r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3})"
    rf"(?:,[ \t]*(?!{_MONTH}\b)[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+)?)?"
    rf"(?:,[ \t]*{_MONTH}\.?[ \t]+\d{{1,2}}(?:[ \t]*,[ \t]*\d{{4}})?)?"
    r"(?:[ \t]*\([A-Za-z][\w .&/'-]{0,40}\))?"
    r")"
    r"[ \t]*(?::|--|[-–—])[ \t]*(?=\S)"
)


@dataclass(frozen=True)
class PlainArticle:
    """A plain-text article: text (headline kept, date token removed) and its fields."""

    text: str
    title: str | None
    published: str | None
    dateline: str | None


def find_dateline(text: str) -> str | None:
    """Return the wire dateline that opens a text (``"BEIJING, Dec. 3 (Xinhua)"``), else None.

    Args:
        text: the body of an article, starting at its first paragraph.

    Returns:
        The dateline without its closing colon or dash, or None.
    """
    match = _DATELINE.match(text)
    if match is None:
        return None
    place = match.group("place")
    if sum(ch.isalpha() for ch in place) < 3:
        return None
    return match.group("dateline").strip()


def _take_date(lines: list[str]) -> tuple[str | None, int | None]:
    """Remove the first ``date YYYY-MM-DD`` token in the window; return the date and its line."""
    for index, line in enumerate(lines[:DATE_LINE_WINDOW]):
        match = _DATE_TOKEN.match(line)
        if match is None:
            continue
        try:
            day = dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            continue
        lines[index] = line[match.end() :]
        return day, index
    return None, None


def looks_like_headline(line: str) -> bool:
    """Tell whether a line reads as a headline: short, not a bullet, no final period."""
    stripped = line.strip()
    if not stripped or _BULLET.match(stripped):
        return False
    if len(stripped.split()) > MAX_HEADLINE_WORDS:
        return False
    return not stripped.endswith((".", ":", ";", ","))


def parse_plain(text: str) -> PlainArticle:
    """Split a normalised plain-text article into text, headline, ``date`` line and dateline.

    Args:
        text: the article, newlines already normalised to ``\\n``.

    Returns:
        The article's text (headline kept, ``date YYYY-MM-DD`` token and a line it leaves empty
        removed) with its title, published date and dateline when present.
    """
    lines = text.split("\n")
    published, date_index = _take_date(lines)
    if date_index is not None and not lines[date_index].strip():
        del lines[date_index]
        date_index = None
    body = "\n".join(lines).strip()
    content = [i for i, line in enumerate(lines) if line.strip()]
    title: str | None = None
    first_body_line = 0
    if content:
        first = content[0]
        # A line that carried the date token is a caption, not a headline.
        if first != date_index and len(content) > 1 and looks_like_headline(lines[first]):
            title = lines[first].strip()
            first_body_line = 1
    dateline: str | None = None
    if content[first_body_line:]:
        dateline = find_dateline(lines[content[first_body_line]].strip())
    if dateline is None and date_index is not None and len(content) > 1:
        dateline = find_dateline(lines[content[1]].strip())
    return PlainArticle(text=body, title=title, published=published, dateline=dateline)
