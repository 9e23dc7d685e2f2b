"""Dates: datelines, a document's date (with precision and evidence) and event dates.

Always imported as ``bilat.time``; it shadows nothing.

    >>> from bilat.time import resolve_event_date
"""

from __future__ import annotations

from bilat.time.dateline import Dateline, parse_dateline
from bilat.time.diplomatic_ties import DiplomaticRelation, RelationsTable
from bilat.time.document import TenureEvidence, resolve_document_date
from bilat.time.event_date import resolve_event_date
from bilat.time.expressions import (
    EventDate,
    TimeExpression,
    find_time_expressions,
    resolve_expression,
)
from bilat.time.news_day import news_day
from bilat.time.referred_events import ReferredEvent
from bilat.time.resolvers import Anchor, Clue
from bilat.time.tense import guess_tense

__all__ = [
    "Anchor",
    "Clue",
    "Dateline",
    "DiplomaticRelation",
    "EventDate",
    "ReferredEvent",
    "RelationsTable",
    "TenureEvidence",
    "TimeExpression",
    "find_time_expressions",
    "guess_tense",
    "news_day",
    "parse_dateline",
    "resolve_document_date",
    "resolve_event_date",
    "resolve_expression",
]
