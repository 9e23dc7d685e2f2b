"""Turn gazetteer pieces into resolved actor mentions, at the document's date.

Pieces next to each other form one mention ("Pakistan's Army Chief, General Asim Munir" →
country + title + title + person = PAKMIL, Asim Munir). A title with a country resolves to who
held the office on the document's date; with no date, the person is left open and the reason is
given. Pronouns, bare titles ("the Under Secretary"), "his US counterpart" and "both sides" are
carried to earlier mentions in the same document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from bilat.actors.gazetteer import Entry, Gazetteer, Piece
from bilat.actors.names import (
    COUNTRYISH,
    inside_organisation_name,
    person_actor,
    surname_not_in_office,
)
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import ActorRules, Person
from bilat.records import Actor

# words that may sit between the pieces of one mention
JOINERS = {"'s", "’s", "'", "’", "the", "of", "(", ")", "-", "–"}
PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
# "it decided to downgrade ties", "its envoy": a state or organisation named as a subject before
COLLECTIVE_PRONOUNS = {"it", "its", "they", "their"}
COLLECTIVE_KINDS = {"country", "org", "sector", "capital", "metonym"}


@dataclass
class Found:
    """A resolved (or deliberately unresolved) actor mention during resolution."""

    start: int
    end: int
    actor: Actor | None
    kind: str
    how: str
    individual: bool = False
    office: str | None = None
    pair: tuple[Actor, Actor] | None = None
    pieces: list[Piece] = field(default_factory=list)
    needs_antecedent: bool = False
    former: bool = False

    @property
    def country(self) -> str | None:
        """Return the mention's country, if resolved."""
        return self.actor.country if self.actor else None


@dataclass(frozen=True)
class ResolveContext:
    """What resolution needs besides the text: knowledge, the date (or range), home country."""

    knowledge: Knowledge
    on: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    home: str | None = None
    locate: Callable[[str], str | None] | None = None
    """The country (ISO3) of a place name, for "militants in Quetta"; None disables it."""


def find_mentions(doc: Doc, gazetteer: Gazetteer, context: ResolveContext) -> list[Found]:
    """Return every actor mention in a parsed document, resolved and linked by coreference.

    Args:
        doc: the parsed document.
        gazetteer: the phrase matcher built from the same knowledge.
        context: knowledge, the document's date and its home country.
    """
    found = [_resolve(doc, group, context) for group in _groups(doc, gazetteer, context)]
    found.extend(_pronouns(doc, found))
    found.sort(key=lambda f: f.start)
    _corefer(doc, found, context)
    return [f for f in found if f.actor is not None or f.kind == "name"]


def _groups(doc: Doc, gazetteer: Gazetteer, context: ResolveContext) -> list[list[Piece]]:
    """Return the document's actor phrases grouped into mentions (kept on the ``Doc``).

    They do not depend on the document's date or home country, and extraction resolves the
    mentions twice (undated, to find the date; then at that date), so the second pass reuses
    the first's groups instead of matching the gazetteer again.
    """
    key = "bilat.actor_groups"
    rules = context.knowledge.actor_rules
    kept = doc.user_data.get(key)
    if kept is not None and kept[0] is gazetteer and kept[1] is rules:
        groups: list[list[Piece]] = kept[2]
        return groups
    pieces = gazetteer.pieces(doc)
    pieces.extend(_unknown_names(doc, pieces))
    pieces.sort(key=lambda p: p.start)
    groups = _group(doc, pieces, rules)
    doc.user_data[key] = (gazetteer, rules, groups)
    return groups


def _unknown_names(doc: Doc, pieces: list[Piece]) -> list[Piece]:
    covered = {i for p in pieces for i in range(p.start, p.end)}
    extra = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        tokens = [t for t in ent if t.i not in covered and not t.is_punct]
        if not tokens or len(tokens) != len([t for t in ent if not t.is_punct]):
            continue
        if ent[0].lower_ in PRONOUNS or not ent.text[:1].isupper():
            continue
        extra.append(Piece(ent.start, ent.end, (Entry("name", ent.text),)))
    return extra


def _group(doc: Doc, pieces: list[Piece], rules: ActorRules) -> list[list[Piece]]:
    groups: list[list[Piece]] = []
    for piece in pieces:
        if groups and _joins(doc, groups[-1], piece, rules):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _kind(piece: Piece) -> str:
    return piece.entries[0].kind


