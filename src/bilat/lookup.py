"""Resolve the actor mentions of a short text at a date, outside any document.

The library function of ``bilat actors resolve``: it parses with the pipeline's model and
resolves with the pipeline's knowledge, so it sits beside :mod:`bilat.extract`, above the
stages it runs.

    >>> [m["code"] for m in resolve_text("the US Secretary of State", date="2025-03-01")]
    ['USAGOV']
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bilat.actors.resolve import ResolveContext, find_mentions
from bilat.extract import Pipeline
from bilat.nlp import parse
from bilat.settings import Settings


def resolve_text(
    text: str, *, date: str | None = None, settings: Settings | None = None
) -> list[dict[str, Any]]:
    """Resolve every actor mention in a short text at a date.

    Args:
        text: e.g. "the US Secretary of State".
        date: ISO date to resolve titles at; None leaves holders open.
        settings: which knowledge to use.

    Returns:
        One dict per mention: text, code, country, sector, person, office, how.
    """
    pipeline = Pipeline.load(settings)
    on = dt.date.fromisoformat(date) if date else None
    doc = parse(pipeline.nlp, text)
    context = ResolveContext(pipeline.knowledge, on=on)
    results = []
    for found in find_mentions(doc, pipeline.gazetteer, context):
        actor = found.actor
        results.append(
            {
                "text": doc[found.start : found.end].text,
                "code": actor.code if actor else None,
                "country": actor.country if actor else None,
                "sector": actor.sector if actor else None,
                "person": actor.person if actor else None,
                "office": actor.office if actor else None,
                "how": found.how,
            }
        )
    return results
