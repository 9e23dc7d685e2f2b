"""Read the dateline that opens a news report: the city, and the date when it gives one.

>>> line = parse_dateline("BEIJING, Dec. 3 (Xinhua) -- China said ...", published="2024-12-03")
>>> line.city, line.date
('BEIJING', '2024-12-03')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bilat.records import DatePrecision, Record
from bilat.time.calendar_words import MONTH, WEEKDAY, month_number, safe_date

# A city in capitals ("KUALA LUMPUR", "ST. PETERSBURG"), optionally followed by a region
# starting with a capital ("LOS ANGELES, California", "KIPUSHI, Zaire-Zambia border").
_CITY = (
    r"(?P<city>[A-Z][A-Z.'/\-]+(?:[ ]+[A-Z][A-Z.'/\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z'’\-]*(?:[ ][A-Za-z'’\-]+){0,3}))?"
)
# Wire datelines vary: "April 1 , 1997 (AFP)", "Dec 12 , 2005, 2005", "April 4 , 1997, (AFP)".
_DATE = (
    rf"(?P<month>{MONTH})\s*(?P<day>\d{{1,2}})\s*(?:,\s*(?P<year>(?:19|20)\d\d))?"
    r"(?:\s*,\s*(?:19|20)\d\d)*(?:\s*,?\s*\((?P<agency>[A-Za-z][\w .&-]{0,20})\))?"
)
_DASH = r"(?:\s*(?:--|[-–—:_])|[ \t]*$)"
_AGENCY = r"\((?P<agency2>[A-Za-z][\w .&-]{0,20})\)"
_DATELINE = re.compile(
    rf"^[ \t]*(?P<raw>{_CITY}(?:(?:[ ]*[,.]\s*|[ ]+){_DATE}{_DASH}|\s*{_AGENCY}{_DASH}|\s*:|\s+(?:--|[–—-])))"
    r"[ \t]*",
    re.MULTILINE,
)
# Some outlets write the city in title case ("Doha, Feb 29:", "New Delhi, March 3 --"); only
# with a date and an explicit separator, so that a sentence's opening words are not taken.
_TITLED_DATELINE = re.compile(
    rf"^[ \t]*(?P<raw>(?!{WEEKDAY}|{MONTH})(?P<city>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){{0,2}}),"
    rf"[ ]*{_DATE}\s*(?:--|[–—:]))[ \t]*",
    re.MULTILINE,
)
# A dateline field may hold the date alone ("Dec 13 , 2005").
_DATE_ONLY = re.compile(rf"^\s*(?P<raw>{_DATE}){_DASH}", re.MULTILINE)
_LINES = 4
"""How many non-blank lines may come before the dateline (headline, standfirst)."""


@dataclass(frozen=True)
class Dateline(Record):
    """A dateline: its city, its date when it gives one, and where the body starts.

    ``date`` is a full ISO day only when the year is known (from the dateline or the published
    date); a dateline with a month and day only keeps them in ``partial`` as ``--MM-DD``.
    ``end`` is the offset in the text just after the dateline.
    """

    city: str
    date: str | None
    precision: DatePrecision
    raw: str
    end: int
    partial: str | None = None
    start: int = 0
    agency: str | None = None


def parse_dateline(text: str, *, published: str | None = None) -> Dateline | None:
    """Return the dateline at the start of a report's body, or None when it has none.

    Args:
        text: the body (or a dateline string on its own); the first few lines are searched.
        published: the document's ISO publication date, which gives the year to a dateline
            that names only a month and day.

    Returns:
        The dateline, with a full date when the year is known, or only the month-day (in
        ``partial``) when it is not; never an invented year.
    """
    limit = _head_end(text)
    match = _DATELINE.search(text, 0, limit) or _TITLED_DATELINE.search(text, 0, limit)
    if match is None:
        # Only a dateline string on its own may lack the city ("Dec 13 , 2005").
        match = _DATE_ONLY.match(text)
        match = match if match and match.end() >= len(text.rstrip()) else None
    city = " ".join((match.groupdict().get("city") or "").split()) if match else ""
    # "SEOUL. April 11": the full stop separates; "D.C." keeps its own.
    city = re.sub(r"(?<=[A-Z]{2})\.$", "", city)
    if match is None or not _is_city(city, dated=match.group("month") is not None):
        return None
    raw = match.group("raw").strip()
    agency = match.group("agency") or match.groupdict().get("agency2")
    if not match.group("month"):
        return Dateline(
            city, None, DatePrecision.UNKNOWN, raw, match.end(), None, match.start(), agency
        )
    month, day = month_number(match.group("month")), int(match.group("day"))
    partial = f"--{month:02d}-{day:02d}"
    year = int(match.group("year")) if match.group("year") else _year_near(published, month)
    full = safe_date(year, month, day) if year is not None else None
    if full is None:
        return Dateline(
            city, None, DatePrecision.UNKNOWN, raw, match.end(), partial, match.start(), agency
        )
    return Dateline(
        city, full.isoformat(), DatePrecision.DAY, raw, match.end(), partial, match.start(), agency
    )


def _head_end(text: str) -> int:
    """Return the offset where the first few non-blank lines end."""
    seen = 0
    for line in re.finditer(r"[^\n]*\n?", text):
        if line.group(0).strip():
            seen += 1
        if seen >= _LINES or not line.group(0):
            return line.end()
    return len(text)


def _is_city(city: str, *, dated: bool) -> bool:
    # Acronyms at a line start ("US:", "FO -") are not datelines: an undated city needs 4+
    # letters; a dated line may have a short city ("GAO, Mali, April 7") or none at all.
    letters = sum(ch.isalpha() for ch in city)
    return letters >= 3 or (dated and letters == 0) if dated else letters >= 4


def _year_near(published: str | None, month: int) -> int | None:
    """Return the year of the published date, the previous one when the dateline's month is
    later in the year than the publication (a 3 January story datelined 31 December)."""
    if not published:
        return None
    day = dt.date.fromisoformat(published[:10])
    return day.year - 1 if month - day.month > 6 else day.year
