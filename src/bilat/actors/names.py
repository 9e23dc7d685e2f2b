"""Tell actors from names that only look like them: bare surnames and organisation names.

Two rules keep a name from resolving to the wrong actor:

- a bare surname ("Dutton", with no first name and no title) names a known person only if that
  person held a role at the document's date; a different first name before it ("Bryan Dutton")
  or a different surname after it ("Gibran Tueni") names someone else;
- a capitalised name that contains a country word and ends in an organisation head noun ("Iraq
  Study Group", "Korea Electric Power Company"), or opens with a club prefix ("Real Madrid"), is
  an organisation, not the country's government.

The head nouns and prefixes are data, in ``knowledge/actor_rules.yaml``.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from bilat.actors.gazetteer import Entry, Piece
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import ActorRules, Organisation, Person
from bilat.records import Actor

COUNTRYISH = ("country", "adjective", "demonym", "metonym")
# how many capitalised words may follow a country word before the head noun
MAX_NAME_WORDS = 4
# how far before and after a country word a region name holding it may reach, in characters
_REGION_REACH = 40


def actor_rules(knowledge: Knowledge | None = None) -> ActorRules:
    """Return the actor rules of a knowledge base (the bundled one by default).

    Args:
        knowledge: the knowledge, e.g. with the user's ``knowledge_dirs``.

    Returns:
        The head nouns, club prefixes and domestic challenger sectors.
    """
    return (knowledge or Knowledge.load()).actor_rules


def inside_organisation_name(
    doc: Doc, start: int, end: int, *, knowledge: Knowledge | None = None
) -> bool:
    """Return whether the country word at ``doc[start:end]`` is part of an organisation's name.

    Args:
        doc: the parsed document.
        start: first token of the country, capital or demonym.
        end: token after it.
        knowledge: whose organisation head nouns and prefixes to use (bundled by default).

    Returns:
        True for "Iraq Study Group" and "Real Madrid", False for "the Iraq government".
    """
    rules = actor_rules(knowledge)
    if start > 0 and doc[start - 1].text in rules.organisation_prefixes:
        return True
    last_head = False
    for token in doc[end : end + MAX_NAME_WORDS]:
        if not (token.is_title or token.is_upper) or not token.is_alpha:
            break
        last_head = token.text in rules.organisation_heads
        if last_head and not _continues(doc, token.i + 1):
            return True
    return last_head


def inside_region_name(
    doc: Doc, start: int, end: int, *, knowledge: Knowledge | None = None
) -> bool:
    """Return whether the country word at ``doc[start:end]`` is part of a region's name.

    Args:
        doc: the parsed document.
        start: first token of the country word.
        end: token after it.
        knowledge: whose region names to use (bundled by default).

    Returns:
        True for "American" in "the South American country" and "Indian" in "the Indian
        Ocean", False for "the American envoy".
    """
    names = actor_rules(knowledge).region_names
    word = doc[start:end].text
    if not any(word in name for name in names):
        return False
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    # Doc.text joins every token of the document on each access: read only the tokens around
    # the word, one beyond each end of the window, whose first and last characters are tested
    lo, hi = start, end
    while lo > 0 and doc[lo - 1].idx >= first - _REGION_REACH - 1:
        lo -= 1
    while hi < len(doc) and doc[hi].idx <= last + _REGION_REACH:
        hi += 1
    span = doc[max(0, lo - 1) : min(len(doc), hi + 1)]
    text, offset = span.text, span.start_char
    low = max(0, first - offset - _REGION_REACH)
    window = text[low : last - offset + _REGION_REACH]
    first, last = first - offset, last - offset
    for name in names:
        at = window.find(name)
        while at >= 0:
            begin, finish = low + at, low + at + len(name)
            # the span's text lacks the last token's trailing space: its end is a boundary
            bounded = (begin == 0 or not text[begin - 1].isalnum()) and (
                finish == len(text) or not text[finish].isalnum()
            )
            if bounded and begin <= first and last <= finish:
                return True
            at = window.find(name, at + 1)
    return False


def stance_or_currency(
    doc: Doc, start: int, end: int, *, knowledge: Knowledge | None = None
) -> bool:
    """Return whether the country word at ``doc[start:end]`` is a stance or a currency.

    Args:
        doc: the parsed document.
        start: first token of the country word.
        end: token after it.
        knowledge: whose stance prefixes and currency words to use (bundled by default).

    Returns:
        True for "anti-Syrian", "US dollar" and "Chinese football team", False for "Syrian"
        and "the US".
    """
    rules = actor_rules(knowledge)
    if start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ in rules.stance_prefixes:
        return True
    if start > 0 and doc[start - 1].lower_.rstrip("-") in rules.stance_prefixes:
        return True  # "anti- Syrian" (a wire line break) and "anti-" split off as one token
    if end < len(doc) and doc[end].lower_ in rules.currency_words:
        return True
    return _sports_team(doc[end - 1].head, rules)


def _sports_team(noun: Token, rules: ActorRules) -> bool:
    """Return whether a noun a country word modifies is a sports team ("Chinese football team")."""
    if noun.lower_ not in rules.team_nouns:
        return False
    if noun.lower_ not in ("team", "teams", "side", "eleven"):
        return True  # "Japan's squad", "Kenyan athletes"
    return any(
        c.lower_ in rules.sport_words for c in noun.children if c.dep_ in ("amod", "compound")
    )


def _continues(doc: Doc, i: int) -> bool:
    """Return whether a capitalised name goes on after token ``i - 1``."""
    return i < len(doc) and (doc[i].is_title or doc[i].is_upper) and doc[i].is_alpha


def surname_not_in_office(
    doc: Doc,
    piece: Piece,
    person: Person,
    knowledge: Knowledge,
    dates: tuple[dt.date | None, dt.date | None, dt.date | None],
    *,
    titled: bool,
) -> str | None:
    """Return why a one-word match of a known person's name does not name them, or None.

    Args:
        doc: the parsed document.
        piece: the matched name.
        person: the known person the name matched.
        knowledge: the knowledge the person comes from.
        dates: the document's date, and the earliest and latest of an undated one's range.
        titled: whether a title stands beside the name ("Foreign Minister Dar"), which names
            the person whatever the date.

    Returns:
        A reason for ``explain`` when the name must stay unresolved, else None.
    """
    span = doc[piece.start : piece.end]
    if len(span) != 1 or span.text.lower() == person.name.lower():
        return None
    before = doc[piece.start - 1] if piece.start > 0 else None
    if before is not None and _other_name(before, person.name):
        return f"'{before.text} {span.text}' is not {person.name}"
    after = doc[piece.end] if piece.end < len(doc) else None
    if after is not None and _other_name(after, person.name):
        # "MP Gibran Tueni": a known first name with another surname is someone else
        return f"'{span.text} {after.text}' is not {person.name}"
    on, earliest, latest = dates
    known = [on] if on is not None else [d for d in (earliest, latest) if d is not None]
    if titled or not known or not person.roles:
        return None
    if any(knowledge.role_on(person, d) is not None for d in known):
        return None
    return f"bare surname '{span.text}': {person.name} held no role on {known[0]}"


def organisation_of(kb: Knowledge, country: str) -> Organisation | None:
    """Return the organisation whose own short code a role names ("UNO", "NATO"), if any.

    Args:
        kb: the knowledge.
        country: the country code of a role.

    Returns:
        The organisation, or None for a real country.
    """
    if country in kb.countries:
        return None
    return next((o for o in kb.organisations.values() if o.country == country), None)


def person_actor(
    person: Person, office: str | None, knowledge: Knowledge, *, on: dt.date | None, former: bool
) -> Actor:
    """Return the actor a known person is acting as at a date.

    Args:
        person: the known person.
        office: the office a title beside the name gives ("Foreign Minister Dar"), if any.
        knowledge: the knowledge the person comes from.
        on: the document's date, if known.
        former: whether the text calls the person former.

    Returns:
        The person's actor: their country and sector in the role held at the date.
    """
    kb = knowledge
    role = None
    if office and on:
        # "Foreign Minister Ishaq Dar" acts as foreign minister even when he is also deputy PM
        titled = kb.same_office(office)
        role = next(
            (
                r
                for r in person.roles
                if r.office in titled and r.start <= on and (r.end is None or on <= r.end)
            ),
            None,
        )
    if role is None and on:
        role = kb.role_on(person, on)
    if role is None and office:
        names = kb.same_office(office)
        role = next((r for r in reversed(person.roles) if r.office in names), None)
    if role is None and person.roles and on is None:
        role = kb.role_on(person, None)
    sector = kb.offices[role.office].sector if role else "GOV"
    country = role.country if role else person.country
    igo = organisation_of(kb, country)
    if igo is not None:
        # the UN Secretary-General acts for the UN, not for a country called "UNO"
        return Actor(
            igo.code,
            igo.country,
            igo.sector,
            name=person.name,
            person=person.name,
            person_id=person.id,
            office=role.office if role else None,
        )
    if len(country) != 3:
        return Actor(
            country,
            country,
            None,
            name=person.name,
            person=person.name,
            person_id=person.id,
            office=role.office if role else None,
        )
    if former and role is None:
        sector = "ELI"
    return Actor(
        country + sector,
        country,
        sector,
        name=person.name,
        person=person.name,
        person_id=person.id,
        office=role.office if role else None,
    )


def _other_name(token: Token, name: str) -> bool:
    """Return whether a word beside a known name is a person's name that is not part of it."""
    return (
        token.is_title
        and token.is_alpha
        and token.pos_ == "PROPN"
        and token.text not in name.split()
        and token.ent_type_ == "PERSON"
    )


