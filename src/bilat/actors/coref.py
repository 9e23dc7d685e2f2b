"""Link mentions to earlier (or, in headlines, later) ones: pronouns, bare titles, surnames, pairs.

"he" takes the nearest earlier person of the right gender, "it" the nearest state subject,
"the Under Secretary" the earlier holder of that office, "Bass" the earlier "John Bass", "his
US counterpart" the office-holder matching the owner's post, "both sides" the last two
countries; a headline's "US official" is the person the lede names.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from bilat.actors.mention import (
    COLLECTIVE_KINDS,
    ActorSpan,
    ResolveContext,
    office_holder,
    piece_kind,
)
from bilat.actors.names import COUNTRYISH
from bilat.actors.sides import headline_pair, last_pair
from bilat.knowledge import Knowledge
from bilat.records import Actor


def corefer(doc: Doc, found: list[ActorSpan], ctx: ResolveContext) -> None:
    kb = ctx.knowledge
    names: dict[str, ActorSpan] = {}
    headline = _headline_window(doc)
    for index, mention in enumerate(found):
        earlier = [f for f in found[:index] if f.actor is not None]
        if mention.kind == "name":
            _link_name(mention, names, earlier, kb.actor_rules.family_name_first)
            continue
        if mention.kind == "group":
            mention.pair = last_pair(doc, mention, earlier, kb) or headline_pair(
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
        if mention.kind == "sector" and mention.actor is None:
            _same_sector(doc, mention, found, kb)
            continue
        if not mention.needs_antecedent:
            continue
        if mention.kind == "pronoun" and not mention.individual:
            antecedent = _collective_antecedent(doc, mention, found[:index])
            if antecedent is not None and antecedent.actor is not None:
                mention.actor = antecedent.actor
                mention.how = f"pronoun → {antecedent.actor.code}"
        elif mention.kind == "pronoun":
            antecedent = _antecedent(doc, mention, found[:index], kb)
            if antecedent is not None and antecedent.actor is not None:
                mention.actor = antecedent.actor
                mention.office = antecedent.office
                mention.how = f"pronoun → {antecedent.actor.name or antecedent.actor.code}"
        elif mention.kind == "counterpart":
            _resolve_counterpart(doc, mention, found, ctx)
        elif mention.kind == "title" and mention.office:
            same = kb.same_office(mention.office)
            # "Raisi is to hold meetings with the President": not Raisi himself
            subjects = _clause_subjects(doc, mention.end - 1)
            excluded = {
                f.actor.person_id or f.actor.name
                for f in earlier
                if f.start in subjects and f.actor is not None
            }
            # "Prime Minister Jose Socrates": a title with a name of its own is that person,
            # not the last holder of such an office the text named
            named = _named_as(mention) is not None
            antecedent = next(
                (
                    f
                    for f in reversed(earlier)
                    if not named
                    and f.individual
                    and f.actor
                    and (f.actor.person_id or f.actor.name) not in excluded
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
                person, why = office_holder(kb, mention.office, ctx.home, ctx)
                if person is not None and not _may_be(_named_as(mention), person.name):
                    # "Prime Minister Jose Socrates" in an article whose home's premier is
                    # Wen Jiabao: the title is another country's
                    mention.how = f"titled name is not {person.name}, the {ctx.home} holder"
                    continue
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
# words in or just before a mention that tell an unknown person's gender: "party spokesman X"
MASCULINE_WORDS = {"spokesman", "chairman", "congressman", "businessman", "king", "prince", "mr"}
FEMININE_WORDS = {
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "businesswoman",
    "queen",
    "princess",
    "mrs",
    "ms",
    "madame",
}


def _clause_subjects(doc: Doc, i: int) -> set[int]:
    """Return the tokens of the subjects of the clause a token is an argument of.

    The clause's verb is the token's nearest verb head; the subject of a verb it is the open
    complement of ("is scheduled to hold") counts too.
    """
    verb = doc[i]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    tokens: set[int] = set()
    while True:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                tokens |= {t.i for t in child.subtree}
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return tokens
        verb = verb.head


def _same_sector(doc: Doc, mention: ActorSpan, found: list[ActorSpan], kb: Knowledge) -> None:
    """Give a bare sector word the country of the groups of that sector the document names.

    "Separatists had requested …" in an article whose only separatists are "Ukrainian
    separatists" (before or after) are those, and "the rebels" in one whose only rebels are
    an armed group of one country ("M23") are that group's country's. When the document names groups of the sector
    in more than one country, the last one before the word is taken, or none. Only the sectors
    that challenge a state (rebels, insurgents, separatists, opposition) are carried: "the
    army" is left to the home country, and "traders", "refugees" or "children" are too
    common to be one group. A sector word never takes the country of a person.
    """
    sector = next((e.key for p in mention.pieces for e in p.entries if e.kind == "sector"), None)
    if sector is None or sector not in kb.actor_rules.domestic_challengers:
        return
    # "Al-Shabaab threatened terrorist attacks": a word describing a deed is not the group
    head = doc[mention.end - 1]
    modifier = head.dep_ in ("amod", "compound")
    if head.dep_ == "appos" and head.head.pos_ == "PROPN":
        return  # "al Qaeda, the terrorist group that …": the word describes the name before it
    named = [
        f
        for f in found
        if f is not mention
        and f.actor is not None
        and not f.individual
        and f.actor.sector == sector
        and f.actor.country is not None
        and len(f.actor.country) == 3
        and (
            any(e.kind in COUNTRYISH for p in f.pieces for e in p.entries)
            or (_armed_group(f, kb) and not modifier)
        )
    ]
    countries = {f.actor.country for f in named if f.actor is not None}
    before = [f for f in named if f.end <= mention.start]
    if len(countries) == 1:
        source: ActorSpan | None = named[0]
    else:
        source = before[-1] if before else None
    if source is None or source.actor is None or source.actor.country is None:
        return
    country = source.actor.country
    text = doc[mention.start : mention.end].text
    mention.actor = Actor(country + sector, country, sector, name=text)
    mention.how = f"sector word → {source.actor.code} named in the document"


def _armed_group(mention: ActorSpan, kb: Knowledge) -> bool:
    """Return whether a mention names an armed group of one country ("M23", "the TTP")."""
    keys = [e.key for p in mention.pieces for e in p.entries if e.kind == "org"]
    return any(k in kb.organisations and kb.organisations[k].kind == "armed" for k in keys)


def _collective_antecedent(
    doc: Doc, pronoun: ActorSpan, before: list[ActorSpan]
) -> ActorSpan | None:
    """Return the state or organisation "it" refers to: the nearest earlier subject of its kind.

    Only subjects (or their possessors) in the pronoun's sentence or the one before count:
    "Pakistan expelled the envoy after it decided …" names Pakistan; an object or a
    place ("talks in Doha") does not become "it".
    """
    singular = doc[pronoun.start].lower_ in ("it", "its")
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
        if singular and head.tag_ == "NNS":
            # "the rebels attacked its positions": "its" is not the rebels'
            continue
        if head.dep_ in ("poss", "compound", "amod") and head.head.dep_ in ("nsubj", "nsubjpass"):
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            return found
    return None


def _antecedent(
    doc: Doc, mention: ActorSpan, before: list[ActorSpan], kb: Knowledge
) -> ActorSpan | None:
    """Return the earlier person a pronoun refers to, or None.

    A known person of the other gender is passed over ("her release" after a sentence about
    Antony Blinken); the search stops at a person bilat cannot resolve, who is as likely the
    referent as anyone named before them. An object pronoun is not the subject of its own
    clause ("Wang Yi assured him": not Wang Yi), and a subject pronoun opening its sentence's
    references continues the subject before ("Sharif met Blinken. He thanked …": Sharif).
    """
    pronoun = doc[mention.start]
    feminine = pronoun.lower_ in FEMININE
    candidates: list[ActorSpan] = []
    for found in reversed(before):
        if not found.individual:
            continue
        if found.actor is None:
            if found.kind == "name":
                break
            continue
        person = kb.people.get(found.actor.person_id or "")
        if person is not None and person.female != feminine:
            continue
        if person is None and _worded_gender(doc, found) not in (None, feminine):
            continue
        candidates.append(found)
    if pronoun.dep_ in ("dobj", "dative", "pobj"):
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        candidates = [c for c in candidates if not _subject_of(doc, c, verb.i)]
    if pronoun.dep_ in ("nsubj", "nsubjpass") and pronoun.head.dep_ == "relcl":
        # "Scholz, with whom he held talks": the subject of a clause on a person is someone else
        owner = pronoun.head.head
        near = {owner.i, *(c.i for c in owner.children if c.dep_ in ("conj", "appos"))}
        candidates = [c for c in candidates if not any(c.start <= i < c.end for i in near)]
    if not candidates:
        return None
    if pronoun.dep_ in ("nsubj", "nsubjpass"):
        return _preferred_subject(doc, pronoun.i, candidates) or candidates[0]
    if pronoun.dep_ == "poss":
        # "Arafat would inform King Hussein about his talks": an owner in the clause's object
        # is its subject more often than the person nearest to it
        return _clause_subject_among(doc, pronoun, candidates) or candidates[0]
    return candidates[0]


def _clause_subject_among(
    doc: Doc, pronoun: Token, candidates: list[ActorSpan]
) -> ActorSpan | None:
    """Return the candidate that is the subject of the verb whose object holds the pronoun."""
    owned = pronoun.head
    if owned.dep_ not in ("pobj", "dobj"):
        return None
    verb = owned.head.head if owned.dep_ == "pobj" else owned.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for candidate in candidates:
        head = doc[candidate.start : candidate.end].root
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head  # "Peruvian President" of "Peruvian President Alejandro Toledo"
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.i == verb.i:
            return candidate
    return None


def _worded_gender(doc: Doc, mention: ActorSpan) -> bool | None:
    """Return True (feminine) or False (masculine) when a word of the mention says which."""
    words = {t.lower_.rstrip(".") for t in doc[max(0, mention.start - 1) : mention.end]}
    if words & FEMININE_WORDS:
        return True
    if words & MASCULINE_WORDS:
        return False
    return None


def _subject_of(doc: Doc, mention: ActorSpan, verb: int) -> bool:
    """Return whether a mention is (or owns) the subject of the verb at ``verb``."""
    head = doc[mention.end - 1]
    if head.dep_ in ("poss", "compound") and head.head.dep_ in ("nsubj", "nsubjpass"):
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass") and head.head.i == verb


def _preferred_subject(doc: Doc, at: int, candidates: list[ActorSpan]) -> ActorSpan | None:
    """Return the main-clause subject of the sentence before, when a reference opens its own.

    Candidates are nearest first. Only when none stands in the reference's own sentence: a
    subject there is found by nearness already ("Modi said he would …").
    """
    sentence = doc[at].sent
    if candidates[0].start >= sentence.start:
        return None
    previous = doc[candidates[0].start].sent
    for candidate in candidates:
        if candidate.start < previous.start:
            return None
        head = doc[candidate.end - 1]
        if head.dep_ in ("poss", "compound") and head.head.dep_ in ("nsubj", "nsubjpass"):
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.i == previous.root.i:
            return candidate
    return None


def _link_titled_name(mention: ActorSpan, earlier: list[ActorSpan]) -> bool:
    """Link "Under Secretary Bass" to the John Bass named earlier in the same country.

    A title with no country at all ("General Al-Bashir") links to the earlier full name with
    that surname whatever its country: the full name carried the country, and the article's
    home (often only its dateline) is a worse guess.
    """
    name = next((p.entries[0].key for p in mention.pieces if piece_kind(p) == "name"), None)
    if name is None or (mention.actor is not None and mention.actor.person is not None):
        return False
    surname = name.split()[-1].casefold()
    for other in reversed(earlier):
        actor = other.actor
        if actor is None:
            continue
        if mention.actor is not None:
            full = actor.person if actor.country == mention.actor.country else None
        else:
            full = actor.person or (actor.name if other.individual else None)
        if full is not None and " " in full and full.split()[-1].casefold() == surname:
            mention.actor = actor
            mention.office = other.office
            mention.how = f"titled surname of {full}"
            return True
    return False


def _named_as(mention: ActorSpan) -> str | None:
    """Return the unknown name a mention carries beside its title ("Jose Socrates"), if any."""
    return next((p.entries[0].key for p in mention.pieces if piece_kind(p) == "name"), None)


def _may_be(name: str | None, full: str) -> bool:
    """Return whether a name may be a person's: no name at all, or one sharing its surname."""
    if name is None:
        return True
    words = _name_key(name).split()
    return bool(words) and words[-1] in _name_key(full).split()