def _joins(doc: Doc, group: list[Piece], piece: Piece, rules: ActorRules) -> bool:
    last = group[-1]
    gap = doc[last.end : piece.start]
    if doc[last.start].sent.start != doc[piece.start].sent.start:
        return False
    kinds = {_kind(p) for p in group}
    new = _kind(piece)
    if "group" in kinds or new == "group":
        return False
    words = [t.lower_ for t in gap]
    if len(words) > 3:
        return False
    if words == ["and"]:
        return kinds == {"title"} and new == "title" and _followed_by_name(doc, piece, group)
    if "," in words:
        # apposition: "Pakistan's Army Chief, General Asim Munir", "his counterpart, Wang Yi";
        # a bare country is not ("the presidents of Russia and Ukraine, Putin and Zelensky")
        return (
            words == [","]
            and new in ("person", "name", "title")
            and not kinds & {"person", "name"}
            and bool(kinds & {"title", "adjective"} or (kinds & {"country"} and len(group) > 1))
            and (new != "title" or _followed_by_name(doc, piece, group))
        )
    if any(w not in JOINERS and w not in rules.title_modifiers for w in words):
        return False
    if "of" in words and not (kinds & {"title", "sector"} and new in ("country", "org")):
        return False
    countryish = {"country", "adjective", "demonym", "metonym"}
    if new in countryish and kinds & (countryish | {"person", "org"}):
        return False
    if new in ("person", "name") and kinds & {"person", "name"}:
        return False
    return not (new == "org" and kinds & {"person", "org"})


def _followed_by_name(doc: Doc, piece: Piece, group: list[Piece]) -> bool:
    nxt = doc[piece.end] if piece.end < len(doc) else None
    return (nxt is not None and nxt.ent_type_ == "PERSON") or (
        nxt is not None and nxt.pos_ == "PROPN"
    )


def _pick(piece: Piece, kind: str) -> Entry | None:
    return piece.first(kind)


