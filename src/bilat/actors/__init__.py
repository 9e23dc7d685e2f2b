"""Actors: find the names of countries, organisations, people and offices, resolve them at a date."""

from __future__ import annotations

import datetime as dt
from typing import Any

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
    from bilat.actors.resolve import ResolveContext, find_mentions
    from bilat.extract import Pipeline
    from bilat.nlp import parse

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


__all__ = ["resolve_text"]
