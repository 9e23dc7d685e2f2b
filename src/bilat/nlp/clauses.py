"""Which parts of a sentence belong to clauses other than the one an event's trigger heads.

"The two sides, who signed the accord in 2022, met on Monday": the year sits in the relative
clause headed by "signed"; it dates the signing, not the meeting. A clause whose head neither is
the trigger nor governs it (is not an ancestor of it) speaks of another event.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Dependency labels that attach a clause of its own (with its own time) to its head.
_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "xcomp", "acl", "conj", "parataxis", "pcomp"})


def other_clauses(sentence: Span, trigger: Token) -> list[tuple[int, int]]:
    """Return the character spans, relative to the sentence start, of the clauses not governing the trigger.

    Args:
        sentence: the parsed sentence.
        trigger: the event's verb or noun, a token of ``sentence``.

    Returns:
        ``(start, end)`` offsets of each such clause, in text order, nested ones left out.
    """
    governors = {trigger.i, *(t.i for t in trigger.ancestors)}
    found: list[tuple[int, int]] = []
    for token in sentence:
        if token.i in governors or token.dep_ not in _CLAUSE_DEPS:
            continue
        if token.pos_ not in ("VERB", "AUX"):
            continue
        left = min(t.idx for t in token.subtree)
        right = max(t.idx + len(t) for t in token.subtree)
        found.append((left - sentence.start_char, right - sentence.start_char))
    outer = [s for s in found if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in found)]
    return sorted(set(outer))