def short_names(person: Person, rules: ActorRules) -> list[str]:
    """Return the lower-case words a person is named by alone once named in full.

    The last word ("Dar" for "Ishaq Dar"); the first too for a name of three words or more, or
    of a person whose country writes the family name first (``family_name_first``): "Kim" for
    "Kim Jong Un", "Hu" for "Hu Jintao".

    Args:
        person: a known person.
        rules: the actor rules (the family-name-first countries).

    Returns:
        The short forms, none for a one-word name.
    """
    words = person.name.lower().replace("-", " ").split()
    if len(words) < 2:
        return []
    if len(words) >= 3 or person.country in rules.family_name_first:
        return [words[-1], words[0]]
    return words[-1:]


def bare_short_names(doc: Doc, pieces: list[Piece], taken: set[int], kb: Knowledge) -> list[Piece]:
    """Return name pieces for a known person's bare short name after the full one.

    The tagger misses many bare surnames ("Hu told Kibaki" tags no PERSON), so a capitalised
    proper noun standing alone that is the short form of a person the gazetteer found earlier
    in the document becomes a name for coreference to link; one beside another capitalised
    word is part of a longer name ("Hu Yaobang").

    Args:
        doc: the parsed document.
        pieces: the gazetteer's pieces.
        taken: tokens already inside a piece or a tagged name.
        kb: the knowledge (people and the family-name-first countries).

    Returns:
        New pieces of kind ``name``.
    """
    since: dict[str, int] = {}
    for piece in pieces:
        for entry in piece.entries:
            person = kb.people.get(entry.key) if entry.kind == "person" else None
            if person is not None:
                for short in short_names(person, kb.actor_rules):
                    since.setdefault(short, piece.end)
    found = []
    for token in doc:
        at = since.get(token.lower_)
        if at is None or token.i < at or token.i in taken:
            continue
        if token.pos_ != "PROPN" or not token.is_title:
            continue
        if any(_capitalised(doc, i) for i in (token.i - 1, token.i + 1)):
            continue
        found.append(Piece(token.i, token.i + 1, (Entry("name", token.text),)))
    return found


def _capitalised(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].is_alpha and (doc[i].is_title or doc[i].is_upper)
