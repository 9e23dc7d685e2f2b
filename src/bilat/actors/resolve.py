"""Turn gazetteer pieces into resolved actor mentions, at the document's date.

Pieces next to each other form one mention ("Pakistan's Army Chief, General Asim Munir" →
country + title + title + person = PAKMIL, Asim Munir). A title with a country resolves to who
held the office on the document's date; with no date, the person is left open and the reason is
given. Pronouns, bare titles ("the Under Secretary"), "his US counterpart" and "both sides" are
carried to earlier mentions in the same document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from bilat.actors.compass import compass_mentions
from bilat.actors.coref import corefer
from bilat.actors.gazetteer import Entry, Gazetteer, Piece
from bilat.actors.implicit import (
    clause_country,
    descriptive_nouns,
    owned_countries,
    owned_sectors,
    quoted_first_person,
    they_pair,
)
from bilat.actors.located import located
from bilat.actors.mention import (
    COLLECTIVE_KINDS,
    COLLECTIVE_PRONOUNS,
    JOINERS,
    PRONOUNS,
    ActorSpan,
    ResolveContext,
    office_holder,
    piece_kind,
)
from bilat.actors.names import (
    COUNTRYISH,
    bare_short_names,
    inside_organisation_name,
    inside_region_name,
    person_actor,
    stance_or_currency,
    surname_not_in_office,
)
from bilat.actors.organs import organ_mentions
from bilat.actors.phrase import own_phrase
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import ActorRules, Person
from bilat.records import Actor

# re-exported: the event coder, the pre-filter and ``home`` import these from here
__all__ = [
    "COLLECTIVE_KINDS",
    "COLLECTIVE_PRONOUNS",
    "JOINERS",
    "PRONOUNS",
    "ActorSpan",
    "ResolveContext",
    "find_mentions",
]


def find_mentions(doc: Doc, gazetteer: Gazetteer, context: ResolveContext) -> list[ActorSpan]:
    """Return every actor mention in a parsed document, resolved and linked by coreference.

    Args:
        doc: the parsed document.
        gazetteer: the phrase matcher built from the same knowledge.
        context: knowledge, the document's date and its home country.
    """
    found = [_resolve(doc, group, context) for group in _groups(doc, gazetteer, context)]
    found.extend(_pronouns(doc, found))
    found.sort(key=lambda f: f.start)
    own_phrase(doc, found, context)
    found.extend(descriptive_nouns(doc, found, context))
    found.sort(key=lambda f: f.start)
    found.extend(organ_mentions(doc, found, context))
    found.extend(compass_mentions(doc, found, context))
    found.sort(key=lambda f: f.start)
    clause_country(doc, found, context)
    corefer(doc, found, context)
    owned_countries(doc, found)
    owned_sectors(doc, found, context)
    they_pair(doc, found)
    found.extend(quoted_first_person(doc, found, context))
    found.sort(key=lambda f: f.start)
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
    named = _unknown_names(doc, pieces)
    taken = {i for p in [*pieces, *named] for i in range(p.start, p.end)}
    taken |= {t.i for e in doc.ents if e.label_ == "PERSON" for t in e}
    pieces.extend(named + bare_short_names(doc, pieces, taken, context.knowledge))
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


def _joins(doc: Doc, group: list[Piece], piece: Piece, rules: ActorRules) -> bool:
    last = group[-1]
    if doc[last.start].sent.start != doc[piece.start].sent.start:
        return False
    kinds = {piece_kind(p) for p in group}
    new = piece_kind(piece)
    words = [t.lower_ for t in doc[last.end : piece.start]]
    plain = may_join(words, kinds, new, rules)
    if plain is not None:
        return plain
    if words == ["and"]:
        return kinds == {"title"} and new == "title" and _followed_by_name(doc, piece, group)
    # apposition: "Pakistan's Army Chief, General Asim Munir", "his counterpart, Wang Yi";
    # a bare country is not ("the presidents of Russia and Ukraine, Putin and Zelensky")
    return (
        words == [","]
        and new in ("person", "name", "title")
        and not kinds & {"person", "name"}
        and bool(kinds & {"title", "adjective"} or (kinds & {"country"} and len(group) > 1))
        and (new != "title" or _followed_by_name(doc, piece, group))
    )


def may_join(words: list[str], kinds: set[str], new: str, rules: ActorRules) -> bool | None:
    """Return whether a piece joins the mention before it, or None when the parse decides.

    Args:
        words: the lower-case words between the mention and the piece.
        kinds: the kinds of the mention's pieces.
        new: the piece's kind.
        rules: the actor rules (title modifiers).

    Returns:
        True or False from the words and kinds alone; None for "and" and commas, whose
        joining depends on what follows the piece in the parse.
    """
    if "group" in kinds or new == "group" or len(words) > 3:
        return False
    if words == ["and"] or "," in words:
        return None
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


def _pick_org(piece: Piece, kb: Knowledge, on: dt.date | None) -> Entry | None:
    """Return the organisation a name means on a day: a dated coding that holds then, else
    the first undated one (else the first)."""
    entries = [e for e in piece.entries if e.kind == "org"]
    for entry in entries:
        if kb.organisations[entry.key].holds_on(on):
            return entry
    undated = (e for e in entries if not kb.organisations[e.key].dated)
    return next(undated, entries[0] if entries else None)


def _resolve(doc: Doc, group: list[Piece], ctx: ResolveContext) -> ActorSpan:
    kb = ctx.knowledge
    start, end = group[0].start, group[-1].end
    span = doc[start:end]
    former = any(t.lower_ in ("former", "ex", "then") for t in doc[max(0, start - 2) : end])
    first = {piece_kind(p): p for p in reversed(group)}
    person_piece = first.get("person")
    name_piece = first.get("name")
    org_piece = first.get("org")
    title_pieces = [p for p in group if piece_kind(p) == "title"]
    country = _country_of(group)
    sector_piece = first.get("sector")
    metonym = next((e for p in group for e in p.entries if e.kind == "metonym"), None)
    named = [p for p in group if piece_kind(p) in COUNTRYISH]
    if any(inside_organisation_name(doc, p.start, p.end, knowledge=kb) for p in named):
        return ActorSpan(
            start, end, None, "organisation name", "country word in a name", pieces=group
        )
    if (
        person_piece is None
        and org_piece is None
        and any(stance_or_currency(doc, p.start, p.end, knowledge=kb) for p in named)
    ):
        return ActorSpan(start, end, None, "stance", "country word of a stance or currency")
    if person_piece is None and any(
        inside_region_name(doc, p.start, p.end, knowledge=kb) for p in named
    ):
        return ActorSpan(start, end, None, "region", "country word in a region's name")
    if person_piece is not None:
        entry = _pick(person_piece, "person")
        assert entry is not None
        person = kb.people[entry.key]
        on = (ctx.on, ctx.earliest, ctx.latest)
        bearers = [kb.people[e.key] for e in person_piece.entries if e.kind == "person"]
        named_before = False
        if len(bearers) > 1:
            chosen, named_before = _shared_surname(doc, person_piece, bearers, title_pieces, ctx)
            if chosen is None:
                text = doc[person_piece.start : person_piece.end].text
                piece = Piece(person_piece.start, person_piece.end, (Entry("name", text),))
                shared = f"surname {text!r} shared by {len(bearers)} known people: none fits"
                return ActorSpan(start, end, None, "name", shared, individual=True, pieces=[piece])
            person = chosen
        why = (
            None
            if named_before
            else surname_not_in_office(doc, person_piece, person, kb, on, titled=bool(title_pieces))
        )
        if why is not None:
            text = doc[person_piece.start : person_piece.end].text
            piece = Piece(person_piece.start, person_piece.end, (Entry("name", text),))
            return ActorSpan(start, end, None, "name", why, individual=True, pieces=[piece])
        office = title_pieces[-1].entries[0].key if title_pieces else None
        actor = person_actor(person, office, kb, on=ctx.on, former=former)
        org_entry = _pick_org(org_piece, kb, ctx.on) if org_piece is not None else None
        if org_entry is not None and ctx.on is not None and kb.role_on(person, ctx.on) is None:
            # "the EU's Michel Barnier": out of any known office, a person acts for the
            # organisation the text attaches them to, not for their country
            org = kb.organisations[org_entry.key]
            actor = replace(actor, code=org.code, country=org.country, sector=org.sector)
        return ActorSpan(
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
        entry = _pick_org(org_piece, kb, ctx.on)
        assert entry is not None
        org = kb.organisations[entry.key]
        actor = Actor(org.code, org.country, org.sector, name=org.name, organisation=org.name)
        international = bool(org.country) and org.country not in kb.countries
        chief_word = (
            not title_pieces
            and end < len(doc)
            and doc[end].lower_ in kb.actor_rules.organisation_chief_words
            and doc[end].tag_ == "NN"
            and doc[end].dep_ != "compound"
        )
        if international and chief_word:
            # "the UN chief": the organisation's head, named by the word after its name
            end += 1
            span = doc[start:end]
        if org.country is not None and international and (title_pieces or chief_word):
            # "the UN Secretary-General": the organisation's office holder at the date
            office_id = _main_office(kb, title_pieces) if title_pieces else "secretary_general"
            chief, why = office_holder(kb, office_id, org.country, ctx)
            if chief is None and office_id == "secretary_general":
                # an organisation's chief is filed as its head_of_state
                chief, why = office_holder(kb, "head_of_state", org.country, ctx)
            actor = replace(
                actor,
                name=span.text,
                person=chief.name if chief else None,
                person_id=chief.id if chief else None,
                office=office_id,
            )
            how = f"title {office_id} of {org.name}: {why}"
            return ActorSpan(
                start, end, actor, "title", how, individual=True, office=office_id, pieces=group
            )
        return ActorSpan(start, end, actor, "org", f"organisation {org.name!r}", pieces=group)
    if title_pieces:
        return _resolve_title(span, group, title_pieces, country, name_piece, ctx, former)
    if name_piece is not None:
        return ActorSpan(
            start, end, None, "name", "unknown name without a title", individual=True, pieces=group
        )
    if metonym is not None:
        metonym_sector = metonym.sector or "GOV"
        actor = Actor(metonym.key + metonym_sector, metonym.key, metonym_sector, name=span.text)
        kind = "capital" if metonym.place_like else "metonym"
        how = f"metonym for {metonym.key} {metonym_sector}"
        return ActorSpan(start, end, actor, kind, how, pieces=group)
    if country is not None:
        sector = sector_piece.entries[0].key if sector_piece else None
        code = country + (sector or "")
        how = f"country {country}" + (f" with sector word ({sector})" if sector else "")
        kind = "country" if sector is None else "sector"
        return ActorSpan(
            start, end, Actor(code, country, sector, name=span.text), kind, how, pieces=group
        )
    if sector_piece is not None:
        sector = sector_piece.entries[0].key
        head = doc[end - 1]
        modifier = head.dep_ in ("amod", "compound", "nmod") and head.head.i >= end
        placed = located(doc, start, end, ctx) if kb.sectors[sector].located else None
        if placed is not None:
            place, where = placed
            actor = Actor(where + sector, where, sector, name=span.text)
            how = f"'{span.text}' placed in {place} ({where})"
            return ActorSpan(start, end, actor, "sector", how, pieces=group)
        institutional = sector in kb.actor_rules.institutional_sectors
        word = doc[sector_piece.start : sector_piece.end].text.lower()
        mission = word in kb.actor_rules.foreign_missions
        if ctx.home and institutional and _definite(doc, start) and not modifier and not mission:
            actor = Actor(ctx.home + sector, ctx.home, sector, name=span.text)
            how = f"'{span.text}' in a {ctx.home} article"
            return ActorSpan(start, end, actor, "sector", how, pieces=group, by_home=True)
        return ActorSpan(start, end, None, "sector", "sector word without a country", pieces=group)
    return ActorSpan(start, end, None, "group", "both parties", pieces=group)


def _definite(doc: Doc, start: int) -> bool:
    return (start > 0 and doc[start - 1].lower_ == "the") or doc[start].text[:1].isupper()


def _country_of(group: list[Piece]) -> str | None:
    for piece in group:
        for entry in piece.entries:
            if entry.kind in ("country", "adjective", "demonym", "metonym"):
                return entry.key
    return None


def _shared_surname(
    doc: Doc, piece: Piece, bearers: list[Person], titles: list[Piece], ctx: ResolveContext
) -> tuple[Person | None, bool]:
    """Return which bearer of a shared surname ("Sharif") is meant, and if by an earlier name.

    The bearer written in full nearest before wins; else, at the document's date, the one whose
    office a title beside the surname names ("Army Chief Sharif"), else the one in the highest
    office; with no date, or no bearer in office, no one.
    """
    kb = ctx.knowledge
    before = doc.text[: doc[piece.start].idx].lower()
    written = [
        (max(before.rfind(n.lower()) for n in [b.name, *b.aliases] if " " in n), b) for b in bearers
    ]
    nearest = max(written, key=lambda w: w[0])
    if nearest[0] >= 0:
        return nearest[1], True
    if ctx.on is None:
        return None, False
    ranked = [(kb.roles_on(b, ctx.on), b) for b in bearers]
    ranked = [(roles, b) for roles, b in ranked if roles]
    if titles:
        offices = {
            o for t in titles for e in t.entries if e.kind == "title" for o in kb.same_office(e.key)
        }
        titled = [(roles, b) for roles, b in ranked if any(r.office in offices for r in roles)]
        ranked = titled or ranked
    if not ranked:
        return None, False
    best = min(ranked, key=lambda rb: kb.offices[rb[0][0].office].rank)
    return best[1], False


def _resolve_title(
    span: Span,
    group: list[Piece],
    titles: list[Piece],
    country: str | None,
    name_piece: Piece | None,
    ctx: ResolveContext,
    former: bool,
) -> ActorSpan:
    kb = ctx.knowledge
    office_id = _main_office(kb, titles, country)
    office = kb.offices[office_id]
    if country is None and office.country is not None and name_piece is not None:
        generic = _generic_office(kb, titles)
        holder, _ = office_holder(kb, office_id, office.country, ctx)
        if generic is not None and holder is not None:
            # "Foreign Secretary M Riaz Hamidullah": a name bilat does not know is not the
            # holder of the country-specific office (the UK's), so the title is the generic
            # one, of the article's home country
            office_id, office = generic, kb.offices[generic]
            country = ctx.home
    # A bare title ("the Under Secretary") names someone introduced earlier before it names
    # whoever held the office: coreference gets the first say.
    implicit = country is None and office.country is not None and name_piece is None
    country = country or office.country
    start, end = span.start, span.end
    name = name_piece.entries[0].key if name_piece else None
    if office_id == "counterpart":
        actor = Actor(country + "GOV", country, "GOV", name=span.text) if country else None
        return ActorSpan(
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
        return ActorSpan(
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
        person, why = office_holder(kb, office_id, country, ctx)
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
    return ActorSpan(
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


def _generic_office(kb: Knowledge, titles: list[Piece]) -> str | None:
    """Return the highest office the titles may name that belongs to no one country."""
    offices = [e.key for t in titles for e in t.entries if e.kind == "title"]
    generic = [o for o in offices if kb.offices[o].country is None]
    return min(generic, key=lambda o: kb.offices[o].rank) if generic else None


def _main_office(kb: Knowledge, titles: list[Piece], country: str | None = None) -> str:
    """Return the highest office the titles name; with a country, one that country has.

    "Pakistan's Foreign Secretary" is the generic office (a senior diplomat), not the United
    Kingdom's Foreign Secretary, whose office is its foreign minister's.
    """
    offices = [t.entries[0].key for t in titles]
    if country is not None and any(kb.offices[o].country not in (None, country) for o in offices):
        others = [e.key for t in titles for e in t.entries if e.kind == "title"]
        fitting = [o for o in others if kb.offices[o].country in (None, country)]
        offices = fitting or offices
    return min(offices, key=lambda o: kb.offices[o].rank)


def _pronouns(doc: Doc, found: list[ActorSpan]) -> list[ActorSpan]:
    covered = {i for f in found for i in range(f.start, f.end)}
    # Only the pronouns' positions become Token objects: making one for every word of a
    # long article cost more than the rest of this function.
    strings = doc.vocab.strings
    wanted = {strings.add(w): w for w in PRONOUNS | COLLECTIVE_PRONOUNS}
    lowers = doc.to_array(LOWER)
    positions = numpy.flatnonzero(numpy.isin(lowers, list(wanted))).tolist()
    result = []
    for i in positions:
        if i in covered:
            continue
        token = doc[i]
        if token.lower_ in PRONOUNS and token.pos_ == "PRON":
            result.append(
                ActorSpan(
                    i, i + 1, None, "pronoun", "pronoun", individual=True, needs_antecedent=True
                )
            )
        elif token.lower_ in COLLECTIVE_PRONOUNS and _referring_it(token):
            result.append(ActorSpan(i, i + 1, None, "pronoun", "pronoun", needs_antecedent=True))
    return result


def _referring_it(token: Token) -> bool:
    """Return whether "it"/"its" refers to something ("it decided") rather than nothing.

    "It was decided to …", "it is important to …" and "it said" after a quote name no one:
    only "its" and "it" as the active subject of a verb other than *be* can refer.
    """
    if token.lower_ in ("its", "their"):
        return token.dep_ == "poss"
    return token.dep_ == "nsubj" and token.head.pos_ == "VERB" and token.head.lemma_ != "be"