def _name_key(name: str) -> str:
    """Return a name as compared for linking: lower case, hyphens as spaces ("al-Thani")."""
    return " ".join(name.casefold().replace("-", " ").split())


def _short_for(short: str, full: str, *, family_first: bool = False) -> bool:
    """Return whether a bare name is the short form of an earlier full name.

    The end of the name ("Bass" for "John Bass", "al-Thani" for "Tamim bin Hamad Al
    Thani"), or, for a name of three words or more or of a person whose country writes the
    family name first, its first word ("Kim" for "Kim Jong Un", "Hu" for "Hu Jintao").
    """
    short, full = _name_key(short), _name_key(full)
    if not short or short == full:
        return False
    first = len(full.split()) >= 3 or family_first
    return full.endswith(" " + short) or (first and full.startswith(short + " "))


def _link_name(
    mention: ActorSpan,
    names: dict[str, ActorSpan],
    earlier: list[ActorSpan],
    family_first: frozenset[str],
) -> None:
    text = mention.pieces[0].entries[0].key if mention.pieces else ""
    # "Li Changchun … Li thanked": a family name an unknown full name shares links to no one
    shared = any(_name_key(k).startswith(_name_key(text) + " ") for k in names)
    for other in reversed(earlier):
        first = not shared and other.actor is not None and other.actor.country in family_first
        if (
            other.actor
            and other.actor.name
            and other.actor.name != text
            and (
                _short_for(text, other.actor.name)
                or (
                    other.actor.person is not None
                    and _short_for(text, other.actor.person, family_first=first)
                )
            )
        ):
            mention.actor = other.actor
            mention.how = f"surname of {other.actor.name}"
            mention.office = other.office
            return
    names[text] = mention


