"""Find the lexicon's multi-word triggers, which the tokenizer splits into several tokens.

The coder looks a trigger up by one token's lemma, but "cease-fire" comes out of the tokenizer
as "cease", "-", "fire" and "phone call" as two words; the parser makes the last word the head
("fire", "call", "strikes"). A phrase is therefore found at its last word, by checking the
words before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

_WORD = re.compile(r"-|[^\s-]+")


def phrase_words(lemma: str) -> tuple[str, ...]:
    """Split a lexicon lemma into the tokens the tokenizer makes of it.

    Args:
        lemma: a trigger lemma from the lexicon ("cease-fire", "phone call", "condemn").

    Returns:
        Its lower-case words, a hyphen being a word of its own: ``("cease", "-", "fire")``.
    """
    return tuple(_WORD.findall(lemma.lower()))


def is_phrase(lemma: str) -> bool:
    """Return whether a lexicon lemma spans more than one token ("sit-in", "air strike")."""
    return len(phrase_words(lemma)) > 1


@dataclass(frozen=True)
class PhraseIndex:
    """The multi-word lemmas of a lexicon, keyed by their last word.

    Example::

        index = PhraseIndex.build(["cease-fire", "phone call", "condemn"])
        index.ending_at(doc[8])  # ["cease-fire"] when doc[6:9] is "cease - fire"
    """

    by_last: dict[str, tuple[tuple[tuple[str, ...], str], ...]]

    @classmethod
    def build(cls, lemmas: Iterable[str]) -> PhraseIndex:
        """Index the multi-word lemmas among a lexicon's trigger lemmas.

        Args:
            lemmas: every trigger lemma (one-word lemmas are left out).

        Returns:
            The index, longest phrase first for each last word.
        """
        found: dict[str, set[tuple[tuple[str, ...], str]]] = {}
        for lemma in lemmas:
            words = phrase_words(lemma)
            if len(words) > 1:
                found.setdefault(words[-1], set()).add((words, lemma))
        return cls(
            {
                last: tuple(sorted(entries, key=lambda e: (-len(e[0]), e[1])))
                for last, entries in found.items()
            }
        )

    def ending_at(self, token: Token) -> list[str]:
        """Return the multi-word lemmas whose last word is this token, longest first.

        Args:
            token: a token of a parsed or tokenized sentence.

        Returns:
            The lexicon lemmas ("cease-fire") spelled by the tokens up to and including this one;
            the last word may be inflected ("air-strikes"), the others must be as written.
        """
        entries = self.by_last.get(token.lower_, ()) + self.by_last.get(token.lemma_.lower(), ())
        doc = token.doc
        out: list[str] = []
        for words, lemma in entries:
            start = token.i - len(words) + 1
            if start < token.sent.start or lemma in out:
                continue
            if all(doc[start + k].lower_ == word for k, word in enumerate(words[:-1])):
                out.append(lemma)
        return out
