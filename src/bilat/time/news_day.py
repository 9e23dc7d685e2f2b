"""The day an article's news happened: the day its lede names, else the document's own day.

A report published on Thursday about a clash "on Monday evening" dates the rest of that news
(the casualties, the statements that followed) to Monday too, unless a sentence says otherwise.

    >>> from bilat.records import DateSource
    >>> doc = DocumentDate("2020-06-17", "2020-06-17", "2020-06-17", DatePrecision.DAY,
    ...                    DateSource.METADATA)
    >>> news_day(["Troops clashed on Monday evening in the valley."], doc).value
    '2020-06-15'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bilat.records import DatePrecision, DocumentDate
from bilat.time.event_date import resolve_event_date
from bilat.time.expressions import EventDate, find_time_expressions

LEDE_SENTENCES = 3
"""How many opening sentences may name the news day."""
NEWS_WINDOW = dt.timedelta(days=7)
"""How long before the document's day the news day may lie."""


def news_day(sentences: Sequence[str], doc_date: DocumentDate) -> EventDate | None:
    """Return the day the lede reports, when it names one in the week up to the document's day.

    Args:
        sentences: the article's sentences in order (headline lines included).
        doc_date: the document's date; only a day-precision date anchors a news day.

    Returns:
        The first day-precision date of the first :data:`LEDE_SENTENCES` sentences that falls
        in the week ending on the document's day, or None.
    """
    if doc_date.precision is not DatePrecision.DAY or not doc_date.value:
        return None
    published = dt.date.fromisoformat(doc_date.value)
    for sentence in sentences[:LEDE_SENTENCES]:
        for expression in find_time_expressions(sentence):
            when = resolve_event_date(
                sentence, doc_date=doc_date, span=(expression.start, expression.end)
            )
            if when.precision is not DatePrecision.DAY or when.value is None:
                continue
            day = dt.date.fromisoformat(when.value)
            if published - NEWS_WINDOW <= day <= published:
                return when
    return None
