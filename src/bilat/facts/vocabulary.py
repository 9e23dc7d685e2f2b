"""The words facts and quotes are read with, from the knowledge registry.

Unit words (``units.yaml``: currencies, scales, number words, casualty phrases…) and quote words
(``quotes.yaml``) are knowledge sections like any other, so a user's ``knowledge_dirs`` can add
a currency or a speech verb; the regular expressions built from them live on the objects the
callers cache per :class:`~bilat.knowledge.Knowledge`, so no module keeps mutable globals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bilat.knowledge import Knowledge
from bilat.knowledge.schema import CasualtyPhrases, CountLinks, Currency, QuoteWords, Units

__all__ = [
    "CasualtyPhrases",
    "CountLinks",
    "Currency",
    "QuoteWords",
    "Units",
    "alternation",
    "load_quote_words",
    "load_units",
]


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of the words, longest first, each escaped.

    Args:
        words: literal words or phrases; spaces match any run of whitespace.

    Returns:
        A non-capturing group such as ``(?:more\\s+than|over)``.
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    parts = [r"\s+".join(re.escape(piece) for piece in w.split()) for w in unique]
    return "(?:" + "|".join(parts) + ")"


def load_units(knowledge: Knowledge | None = None) -> Units:
    """Return the unit words of a knowledge base (the bundled one by default).

    Args:
        knowledge: the knowledge, e.g. with the user's ``knowledge_dirs``.

    Returns:
        The validated, immutable :class:`Units`.
    """
    return (knowledge or Knowledge.load()).units


def load_quote_words(knowledge: Knowledge | None = None) -> QuoteWords:
    """Return the quote-attribution words of a knowledge base (the bundled one by default).

    Args:
        knowledge: the knowledge, e.g. with the user's ``knowledge_dirs``.

    Returns:
        The validated, immutable :class:`QuoteWords`.
    """
    return (knowledge or Knowledge.load()).quote_words
