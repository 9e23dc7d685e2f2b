"""Human verdicts on coded events: confirm, reject or correct, and how they change an event.

A verdict is keyed by the event's stable id and by an *anchor* that survives re-coding: the
document's content hash, the sentence span and the trigger's position. Event ids hash the code
and actors, so a re-coded event gets a new id; its anchor stays, and the store re-attaches the
verdict to it. A confirmed or corrected event shows the *judged* coding: the corrected fields,
and for the rest what the machine said when the analyst judged it.

    >>> VerdictKind("correct").needs_correction
    True
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bilat.errors import InputError
from bilat.records import Actor, Event, Record

if TYPE_CHECKING:
    from bilat.knowledge import Knowledge


class VerdictKind(str, enum.Enum):
    """What an analyst said of an event."""

    CONFIRM = "confirm"
    REJECT = "reject"
    CORRECT = "correct"

    @property
    def needs_correction(self) -> bool:
        """Return whether this verdict must carry at least one corrected field."""
        return self is VerdictKind.CORRECT

    @property
    def verifies(self) -> bool:
        """Return whether the event counts as verified (confirmed or corrected)."""
        return self is not VerdictKind.REJECT


VERIFYING = (VerdictKind.CONFIRM.value, VerdictKind.CORRECT.value)
"""Verdict values that make an event verified."""


@dataclass(frozen=True)
class Verdict(Record):
    """An analyst's verdict on one event, with the machine's coding at the time it was given.

    ``cameo``, ``source_code`` and ``target_code`` are the corrections (None where the machine
    was right); ``machine_*`` keep what the machine said when the verdict was given; ``anchor``
    is the re-attachment key (see :func:`anchor_of`). Times are ISO (UTC).

        Verdict(event_id="9f…", verdict=VerdictKind.CORRECT, cameo="043")
    """

    event_id: str
    verdict: VerdictKind
    note: str | None = None
    cameo: str | None = None
    source_code: str | None = None
    target_code: str | None = None
    anchor: str | None = None
    machine_cameo: str | None = None
    machine_source: str | None = None
    machine_target: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


def anchor_of(event: Event, content_hash: str) -> str:
    """Return the key that finds an event again after re-coding: text, sentence and trigger.

    Args:
        event: The event.
        content_hash: Its document's content hash (``Document.content_hash``).

    Returns:
        ``"<hash>:<sentence start>-<sentence end>:<trigger start>"``.
    """
    return f"{content_hash}:{event.sentence_start}-{event.sentence_end}:{event.trigger_start}"


def parse_verdict(value: str | VerdictKind) -> VerdictKind:
    """Return the verdict kind a string names.

    Raises:
        InputError: The value is not confirm, reject or correct.
    """
    try:
        return VerdictKind(value)
    except ValueError:
        raise InputError(
            f"unknown verdict {value!r}; use confirm, reject or correct",
            origin="verdict",
        ) from None


def actor_for_code(code: str, knowledge: Knowledge) -> Actor:
    """Return the actor an analyst's code stands for, with its country and sector.

    A code is a country (``PAK``), a country with sectors (``PAKGOV``, ``PAKMILGOV``), an
    organisation's code (``IGOUNO``), or an organisation's code with sectors.

    Args:
        code: The actor code, any case.
        knowledge: Where countries, sectors and organisations are known.

    Returns:
        The actor, its ``name`` unset.

    Raises:
        InputError: The code names no known country or organisation, or has an unknown sector.
    """
    upper = code.strip().upper()
    organisations = {o.code: o for o in knowledge.organisations.values()}
    country: str | None
    for length in sorted({len(c) for c in organisations}, reverse=True):
        org = organisations.get(upper[:length])
        if org is not None:
            country, base_sector, rest = org.country, org.sector, upper[length:]
            break
    else:
        country, base_sector, rest = upper[:3], None, upper[3:]
        if country not in knowledge.countries:
            raise InputError(
                f"unknown actor code {code!r}: {country!r} is no known country or organisation;"
                " use a country code with optional sectors (PAK, PAKGOV, USAMIL) or an "
                "organisation's code from organisations.yaml",
                origin="verdict",
            )
    sectors = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    unknown = [s for s in sectors if s not in knowledge.sectors or len(s) != 3]
    if unknown:
        raise InputError(
            f"unknown actor code {code!r}: sector {unknown[0]!r} is not in sectors.yaml; "
            f"use one of {', '.join(sorted(knowledge.sectors)[:12])}, …",
            origin="verdict",
        )
    return Actor(code=upper, country=country, sector=sectors[0] if sectors else base_sector)


def check_cameo(code: str, knowledge: Knowledge) -> str:
    """Return a CAMEO code after checking it is in the CAMEO table.

    Raises:
        InputError: The code is not in cameo.tsv.
    """
    if code not in knowledge.cameo:
        raise InputError(
            f"unknown CAMEO code {code!r}; use a code from cameo.tsv, e.g. 042 or 1121",
            origin="verdict",
        )
    return code


def judge(
    event: Event,
    verdict: VerdictKind,
    *,
    knowledge: Knowledge,
    cameo: str | None = None,
    source_code: str | None = None,
    target_code: str | None = None,
) -> dict[str, Any]:
    """Return the judged coding of an event: the machine's, with the corrections applied.

    Args:
        event: The event as the machine coded it.
        verdict: The verdict given.
        knowledge: The CAMEO table, countries, sectors and organisations.
        cameo: A corrected CAMEO code.
        source_code: A corrected source actor code.
        target_code: A corrected target actor code.

    Returns:
        Plain data: ``cameo``, ``cameo_name``, ``goldstein``, ``quad_class``, ``plover_type``,
        ``plover_mode``, ``source`` and ``target`` (actor dicts, target may be None).

    Raises:
        InputError: A correct verdict has no correction, a rejected or confirmed one has
            corrections, or a code is unknown.
    """
    corrections = [v for v in (cameo, source_code, target_code) if v]
    if verdict.needs_correction and not corrections:
        raise InputError(
            "a correct verdict needs at least one corrected field; pass cameo, source_code or "
            "target_code (--cameo, --source, --target)",
            origin="verdict",
        )
    if not verdict.needs_correction and corrections:
        raise InputError(
            f"a {verdict.value} verdict takes no corrections; use correct to change fields",
            origin="verdict",
        )
    judged = dataclasses.replace(
        event,
        source=_corrected_actor(event.source, source_code, knowledge) or event.source,
        target=_corrected_actor(event.target, target_code, knowledge),
    )
    if cameo:
        row = knowledge.cameo[check_cameo(cameo, knowledge)]
        judged = dataclasses.replace(
            judged,
            cameo=row.code,
            cameo_name=row.name,
            goldstein=row.goldstein,
            quad_class=row.quad_class,
            plover_type=row.plover_type,
            plover_mode=row.plover_mode,
        )
    return judged_data(judged)


def judged_data(event: Event) -> dict[str, Any]:
    """Return the coding fields of an event that a verdict fixes, as plain data."""
    return {
        "cameo": event.cameo,
        "cameo_name": event.cameo_name,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "source": event.source.as_dict(),
        "target": event.target.as_dict() if event.target else None,
    }


def _corrected_actor(actor: Actor | None, code: str | None, knowledge: Knowledge) -> Actor | None:
    if not code:
        return actor
    fresh = actor_for_code(code, knowledge)
    if actor is None:
        return fresh
    # The mention's text still names who acted; the person is kept only if the country holds.
    same_country = actor.country == fresh.country
    return dataclasses.replace(
        actor,
        code=fresh.code,
        country=fresh.country,
        sector=fresh.sector,
        person=actor.person if same_country else None,
        person_id=actor.person_id if same_country else None,
        office=actor.office if same_country else None,
        organisation=actor.organisation if same_country else None,
    )


def apply_judgement(event: Event, verdict: VerdictKind, judged: dict[str, Any] | None) -> Event:
    """Return an event as read: with the judged coding of a confirm or correct verdict.

    A rejected event, or one without judged data, comes back unchanged.

    Args:
        event: The event as the machine coded it (its stored data).
        verdict: The verdict on it.
        judged: What :func:`judge` returned when the verdict was given.

    Returns:
        The event showing the judged code, Goldstein, quad class, PLOVER type and actors.
    """
    if not verdict.verifies or not judged:
        return event
    source = _with_code(event.source, judged["source"])
    target = event.target
    if judged.get("target") is not None:
        target = _with_code(event.target, judged["target"])
    result = dataclasses.replace(event, source=source or event.source, target=target)
    if judged["cameo"] != event.cameo:
        result = dataclasses.replace(
            result,
            cameo=judged["cameo"],
            cameo_name=judged["cameo_name"],
            goldstein=float(judged["goldstein"]),
            quad_class=int(judged["quad_class"]),
            plover_type=judged["plover_type"],
            plover_mode=judged["plover_mode"],
        )
    return result


def _with_code(actor: Actor | None, judged: dict[str, Any]) -> Actor | None:
    if actor is not None and actor.code == judged["code"]:
        return actor
    if actor is None:
        return Actor(code=judged["code"], country=judged["country"], sector=judged["sector"])
    same_country = actor.country == judged["country"]
    return dataclasses.replace(
        actor,
        code=judged["code"],
        country=judged["country"],
        sector=judged["sector"],
        person=actor.person if same_country else judged.get("person"),
        person_id=actor.person_id if same_country else judged.get("person_id"),
        office=actor.office if same_country else judged.get("office"),
        organisation=actor.organisation if same_country else judged.get("organisation"),
    )


def best_match(candidates: list[Event], verdict: Verdict) -> Event | None:
    """Return the re-coded event a verdict should follow, among events sharing its anchor.

    The one with the same actors as the machine had when the verdict was given wins, then the
    one with the same code, then the first.

    Args:
        candidates: Events with the verdict's anchor and no verdict of their own.
        verdict: The orphaned verdict.

    Returns:
        The event, or None when there is no candidate.
    """
    if not candidates:
        return None

    def score(event: Event) -> tuple[int, int]:
        target = event.target.code if event.target else None
        actors = event.source.code == verdict.machine_source and target == verdict.machine_target
        return (0 if actors else 1, 0 if event.cameo == verdict.machine_cameo else 1)

    return min(candidates, key=score)
