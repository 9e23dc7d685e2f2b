"""Verdicts that pay back: confidence re-calibrated from them, corrections turned into knowledge.

- :func:`calibrate` adds the store's verdicts to the bundled prior counts and returns the
  ``calibration`` section to write into the user's ``knowledge_dirs``.
- :func:`proposals` reads every correction of an actor and proposes the user-knowledge entry
  that would have coded it right: a person with a dated role (an unknown official, or a known
  person given the wrong country) or an organisation (an armed group, an agency).
  :func:`write_proposals` adds them to ``learned.yaml`` in a knowledge directory; ``bilat
  recode`` then applies them to the stored articles.

    with open_store("bilat.duckdb") as store:
        found = proposals(store, Knowledge.load())
    write_proposals(found, Path("my-knowledge"))
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bilat.calibration import combine, observations, tally
from bilat.errors import InputError
from bilat.knowledge import Knowledge
from bilat.knowledge.loader import load_yaml, load_yaml_file
from bilat.knowledge.schema import CalibrationData, Organisation, Person
from bilat.records import Actor, Event, Extraction, Record
from bilat.store import Store
from bilat.verdicts import Verdict, VerdictKind, actor_for_code

LEARNED_FILE = "learned.yaml"
"""The file :func:`write_proposals` writes in a knowledge directory."""

_ARMED = frozenset({"REB", "INS", "SEP", "UAF"})
# The office an unknown person of a sector is given when the machine found none.
_GENERIC_OFFICE = {"GOV": "official", "MIL": "military_officer"}


def judged_events(store: Store) -> list[tuple[Event, Verdict]]:
    """Return every verdict with its event (verdicts whose event is gone are left out)."""
    pairs = []
    for verdict in store.verdicts():
        event = store.event(verdict.event_id)
        if event is not None:
            pairs.append((event, verdict))
    return pairs


def calibrate(store: Store, prior: CalibrationData) -> tuple[CalibrationData, int]:
    """Return the calibration section fitted from a prior plus the store's verdicts.

    Args:
        store: Where the verdicts are.
        prior: The counts to start from: the bundled section (the dev gold), never a file
            this function wrote, so verdicts are not counted twice.

    Returns:
        The section (the prior's pooling) and how many verdicts it added.
    """
    seen = observations(judged_events(store))
    data = CalibrationData(
        source=f"{prior.source} + {len(seen)} verdicts",
        pooling=prior.pooling,
        counts=combine(prior.counts, tally(seen)),
    )
    return data, len(seen)


@dataclass(frozen=True)
class Proposal(Record):
    """A knowledge entry a correction asks for, and why.

    Proposal(event_id="9f…", side="source", name="Amos Wako", section="people",
             entry={"id": "amos-wako", …}, why="corrected KENGOV → UGAGOV")
    """

    event_id: str
    side: str
    name: str
    section: str
    entry: dict[str, Any]
    why: str


def proposals(store: Store, knowledge: Knowledge) -> list[Proposal]:
    """Return the knowledge entries the store's actor corrections propose, one per name.

    A corrected actor with a proper name (not a bare sector word such as "militants") proposes
    an organisation when the corrected sector is an armed one or the machine had found an
    organisation, otherwise a new person (a full name the knowledge does not hold) holding an
    office of the corrected sector from the document's date. A known organisation is re-coded
    under its own name and aliases up to the day of the latest article judged (``end``). A
    known person coded to the wrong country proposes nothing: the sentence's roles were mixed
    up, which no entry fixes.

    Args:
        store: Where the correction verdicts are.
        knowledge: The knowledge the entries must fit (countries, sectors, offices, people).

    Returns:
        The proposals, in verdict order; a later correction of the same name wins.
    """
    found: dict[tuple[str, str], Proposal] = {}
    for verdict in store.verdicts():
        if verdict.verdict is not VerdictKind.CORRECT:
            continue
        machine = _machine_event(store, verdict.event_id)
        if machine is None:
            continue
        event, extraction = machine
        for side, code, actor in (
            ("source", verdict.source_code, event.source),
            ("target", verdict.target_code, event.target),
        ):
            if not code or actor is None or code.upper() == actor.code:
                continue
            proposal = _propose(verdict, side, code, actor, extraction, knowledge)
            if proposal is None:
                continue
            key = (proposal.section, proposal.name)
            if key in found and _later_end(found[key], proposal):
                continue  # a dated re-coding runs to the latest article judged
            found[key] = proposal
    return list(found.values())


def _later_end(kept: Proposal, new: Proposal) -> bool:
    """Return whether a kept dated proposal ends after a new one of the same entry."""
    kept_end, new_end = kept.entry.get("end"), new.entry.get("end")
    if kept_end is None or new_end is None or kept.entry.get("code") != new.entry.get("code"):
        return False
    return str(kept_end) > str(new_end)


def _machine_event(store: Store, event_id: str) -> tuple[Event, Extraction] | None:
    judged = store.event(event_id)
    if judged is None:
        return None
    extraction = store.extraction(judged.doc_id)
    if extraction is None:
        return None
    machine = next((e for e in extraction.events if e.id == event_id), judged)
    return machine, extraction


def _propose(
    verdict: Verdict,
    side: str,
    code: str,
    actor: Actor,
    extraction: Extraction,
    knowledge: Knowledge,
) -> Proposal | None:
    right = actor_for_code(code, knowledge)
    why = f"corrected {actor.code} → {right.code}"
    sector = right.sector or "GOV"
    name = (actor.person or actor.organisation or actor.name or "").strip()
    if sector in _ARMED and not actor.organisation and not _full_name(name):
        # "Militants of the X Front": the group's name is in the sentence, not on the actor.
        name = _unknown_name(verdict.event_id, extraction, knowledge) or ""
    if not name or not re.search(r"[A-Z]", name) or _names_a_country(name, knowledge):
        return None
    if sector in _ARMED or actor.organisation:
        known = next((o for o in knowledge.organisations.values() if o.name == name), None)
        # A known organisation is re-coded under its own name and other names, up to the day
        # of the article judged: its bundled coding may be right later (an armed group that
        # came to govern), and the analyst can move the end.
        day = extraction.date.value
        entry = Organisation(
            code=right.code,
            name=name,
            aliases=list(known.aliases) if known else [],
            country=right.country,
            sector=sector,
            kind="armed" if sector in _ARMED else (known.kind if known else "agency"),
            end=dt.date.fromisoformat(day[:10]) if known and day and len(day) >= 10 else None,
        )
        return Proposal(verdict.event_id, side, name, "organisations", _plain(entry), why)
    # A known person coded to another country was put in the wrong role of the sentence (or
    # is a different person with the same name): no knowledge entry fixes either.
    if right.country is None or actor.person_id or not _full_name(name):
        return None
    office = _office(actor, sector, knowledge)
    day = extraction.date.value
    if office is None or day is None:
        return None
    start = day[:10] if len(day) >= 10 else f"{day[:4]}-01-01"
    person = Person.model_validate(
        {
            "id": _slug(name),
            "name": name,
            "country": right.country,
            "roles": [{"office": office, "country": right.country, "start": start}],
        }
    )
    return Proposal(verdict.event_id, side, name, "people", _plain(person), why)


_PROPER = re.compile(r"[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*)+")


def _unknown_name(event_id: str, extraction: Extraction, knowledge: Knowledge) -> str | None:
    """Return the first name of two or more capitalised words in an event's sentence that no
    mention covers and that is not a country's (the group nobody knows), or None."""
    event = next((e for e in extraction.events if e.id == event_id), None)
    if event is None:
        return None
    text = extraction.document.text
    covered = [(m.start, m.end) for m in extraction.mentions]
    for match in _PROPER.finditer(text, event.sentence_start, event.sentence_end):
        start, end = match.span()
        if any(s < end and start < e for s, e in covered):
            continue
        name = match.group().removeprefix("The ").strip()
        if _full_name(name) and not _names_a_country(name, knowledge):
            return name
    return None


def _full_name(name: str) -> bool:
    """Return whether a name looks like a person's: two or more capitalised words."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _names_a_country(name: str, knowledge: Knowledge) -> bool:
    """Return whether a name is a country's (or its capital's): a metonym, not a person."""
    folded = name.casefold().removeprefix("the ")
    for country in knowledge.countries.values():
        words = [country.name, *country.names, *country.adjectives, *country.demonyms]
        words += [country.capital or "", *(m.text for m in country.metonyms)]
        if folded in {w.casefold().removeprefix("the ") for w in words if w}:
            return True
    return False


def _office(actor: Actor, sector: str, knowledge: Knowledge) -> str | None:
    offices = knowledge.offices
    if actor.office in offices and offices[actor.office].sector == sector:
        return actor.office
    generic = _GENERIC_OFFICE.get(sector)
    if generic in offices:
        return generic
    same = sorted((o for o in offices.values() if o.sector == sector), key=lambda o: -o.rank)
    return same[0].id if same else None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "person"


def _plain(model: Organisation | Person) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_defaults=True)


def write_proposals(found: Sequence[Proposal], folder: Path) -> Path:
    """Add proposals to ``learned.yaml`` in a knowledge directory (same keys are replaced).

    Args:
        found: The proposals to write.
        folder: One of the user's ``knowledge_dirs``.

    Returns:
        The file written.

    Raises:
        InputError: The folder does not exist.
        KnowledgeError: The existing ``learned.yaml`` is not valid knowledge.
    """
    if not folder.is_dir():
        raise InputError(
            f"knowledge directory {folder} does not exist; create it or pass another with --to",
            origin="learn",
        )
    path = folder / LEARNED_FILE
    sections: dict[str, list[dict[str, Any]]] = {"people": [], "organisations": []}
    if path.exists():
        load_yaml_file(path)  # a broken file is reported, not overwritten
        for name, entries in (load_yaml(path.read_text("utf-8"), str(path)) or {}).items():
            sections.setdefault(name, []).extend(entries)
    for proposal in found:
        entries = sections.setdefault(proposal.section, [])
        key = _key(proposal.section, proposal.entry)
        entries[:] = [e for e in entries if _key(proposal.section, e) != key]
        entries.append(proposal.entry)
    kept = {name: entries for name, entries in sections.items() if entries}
    header = "# Entries proposed from analysts' corrections (bilat learn).\n"
    path.write_text(header + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def _key(section: str, entry: dict[str, Any]) -> tuple[Any, ...]:
    if section == "organisations":
        return (entry.get("code"), entry.get("name"))
    return (entry.get("id"),)