def _resolve(doc: Doc, group: list[Piece], ctx: ResolveContext) -> Found:
    kb = ctx.knowledge
    start, end = group[0].start, group[-1].end
    span = doc[start:end]
    former = any(t.lower_ in ("former", "ex", "then") for t in doc[max(0, start - 2) : end])
    first = {_kind(p): p for p in reversed(group)}
    person_piece = first.get("person")
    name_piece = first.get("name")
    org_piece = first.get("org")
    title_pieces = [p for p in group if _kind(p) == "title"]
    country = _country_of(group)
    sector_piece = first.get("sector")
    metonym = next((e for p in group for e in p.entries if e.kind == "metonym"), None)
    named = [p for p in group if _kind(p) in COUNTRYISH]
    if any(inside_organisation_name(doc, p.start, p.end, knowledge=kb) for p in named):
        return Found(start, end, None, "organisation name", "country word in a name", pieces=group)
    if person_piece is not None:
        entry = _pick(person_piece, "person")
        assert entry is not None
        person = kb.people[entry.key]
        on = (ctx.on, ctx.earliest, ctx.latest)
        why = surname_not_in_office(doc, person_piece, person, kb, on, titled=bool(title_pieces))
        if why is not None:
            text = doc[person_piece.start : person_piece.end].text
            piece = Piece(person_piece.start, person_piece.end, (Entry("name", text),))
            return Found(start, end, None, "name", why, individual=True, pieces=[piece])
        office = title_pieces[-1].entries[0].key if title_pieces else None
        actor = person_actor(person, office, kb, on=ctx.on, former=former)
        org_entry = _pick(org_piece, "org") if org_piece is not None else None
        if org_entry is not None and ctx.on is not None and kb.role_on(person, ctx.on) is None:
            # "the EU's Michel Barnier": out of any known office, a person acts for the
            # organisation the text attaches them to, not for their country
            org = kb.organisations[org_entry.key]
            actor = replace(actor, code=org.code, country=org.country, sector=org.sector)
        return Found(
            start,
            end,
            actor,
            "person",
            f"known person {person.name!r}",
            individual=True,
            office=actor.office,
            pieces=group,
            former=former,
        )
    if org_piece is not None:
        entry = _pick(org_piece, "org")
        assert entry is not None
        org = kb.organisations[entry.key]
        actor = Actor(org.code, org.country, org.sector, name=org.name, organisation=org.name)
        if title_pieces and org.country and org.country not in kb.countries:
            # "the UN Secretary-General": the organisation's office holder at the date
            office_id = _main_office(kb, title_pieces)
            chief, why = _holder(kb, office_id, org.country, ctx)
            if chief is None and office_id == "secretary_general":
                # an organisation's chief is filed as its head_of_state
                chief, why = _holder(kb, "head_of_state", org.country, ctx)
            actor = replace(
                actor,
                name=span.text,
                person=chief.name if chief else None,
                person_id=chief.id if chief else None,
                office=office_id,
            )
            how = f"title {office_id} of {org.name}: {why}"
            return Found(
                start, end, actor, "title", how, individual=True, office=office_id, pieces=group
            )
        return Found(start, end, actor, "org", f"organisation {org.name!r}", pieces=group)
    if title_pieces:
        return _resolve_title(span, group, title_pieces, country, name_piece, ctx, former)
    if name_piece is not None:
        return Found(
            start, end, None, "name", "unknown name without a title", individual=True, pieces=group
        )
    if metonym is not None:
        metonym_sector = metonym.sector or "GOV"
        actor = Actor(metonym.key + metonym_sector, metonym.key, metonym_sector, name=span.text)
        kind = "capital" if metonym.place_like else "metonym"
        how = f"metonym for {metonym.key} {metonym_sector}"
        return Found(start, end, actor, kind, how, pieces=group)
    if country is not None:
        sector = sector_piece.entries[0].key if sector_piece else None
        code = country + (sector or "")
        how = f"country {country}" + (f" with sector word ({sector})" if sector else "")
        kind = "country" if sector is None else "sector"
        return Found(
            start, end, Actor(code, country, sector, name=span.text), kind, how, pieces=group
        )
    if sector_piece is not None:
        sector = sector_piece.entries[0].key
        head = doc[end - 1]
        modifier = head.dep_ in ("amod", "compound", "nmod") and head.head.i >= end
        located = _located(doc, start, end, ctx) if kb.sectors[sector].located else None
        if located is not None:
            place, where = located
            actor = Actor(where + sector, where, sector, name=span.text)
            how = f"'{span.text}' placed in {place} ({where})"
            return Found(start, end, actor, "sector", how, pieces=group)
        institutional = sector in kb.actor_rules.institutional_sectors
        if ctx.home and institutional and _definite(doc, start) and not modifier:
            actor = Actor(ctx.home + sector, ctx.home, sector, name=span.text)
            return Found(
                start, end, actor, "sector", f"'{span.text}' in a {ctx.home} article", pieces=group
            )
        return Found(start, end, None, "sector", "sector word without a country", pieces=group)
    return Found(start, end, None, "group", "both parties", pieces=group)


_PLACING = {"in", "near", "across", "inside", "at"}


def _located(doc: Doc, start: int, end: int, ctx: ResolveContext) -> tuple[str, str] | None:
    """Return (place, country) a bare sector word is attached to by a preposition of place.

    "militants in Quetta" and "rebels from Syria" (the word's own phrase), "terrorist attacks
    in Balochistan" (the noun the word modifies), and "militants attacked a post in Quetta"
    (the clause whose subject or object it is, when its places are all in one country) qualify.
    """
    if ctx.locate is None:
        return None
    head = doc[end - 1]
    if any(c.ent_type_ in ("NORP", "GPE") for c in head.lefts):
        # "Burundian Hutu rebels": a nationality names them, where they are does not
        return None
    nouns = [head]
    if head.dep_ in ("amod", "compound") and head.head.i >= end:
        nouns.append(head.head)
    for noun in nouns:
        # "rebels from Syria" are Syrian wherever they fight
        placing = _PLACING | {"from"} if noun is head else _PLACING
        places = _places_under(doc, [p for p in noun.children if p.lower_ in placing], ctx)
        if places:
            return places[0]
    # "Militants attacked a post in Quetta", "killing civilians and police in Quetta": the
    # clause happens where its places are, if they agree on one country
    argument = nouns[-1]
    while argument.dep_ == "conj":
        argument = argument.head
    if argument.dep_ in ("nsubj", "nsubjpass", "dobj") and argument.head.pos_ == "VERB":
        verb = argument.head
        # the verb's own place phrases and its objects' (with their conjuncts), no deeper
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        holders += [c for h in holders[1:] for c in h.children if c.dep_ == "conj"]
        preps = [c for h in holders for c in h.children if c.lower_ in _PLACING]
        places = _places_under(doc, preps, ctx)
        if places and len({country for _, country in places}) == 1:
            return places[0]
    return None


