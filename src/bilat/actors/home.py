"""Guess an article's home country: the country whose officials it names without a flag.

A newspaper introduces its own country's officials by title alone ("Foreign Minister Ishaq
Dar", "Prime Minister Shehbaz Sharif") and foreign ones with a country word ("US Secretary of
State Marco Rubio", "the Chinese Foreign Minister"). Counting mentions alone fails on articles
about a visit, where the visitor's country is named as often as the host's.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from bilat.actors.resolve import JOINERS, ActorSpan
from bilat.knowledge import Knowledge

COUNTRY_KINDS = {"country", "adjective", "demonym", "metonym"}


def home_country(doc: Doc, found: list[ActorSpan], knowledge: Knowledge) -> str | None:
    """Return the country an article is written from, or None when nothing points to one.

    Args:
        doc: the parsed document.
        found: its mentions, resolved without a date.
        knowledge: the people the mentions point to.

    Returns:
        The ISO3 code of the country whose known officials are introduced by title alone,
        or else the country mentioned most often.
    """
    counts = Counter(
        f.country
        for f in found
        if f.country
        and len(f.country) == 3
        and f.kind not in ("pronoun", "group")
        and not _office_default(f, knowledge)
    )
    votes: Counter[str] = Counter()
    introduced: set[str] = set()
    for mention in found:
        actor = mention.actor
        if mention.kind != "person" or actor is None or actor.person_id is None:
            continue
        if actor.person_id in introduced:
            continue
        introduced.add(actor.person_id)
        country = knowledge.people[actor.person_id].country
        pieces = {p.entries[0].kind for p in mention.pieces}
        if len(country) == 3 and not pieces & COUNTRY_KINDS and _titled(doc, mention, knowledge):
            votes[country] += 1
    if votes:
        best = max(votes.values())
        tied = [c for c, n in votes.items() if n == best]
        return max(tied, key=lambda c: counts.get(c, 0))
    return counts.most_common(1)[0][0] if counts else None


def _office_default(mention: ActorSpan, knowledge: Knowledge) -> bool:
    """Return whether a title's country comes only from its office ("Foreign Secretary" → UK)."""
    if mention.kind != "title" or mention.office is None:
        return False
    pieces = {e.kind for p in mention.pieces for e in p.entries}
    return knowledge.offices[mention.office].country is not None and not pieces & COUNTRY_KINDS


def _titled(doc: Doc, mention: ActorSpan, knowledge: Knowledge) -> bool:
    """Return whether a person's mention carries words besides the name (a title).

    The title may be one bilat does not know, written just before the name ("Foreign Affairs
    Adviser Touhid Hossain"): a run of capitalised words with no country word among them.
    """
    assert mention.actor is not None
    assert mention.actor.person_id is not None
    person = knowledge.people[mention.actor.person_id]
    own = {w.lower() for w in person.name.split()}
    rest = [
        t
        for t in doc[mention.start : mention.end]
        if t.lower_ not in own
        and t.lower_ not in JOINERS
        and t.lower_ not in knowledge.actor_rules.title_modifiers
        and not t.is_punct
        and len(t.text) > 2
    ]
    if rest:
        return all(t.text[:1].isupper() for t in rest)
    return _title_before(doc, mention.start)


def _title_before(doc: Doc, start: int) -> bool:
    """Return whether capitalised words that are not a country's stand right before a name."""
    sentence_start = doc[start].sent.start
    run = []
    i = start - 1
    while i >= sentence_start and doc[i].is_alpha and doc[i].text[:1].isupper():
        run.append(doc[i])
        i -= 1
    if not run or (i < sentence_start and len(run) == 1):
        # one capitalised word opening a sentence may be anything ("Later Dar said")
        return False
    return all(
        t.pos_ in ("PROPN", "NOUN", "ADJ")
        and t.ent_type_ not in ("NORP", "GPE", "DATE", "TIME")
        and len(t.text) > 2
        for t in run
    )
