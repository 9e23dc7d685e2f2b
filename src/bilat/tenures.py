"""Find the "Title Name" pairs of a text whose terms of office date it.

Sits above the actors and time stages: it reads the actors' undated mentions and gives the time
stage :class:`~bilat.time.TenureEvidence` for :func:`~bilat.time.resolve_document_date`.

A titled person dates a text only under a title of the office they held, in the country or
organisation the mention names: "Japan's Chief Cabinet Secretary" is no US Secretary of State,
and "President of the Netherlands, Mark Rutte" does not date a text to his NATO post. A person
the text calls former, ousted or late ("the coup against elected president Mohamed Bazoum") dates
it from after the term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from bilat.actors.resolve import ActorSpan
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import ActorRules, Person, Role
from bilat.time import TenureEvidence

__all__ = ["find_tenures"]


def find_tenures(
    doc: Doc, mentions: Iterable[ActorSpan], knowledge: Knowledge
) -> list[TenureEvidence]:
    """Return the tenures of the titled persons among a text's undated mentions.

    Args:
        doc: the parsed text.
        mentions: its actor mentions, resolved without a date.
        knowledge: the offices and people.

    Returns:
        One piece of evidence per person and title, in text order.
    """
    evidence = []
    rules = knowledge.actor_rules
    for mention in mentions:
        if mention.kind != "person" or mention.actor is None or mention.actor.person_id is None:
            continue
        person = knowledge.people[mention.actor.person_id]
        titles = [p.entries[0].key for p in mention.pieces if p.entries[0].kind == "title"]
        if not titles:
            # "US President Donald Trump" may match a person alias whole: a title of one of
            # the person's offices inside it dates the text all the same.
            titles = _titles_in(doc[mention.start : mention.end].text, person.roles, knowledge)
        if not titles:
            titles = _own_title_before(doc.text[: doc[mention.start].idx], person.roles)
        former = mention.former or _removed(doc, mention, rules)
        written = doc[mention.start : mention.end].text
        if not titles:
            # "Maia Sandu, the Moldovan president, accused …": a title in apposition
            titles, phrase = _apposition(doc, mention, person.roles, knowledge)
            former = former or bool(set(phrase.lower().split()) & (_FORMER | rules.removal_words))
            written = f"{written}, {phrase}" if titles else written
        states = {p.entries[0].key for p in mention.pieces if p.entries[0].kind == "country"}
        # an organisation's key is its code and name ("IGONATO:NATO"); its code is its sector
        # and the short code its chiefs' roles are filed under
        orgs = {
            p.entries[0].key.split(":")[0][3:] for p in mention.pieces if p.entries[0].kind == "org"
        }
        # Each title holds at the date (their spans intersect); several terms under one title
        # (a second term, a renamed post held concurrently) date the text only to the whole
        # span they cover: picking one term would be a guess.
        for title in titles:
            roles = [
                role
                for role in person.roles
                if _fits(role, title, knowledge, states=states, orgs=orgs)
            ]
            if roles:
                evidence.append(_evidence(person, roles, written, current=not former))
    # A person the text also calls former or ousted is out of office: "President X" elsewhere
    # (a photo caption, an old title kept out of habit) does not put the text inside the term.
    gone = {item.person_id for item in evidence if not item.current}
    return [item for item in evidence if not item.current or item.person_id not in gone]


# ", the Moldovan president," / ", Pakistan's foreign minister, said": a short noun phrase after a
# name, closed by punctuation or a verb.
_APPOSITION = re.compile(
    r",\s+(?P<phrase>(?:the\s+)?[\w'’ -]{2,60}?)(?=\s*[,;.)]|\s+(?:said|says|told|has|had|was|is|who)\b)"
)
_FORMER = frozenset({"former", "ex", "then", "outgoing"})


def _apposition(
    doc: Doc, mention: ActorSpan, roles: Iterable[Role], knowledge: Knowledge
) -> tuple[list[str], str]:
    """Return the offices a title in apposition after a mention names, and the phrase."""
    last = doc[mention.end - 1]
    match = _APPOSITION.match(doc.text, last.idx + len(last))
    if match is None:
        return [], ""
    phrase = match.group("phrase")
    return _title_ending(phrase, roles, knowledge), phrase


def _title_ending(phrase: str, roles: Iterable[Role], knowledge: Knowledge) -> list[str]:
    """Return the offices among ``roles`` whose title ends an apposition, in any case."""
    folded = " " + " ".join(phrase.lower().split())
    return sorted(
        {
            role.office
            for role in roles
            if role.office in knowledge.offices
            for title in knowledge.offices[role.office].titles
            if folded.endswith(" " + title.lower())
        }
    )


def _removed(doc: Doc, mention: ActorSpan, rules: ActorRules) -> bool:
    """Return whether the words before a mention say the person was removed from the post.

    "ousted president X", "the late leader X", "the coup against elected president X": a
    removal word, or a removal noun with "against"/"of", right before the mention in its
    sentence; one lower-case word may stand between ("ousted former", "against elected").
    """
    first = doc[mention.start]
    written = doc.text[first.sent.start_char : first.idx].split()[-5:]
    words = [w.lower().strip(",;:") for w in written]
    near = words[-2:] if written and written[-1].islower() else words[-1:]
    if any(w in rules.removal_words for w in near):
        return True
    for i in range(len(words) - 1, 0, -1):
        if words[i] in ("against", "of"):
            between = written[i + 1 :]
            return (
                words[i - 1] in rules.removal_nouns
                and len(between) <= 2
                and all(w.islower() for w in between)
            )
    return False


def _fits(
    role: Role, title: str, knowledge: Knowledge, *, states: set[str], orgs: set[str]
) -> bool:
    """Return whether a role is the office a title names, where the mention says it is."""
    # an organisation's chief is filed as its head of state: "the NATO Secretary General"
    chief = title == "secretary_general" and role.office == "head_of_state"
    if role.office not in knowledge.same_office(title) and not chief:
        return False
    office = knowledge.offices.get(title)
    if office is not None and office.country not in (None, role.country):
        return False  # a title only one country uses
    if role.country in knowledge.countries:
        return not chief
    # an organisation's post: the mention names that organisation, or no state instead
    return role.country in orgs if orgs else not states


def _evidence(
    person: Person, roles: list[Role], title_text: str, *, current: bool
) -> TenureEvidence:
    ends = [role.end for role in roles]
    return TenureEvidence(
        person_id=person.id,
        name=person.name,
        office=roles[0].office,
        title_text=title_text,
        start=min(role.start for role in roles),
        end=None if None in ends else max(e for e in ends if e is not None),
        current=current,
        terms=tuple(sorted((role.start, role.end) for role in roles)),
    )


def _titles_in(text: str, roles: Iterable[Role], knowledge: Knowledge) -> list[str]:
    """Return the offices among ``roles`` whose title is written in ``text``."""
    words = f" {text} "
    found = [
        (match.start(), match.end(), role.office)
        for role in roles
        if role.office in knowledge.offices
        for title in knowledge.offices[role.office].titles
        for match in re.finditer(f" {re.escape(title)} ", words)
    ]
    # "Minister" inside "Foreign Minister" is not a title of its own
    return sorted(
        {
            office
            for start, end, office in found
            if not any(s <= start and end <= e and e - s > end - start for s, e, _ in found)
        }
    )


def _own_title_before(before: str, roles: Iterable[Role]) -> list[str]:
    """Return the offices whose own title (a role's ``title``) stands right before a name.

    "Foreign Affairs Advisor Touhid Hossain": an interim government's adviser holds the
    foreign minister's office under a title of its own; "advisor" and "adviser" are one word.
    """
    tail = " " + _fold_title(before[-80:].rstrip())
    return sorted(
        {
            role.office
            for role in roles
            if role.title and tail.endswith(" " + _fold_title(role.title))
        }
    )


def _fold_title(text: str) -> str:
    return " ".join(text.lower().replace("advisor", "adviser").split())