def _resolve_counterpart(
    doc: Doc, mention: ActorSpan, found: list[ActorSpan], ctx: ResolveContext
) -> None:
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
        holder, reason = office_holder(kb, candidate, country, ctx)
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


def _offices_held(kb: Knowledge, owner: ActorSpan, ctx: ResolveContext) -> list[str]:
    """Return the owner's office in the text first, then the person's other posts at the date."""
    assert owner.office is not None
    offices = [owner.office]
    person = kb.people.get(owner.actor.person_id or "") if owner.actor else None
    if person is None or ctx.on is None:
        return offices
    held = [role.office for role in kb.roles_on(person, ctx.on)]
    return offices + [o for o in held if o not in offices]


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
    # Doc.text joins every token's text on each access: read it once.
    text = doc.text
    body = 1
    while has(body + 1):
        sent = sentences[body]
        line_start = sent.start_char == 0 or text[sent.start_char - 1] == "\n"
        if not line_start or len(sent) >= _HEADLINE_TOKENS:
            break
        body += 1
    until = sentences[body + 1 if has(body + 1) else -1].end
    return sentences[body].start, until


def _headline_person(
    doc: Doc, mention: ActorSpan, later: list[ActorSpan], window: tuple[int, int] | None
) -> bool:
    """Name a headline's unnamed official ("US official vows …") after the lede's person.

    Only a singular title without a person in a document's headline lines looks forward, and
    only to the first known person of the same country in the lede's two sentences.
    """
    actor = mention.actor
    if actor is None or actor.person is not None or actor.country is None:
        return False
    titles = [p for p in mention.pieces if piece_kind(p) == "title"]
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