def _places_under(doc: Doc, preps: list[Token], ctx: ResolveContext) -> list[tuple[str, str]]:
    assert ctx.locate is not None
    found = []
    for prep in preps:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or not (
                obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.pos_ == "PROPN"
            ):
                continue
            ent = next((e for e in doc.ents if e.start <= obj.i < e.end), None)
            name = ent.text if ent is not None else obj.text
            country = ctx.locate(name)
            if country is not None:
                found.append((name, country))
    return found


def _definite(doc: Doc, start: int) -> bool:
    return (start > 0 and doc[start - 1].lower_ == "the") or doc[start].text[:1].isupper()


def _country_of(group: list[Piece]) -> str | None:
    for piece in group:
        for entry in piece.entries:
            if entry.kind in ("country", "adjective", "demonym", "metonym"):
                return entry.key
    return None


def _resolve_title(
    span: Span,
    group: list[Piece],
    titles: list[Piece],
    country: str | None,
    name_piece: Piece | None,
    ctx: ResolveContext,
    former: bool,
) -> Found:
    kb = ctx.knowledge
    office_id = _main_office(kb, titles)
    office = kb.offices[office_id]
    # A bare title ("the Under Secretary") names someone introduced earlier before it names
    # whoever held the office: coreference gets the first say.
    implicit = country is None and office.country is not None and name_piece is None
    country = country or office.country
    start, end = span.start, span.end
    name = name_piece.entries[0].key if name_piece else None
    if office_id == "counterpart":
        actor = Actor(country + "GOV", country, "GOV", name=span.text) if country else None
        return Found(
            start,
            end,
            actor,
            "counterpart",
            "counterpart",
            individual=True,
            pieces=group,
            needs_antecedent=True,
        )
    if country is None:
        return Found(
            start,
            end,
            None,
            "title",
            f"title {office_id} without a country",
            individual=True,
            office=office_id,
            pieces=group,
            needs_antecedent=True,
        )
    sector = office.sector
    person, why = (None, "")
    if name is None and not former:
        person, why = _holder(kb, office_id, country, ctx)
    actor = Actor(
        country + sector,
        country,
        sector,
        name=name or span.text,
        person=person.name if person else None,
        person_id=person.id if person else None,
        office=office_id,
    )
    how = f"title {office_id} of {country}" + (f": {why}" if why else "")
    return Found(
        start,
        end,
        actor,
        "title",
        how,
        individual=office_id != "official",
        office=office_id,
        pieces=group,
        needs_antecedent=implicit,
        former=former,
    )


def _main_office(kb: Knowledge, titles: list[Piece]) -> str:
    offices = [t.entries[0].key for t in titles]
    return min(offices, key=lambda o: kb.offices[o].rank)


def _holder(
    kb: Knowledge, office: str, country: str, ctx: ResolveContext
) -> tuple[Person | None, str]:
    if ctx.on is not None:
        found = kb.holders(office, country, ctx.on)
        if len(found) == 1:
            return found[0], f"held by {found[0].name} on {ctx.on}"
        return None, f"{len(found)} holders on {ctx.on}"
    if ctx.earliest and ctx.latest:
        a = kb.holders(office, country, ctx.earliest)
        b = kb.holders(office, country, ctx.latest)
        if len(a) == 1 and a == b:
            return a[0], f"held by {a[0].name} throughout {ctx.earliest}..{ctx.latest}"
        return None, "the document's date range spans more than one holder"
    return None, "document date unknown, holder not guessed"


