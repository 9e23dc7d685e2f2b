"""Events as PLOVER records: one JSON object a line, with the PLOVER manual's field names.

Each record has ``id``, ``date``, ``actor`` and ``recipient`` (lists of entity objects with
``code`` (country), ``sector``, ``entity_text``, ``identifier_text``, ``office``), ``event``,
``mode`` and ``context`` (lists), ``quad_code``, ``event_scale`` (the Goldstein score),
``event_loc`` (a location object), ``event_text`` (the trigger), ``text`` (the sentence) with
``text_info`` (sentence number and character offsets), ``cite_info``, ``coder`` and the CAMEO
code, factuality and verdict as extra fields. Events with no PLOVER type (CAMEO codes PLOVER
drops) keep ``event`` empty.

    >>> plover_contexts()["0312"]
    ['military']
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from bilat.knowledge import Knowledge
from bilat.records import Actor, Event, Place
from bilat.verdicts import Verdict

CODER = "bilat"
CODEBOOK = "CAMEO→PLOVER crosswalk 2021"

# PLOVER location resolution: 1 country, 2 province, 3 district, 4 city, 5 below a city.
_RESOLUTION = {"country": 1, "region": 2, "state": 2, "province": 2, "adm1": 2, "district": 3}


def plover_contexts(knowledge: Knowledge | None = None) -> dict[str, list[str]]:
    """Return each CAMEO code's PLOVER contexts, from the ``plover_contexts`` table.

    Args:
        knowledge: the knowledge (the bundled one by default).
    """
    return dict(_contexts(knowledge or Knowledge.load()))


@functools.lru_cache(maxsize=4)
def _contexts(knowledge: Knowledge) -> dict[str, list[str]]:
    rows = knowledge.rows("plover_contexts")
    return {row["code"]: row["context"].split(";") for row in rows}


def _entity(actor: Actor | None) -> list[dict[str, Any]]:
    if actor is None:
        return []
    return [
        {
            "code": actor.country or actor.code[:3],
            "sector": actor.sector,
            "actor_code": actor.code,
            "entity_text": actor.name,
            "identifier_id": actor.person_id,
            "identifier_text": actor.person or actor.organisation,
            "office": actor.office,
        }
    ]


def _location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "extracted_place": place.name,
        "resolved_place": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country,
        "resolution": _RESOLUTION.get(place.feature, 4),
    }


def plover_record(
    event: Event,
    *,
    verdict: Verdict | None = None,
    url: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """Return one event as a PLOVER record.

    Args:
        event: The event (corrections applied).
        verdict: Its verdict, if any.
        url: The reporting article's address.
        title: The reporting article's title.

    Returns:
        Plain data ready for ``json.dumps``.
    """
    return {
        "id": event.id,
        "date": event.date,
        "actor": _entity(event.source),
        "recipient": _entity(event.target),
        "event": [event.plover_type] if event.plover_type else [],
        "mode": [event.plover_mode] if event.plover_mode else [],
        "context": list(_contexts(Knowledge.load()).get(event.cameo, [])),
        "quad_code": event.quad_class,
        "event_scale": event.goldstein,
        "event_loc": _location(event.place),
        "event_text": [event.trigger],
        "text": event.sentence,
        "text_info": {
            "sequence": event.sentence_index,
            "start": event.sentence_start,
            "end": event.sentence_end,
        },
        "cite_info": {"citation": event.doc_id, "url": url, "title": title, "codebook": CODEBOOK},
        "coder": CODER,
        "cameo": event.cameo,
        "date_precision": event.date_precision.value,
        "factuality": event.factuality.value,
        "confidence": event.confidence,
        "verdict": verdict.verdict.value if verdict else None,
        "comment": verdict.note if verdict else None,
    }


def plover_bytes(
    events: Sequence[Event],
    *,
    verdicts: Mapping[str, Verdict] | None = None,
    documents: Mapping[str, tuple[str | None, str | None]] | None = None,
) -> bytes:
    """Return events as PLOVER JSONL (the manual's suggested layout), UTF-8.

    Args:
        events: The events.
        verdicts: Verdicts by event id.
        documents: ``(url, title)`` of each reporting article, by document id.

    Returns:
        One JSON record a line.
    """
    lines = []
    for event in events:
        url, title = (documents or {}).get(event.doc_id, (None, None))
        record = plover_record(event, verdict=(verdicts or {}).get(event.id), url=url, title=title)
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines).encode("utf-8")
