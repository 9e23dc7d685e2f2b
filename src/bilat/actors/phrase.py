"""Give a title with no country of its own the country or organisation named in its noun phrase.

"the commander of the British forces here", "the commander of the 35,000 US troops there",
"US Middle East peace envoy Dennis Ross": the country word sits in the title's noun phrase
but too far from the title to be one mention with it, so without this step the title takes
the article's home (often only its dateline) or its office's default country. An
organisation in the phrase ("UNFCCC Executive Secretary Yvo de Boer") makes the title that
organisation's official, never a state's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bilat.actors.mention import ActorSpan, ResolveContext, office_holder, piece_kind
from bilat.actors.names import COUNTRYISH
from bilat.records import Actor

# modifiers that stay inside one noun phrase; appositions, clauses and conjuncts do not
_INSIDE = {"compound", "amod", "nmod", "poss", "nummod", "det", "quantmod"}
_OWNER_KINDS = {"country", "org", "sector", "capital", "metonym"}


def own_phrase(doc: Doc, found: list[ActorSpan], ctx: ResolveContext) -> None:
    """Resolve titles without a country word by the country or organisation in their phrase.

    Args:
        doc: the parsed document.
        found: the resolved mentions, changed in place.
        ctx: knowledge, the document's date and its home country.
    """
    at: dict[int, ActorSpan] = {i: f for f in found for i in range(f.start, f.end)}
    for mention in found:
        if mention.kind != "title" or mention.office is None or _owns_country(mention):
            continue
        owners = {
            id(f): f
            for i in sorted(_phrase(doc, mention))
            if (f := at.get(i)) is not None
            and f is not mention
            and (f.kind in _OWNER_KINDS or _country_word_at(f, i))
            and f.actor is not None
        }
        codes = {
            f.actor.code if f.kind == "org" else (f.actor.country or f.actor.code)
            for f in owners.values()
            if f.actor is not None
        }
        if len(codes) > 1:
            # "officials from Tehran and Washington": no one owner, and surely not the home
            mention.actor = None
            mention.needs_antecedent = False
            mention.how = f"title of {len(codes)} owners in its phrase ({', '.join(sorted(codes))})"
            continue
        if not codes:
            continue
        owner = next(iter(owners.values()))
        _give(doc, mention, owner, ctx)


def _country_word_at(mention: ActorSpan, i: int) -> bool:
    """Return whether token ``i`` is a country word of a person's mention.

    "The President of the Spanish Government, Pedro Sanchez": the of-phrase is grouped with
    the person in apposition, and its country word still owns the title.
    """
    return mention.kind == "person" and any(
        p.start <= i < p.end and piece_kind(p) in COUNTRYISH for p in mention.pieces
    )


def _owns_country(mention: ActorSpan) -> bool:
    kinds = {e.kind for p in mention.pieces for e in p.entries}
    return bool(kinds & (set(COUNTRYISH) | {"org", "person"}))


def _phrase(doc: Doc, mention: ActorSpan) -> set[int]:
    """Return the tokens of the title's noun phrase outside the mention itself.

    The phrase is the mention's head with its modifiers and "of"/"from" complements, followed
    down through theirs ("commander of the 35,000 US troops"); a title in apposition
    ("the commander of the British forces, Major-General X") shares its noun's phrase.
    """
    span = doc[mention.start : mention.end]
    head = span.root
    tokens: set[int] = set()
    todo: list[Token] = [head]
    if head.dep_ == "appos":
        todo.append(head.head)
    while todo:
        token = todo.pop()
        for child in token.children:
            if child.dep_ in _INSIDE:
                todo.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
                todo.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "conj" and token.dep_ in ("pobj", "conj", "amod", "compound"):
                # "of the US and British forces": each conjunct is an owner of the phrase
                todo.append(child)
        tokens.add(token.i)
    return {i for i in tokens if not mention.start <= i < mention.end}


def _give(doc: Doc, mention: ActorSpan, owner: ActorSpan, ctx: ResolveContext) -> None:
    kb = ctx.knowledge
    assert mention.office is not None
    assert owner.actor is not None
    office = kb.offices[mention.office]
    names = [e.key for p in mention.pieces for e in p.entries if e.kind == "name"]
    name = names[0] if names else doc[mention.start : mention.end].text
    modifier = doc[owner.start : owner.end].text
    if owner.kind == "org":
        org = owner.actor
        holder, why = (None, "")
        if not names and not mention.former and org.country is not None:
            holder, why = office_holder(kb, mention.office, org.country, ctx)
        mention.actor = Actor(
            org.code,
            org.country,
            org.sector,
            name=name,
            person=holder.name if holder else None,
            person_id=holder.id if holder else None,
            office=mention.office,
            organisation=org.organisation or org.name,
        )
        mention.how = f"title {mention.office} of {org.code}, from '{modifier}' in its phrase"
        mention.how += f": {why}" if why else ""
        return
    country = owner.country
    assert country is not None
    holder, why = (None, "")
    if not names and not mention.former:
        holder, why = office_holder(kb, mention.office, country, ctx)
    mention.actor = Actor(
        country + office.sector,
        country,
        office.sector,
        name=name,
        person=holder.name if holder else None,
        person_id=holder.id if holder else None,
        office=mention.office,
    )
    mention.how = f"title {mention.office} of {country}, from '{modifier}' in its phrase"
    mention.how += f": {why}" if why else ""