def _pronouns(doc: Doc, found: list[Found]) -> list[Found]:
    covered = {i for f in found for i in range(f.start, f.end)}
    personal = [
        Found(t.i, t.i + 1, None, "pronoun", "pronoun", individual=True, needs_antecedent=True)
        for t in doc
        if t.lower_ in PRONOUNS and t.i not in covered and t.pos_ == "PRON"
    ]
    collective = [
        Found(t.i, t.i + 1, None, "pronoun", "pronoun", needs_antecedent=True)
        for t in doc
        if t.lower_ in COLLECTIVE_PRONOUNS and t.i not in covered and _referring_it(t)
    ]
    return personal + collective


def _referring_it(token: Token) -> bool:
    """Return whether "it"/"its" refers to something ("it decided") rather than nothing.

    "It was decided to …", "it is important to …" and "it said" after a quote name no one:
    only "its" and "it" as the active subject of a verb other than *be* can refer.
    """
    if token.lower_ in ("its", "their"):
        return token.dep_ == "poss"
    return token.dep_ == "nsubj" and token.head.pos_ == "VERB" and token.head.lemma_ != "be"


def _corefer(doc: Doc, found: list[Found], ctx: ResolveContext) -> None:
    kb = ctx.knowledge
    names: dict[str, Found] = {}
    headline = _headline_window(doc)
    for index, mention in enumerate(found):
        earlier = [f for f in found[:index] if f.actor is not None]
        if mention.kind == "name":
            _link_name(mention, names, earlier)
            continue
        if mention.kind == "group":
            mention.pair = _last_pair(doc, mention, earlier, kb) or _headline_pair(
                mention, found[index + 1 :], headline
            )
            if mention.pair:
                mention.actor = mention.pair[0]
                mention.how = f"both parties: {mention.pair[0].code} and {mention.pair[1].code}"
            continue
        if mention.kind == "title" and _link_titled_name(mention, earlier):
            continue
        if mention.kind == "title" and _headline_person(doc, mention, found[index + 1 :], headline):
            continue
        if not mention.needs_antecedent:
            continue
        if mention.kind == "pronoun" and not mention.individual:
            antecedent = _collective_antecedent(doc, mention, found[:index])
            if antecedent is not None and antecedent.actor is not None:
                mention.actor = antecedent.actor
                mention.how = f"pronoun → {antecedent.actor.code}"
        elif mention.kind == "pronoun":
            antecedent = _antecedent(doc[mention.start].lower_, found[:index], kb)
            if antecedent is not None and antecedent.actor is not None:
                mention.actor = antecedent.actor
                mention.office = antecedent.office
                mention.how = f"pronoun → {antecedent.actor.name or antecedent.actor.code}"
        elif mention.kind == "counterpart":
            _resolve_counterpart(doc, mention, found, ctx)
        elif mention.kind == "title" and mention.office:
            same = kb.same_office(mention.office)
            antecedent = next(
                (
                    f
                    for f in reversed(earlier)
                    if f.individual
                    and f.actor
                    and (mention.actor is None or f.actor.country == mention.actor.country)
                    and (
                        f.office in same or (mention.office == "minister" and f.office is not None)
                    )
                ),
                None,
            )
            if antecedent is not None and antecedent.actor is not None:
                mention.actor = antecedent.actor
                mention.how = f"title → earlier {antecedent.actor.name or antecedent.actor.code}"
            elif ctx.home and mention.actor is None:
                office = kb.offices[mention.office]
                person, why = _holder(kb, mention.office, ctx.home, ctx)
                mention.actor = Actor(
                    ctx.home + office.sector,
                    ctx.home,
                    office.sector,
                    name=doc[mention.start : mention.end].text,
                    person=person.name if person else None,
                    person_id=person.id if person else None,
                    office=mention.office,
                )
                mention.how = f"title in a {ctx.home} article: {why}"


FEMININE = {"she", "her", "hers"}


def _collective_antecedent(doc: Doc, pronoun: Found, before: list[Found]) -> Found | None:
    """Return the state or organisation "it" refers to: the nearest earlier subject of its kind.

    Only subjects (or their possessors) in the pronoun's sentence or the one before count:
    "Pakistan expelled the envoy after it decided …" names Pakistan; an object or a
    place ("talks in Doha") does not become "it".
    """
    sentence = doc[pronoun.start].sent
    floor = sentence.start
    if floor > 0:
        floor = doc[floor - 1].sent.start
    for found in reversed(before):
        if found.start < floor:
            return None
        if found.individual or found.kind not in COLLECTIVE_KINDS or found.actor is None:
            continue
        head = doc[found.end - 1]
        if head.dep_ in ("poss", "compound", "amod") and head.head.dep_ in ("nsubj", "nsubjpass"):
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            return found
    return None


def _antecedent(pronoun: str, before: list[Found], kb: Knowledge) -> Found | None:
    """Return the nearest earlier person a pronoun can refer to, or None.

    A known person of the other gender is passed over ("her release" after a sentence about
    Antony Blinken); the search stops at a person bilat cannot resolve, who is as likely the
    referent as anyone named before them.
    """
    feminine = pronoun in FEMININE
    for found in reversed(before):
        if not found.individual:
            continue
        if found.actor is None:
            if found.kind == "name":
                return None
            continue
        person = kb.people.get(found.actor.person_id or "")
        if person is not None and person.female != feminine:
            continue
        return found
    return None


def _link_titled_name(mention: Found, earlier: list[Found]) -> bool:
    """Link "Under Secretary Bass" to the John Bass named earlier in the same country."""
    name = next((p.entries[0].key for p in mention.pieces if _kind(p) == "name"), None)
    if name is None or mention.actor is None or mention.actor.person is not None:
        return False
    surname = name.split()[-1]
    for other in reversed(earlier):
        actor = other.actor
        if (
            actor is not None
            and actor.person is not None
            and actor.country == mention.actor.country
            and actor.person.split()[-1] == surname
        ):
            mention.actor = actor
            mention.office = other.office
            mention.how = f"titled surname of {actor.person}"
            return True
    return False


def _link_name(mention: Found, names: dict[str, Found], earlier: list[Found]) -> None:
    text = mention.pieces[0].entries[0].key if mention.pieces else ""
    for other in reversed(earlier):
        if (
            other.actor
            and other.actor.name
            and other.actor.name != text
            and (other.actor.name.endswith(" " + text) or other.actor.name.split()[-1:] == [text])
        ):
            mention.actor = other.actor
            mention.how = f"surname of {other.actor.name}"
            mention.office = other.office
            return
    names[text] = mention


def _resolve_counterpart(doc: Doc, mention: Found, found: list[Found], ctx: ResolveContext) -> None:
    kb = ctx.knowledge
    owner = next(
        (
            f
            for f in found
            if f.end <= mention.start
            and f.kind == "pronoun"
            and mention.start - f.end <= 2
            and f.actor is not None
        ),
        None,
    )
    if mention.actor is None or owner is None or owner.office is None:
        return
    country = mention.actor.country
    assert country is not None
    # A deputy prime minister who is also foreign minister has no US counterpart as deputy
    # prime minister, but has one as foreign minister: try each post the owner holds.
    office, person, why = owner.office, None, ""
    for candidate in _offices_held(kb, owner, ctx):
        holder, reason = _holder(kb, candidate, country, ctx)
        if not why:
            office, why = candidate, reason
        if holder is not None:
            office, person, why = candidate, holder, reason
            break
    mention.actor = replace(
        mention.actor,
        person=person.name if person else None,
        person_id=person.id if person else None,
        office=office,
    )
    mention.office = office
    mention.how = f"counterpart of {owner.actor.name if owner.actor else '?'} in {country}: {why}"


def _offices_held(kb: Knowledge, owner: Found, ctx: ResolveContext) -> list[str]:
    """Return the owner's office in the text first, then the person's other posts at the date."""
    assert owner.office is not None
    offices = [owner.office]
    person = kb.people.get(owner.actor.person_id or "") if owner.actor else None
    if person is None or ctx.on is None:
        return offices
    held = [role.office for role in kb.roles_on(person, ctx.on)]
    return offices + [o for o in held if o not in offices]


def _last_pair(
    doc: Doc, mention: Found, earlier: list[Found], kb: Knowledge
) -> tuple[Actor, Actor] | None:
    sent_start = doc[mention.start].sent.start
    window = [
        f
        for f in earlier
        if f.actor and f.actor.country and doc[f.start].sent.start >= max(0, sent_start - 400)
    ]
    group = mention.pieces[0].entries[0].key if mention.pieces else ""
    personal = group.split()[-1:] != [] and group.split()[-1] in kb.actor_rules.personal_groups
    if personal:
        # "both officials", "the two leaders": people, not the countries named in between
        window = [f for f in window if f.individual and f.kind != "pronoun"]
    # "Saudi Arabia and Qatar urged both sides …": the clause's own subject is not a side
    verb = doc[mention.start]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    own = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree} - set(
        range(mention.start, mention.end)
    )
    seen: list[Actor] = []
    for f in reversed(window):
        assert f.actor is not None
        if f.kind == "group" or f.actor.country in [a.country for a in seen] or f.start in own:
            continue
        seen.append(_principal(f.actor.country, window) if personal else f.actor)
        if len(seen) == 2:
            return seen[1], seen[0]
    return None


def _headline_pair(
    mention: Found, later: list[Found], window: tuple[int, int] | None
) -> tuple[Actor, Actor] | None:
    """Return the two countries a headline's "both sides" are, from the lede's sentences.

    Only in a document's headline lines (``window``, from :func:`_headline_window`) does "both
    sides" point forward; elsewhere it needs an antecedent.
    """
    if window is None or mention.start >= window[0]:
        return None
    until = window[1]
    seen: list[Actor] = []
    for f in later:
        if f.start >= until:
            break
        if f.actor is None or f.kind in ("group", "pronoun") or f.actor.country is None:
            continue
        if f.actor.country not in [a.country for a in seen]:
            seen.append(f.actor)
        if len(seen) == 2:
            return seen[0], seen[1]
    return None


_HEADLINE_TOKENS = 16


def _headline_window(doc: Doc) -> tuple[int, int] | None:
    """Return where a document's headline lines end and where its lede's second sentence ends.

    The headline is the first sentence, with any further short lines before the body
    ("- Both sides discuss trade" bullets); the lede is the next two sentences. None for a
    document of one sentence.
    """
    # Sentences are read only as far as needed: the headline and lede are at the top, and
    # listing every sentence of a long article costs more than the rest of this function.
    stream = iter(doc.sents)
    sentences: list[Span] = []

    def has(index: int) -> bool:
        while len(sentences) <= index:
            following = next(stream, None)
            if following is None:
                return False
            sentences.append(following)
        return True

    if not has(1):
        return None
    body = 1
    while has(body + 1):
        sent = sentences[body]
        line_start = sent.start_char == 0 or doc.text[sent.start_char - 1] == "\n"
        if not line_start or len(sent) >= _HEADLINE_TOKENS:
            break
        body += 1
    until = sentences[body + 1 if has(body + 1) else -1].end
    return sentences[body].start, until


def _headline_person(
    doc: Doc, mention: Found, later: list[Found], window: tuple[int, int] | None
) -> bool:
    """Name a headline's unnamed official ("US official vows …") after the lede's person.

    Only a singular title without a person in a document's headline lines looks forward, and
    only to the first known person of the same country in the lede's two sentences.
    """
    actor = mention.actor
    if actor is None or actor.person is not None or actor.country is None:
        return False
    titles = [p for p in mention.pieces if _kind(p) == "title"]
    if not titles or doc[titles[-1].end - 1].tag_ in ("NNS", "NNPS"):
        return False  # "officials" are several people
    if window is None or mention.start >= window[0]:
        return False
    until = window[1]
    lede = next(
        (
            f
            for f in later
            if f.start < until
            and f.kind in ("person", "title")
            and f.actor is not None
            and f.actor.person is not None
            and f.actor.country == actor.country
        ),
        None,
    )
    if lede is None or lede.actor is None:
        return False
    mention.actor = lede.actor
    mention.office = lede.office
    mention.how = f"headline official → {lede.actor.person} named below"
    return True


def _principal(country: str | None, window: list[Found]) -> Actor:
    """Return a country's main actor in a window: a known person, the most named, the latest."""
    same = [f for f in window if f.actor is not None and f.actor.country == country]
    names = [f.actor.person or f.actor.name for f in same if f.actor is not None]

    def weight(item: tuple[int, Found]) -> tuple[bool, int, int]:
        index, found = item
        assert found.actor is not None
        key = found.actor.person or found.actor.name
        return (found.actor.person is not None, names.count(key), index)

    best = max(enumerate(same), key=weight)[1]
    assert best.actor is not None
    return best.actor
