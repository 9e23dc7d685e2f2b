"""Build the regular expressions for money, percentages and counts from ``units.yaml``.

Values are read back from the match groups by :func:`money_value`, :func:`count_value` and
friends, so the knowledge file is the only place that names a currency or a number word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bilat.errors import KnowledgeError
from bilat.facts.vocabulary import Units, alternation
from bilat.knowledge import Knowledge

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A count is a whole number not glued to other digits, a decimal point or a currency sign.
_COUNT_DIGITS = r"(?<![\d.,$€£¥₹])(?:\d{1,3}(?:,\d{3})+|\d+)(?![.,]?\d)(?!\s?%)"
_KIND = re.compile(r"^[a-z]+$")


@dataclass(frozen=True)
class FactPatterns:
    """Compiled patterns and lookup tables for one :class:`Units` vocabulary."""

    units: Units
    money: re.Pattern[str]
    money_detail_after: re.Pattern[str]
    money_detail_before: re.Pattern[str]
    percent: re.Pattern[str]
    tariff_before: re.Pattern[str]
    tariff_after: re.Pattern[str]
    count: re.Pattern[str]
    particle: re.Pattern[str]
    followers: frozenset[str]
    trigger_before: re.Pattern[str]
    trigger_after: re.Pattern[str]
    kinds: tuple[str, ...]
    before_currency: dict[str, str]
    after_currency: dict[str, str]
    scales: dict[str, float]


def _currency_tables(units: Units) -> tuple[dict[str, str], dict[str, str]]:
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for currency in units.currencies:
        for symbol in currency.before:
            before[_norm(symbol)] = currency.code
        for word in currency.after:
            after[_norm(word).lower()] = currency.code
    return before, after


def _norm(phrase: str) -> str:
    return " ".join(phrase.split())


def build_patterns(units: Units) -> FactPatterns:
    """Compile every pattern the fact extractor needs from a unit vocabulary.

    Args:
        units: the validated content of ``units.yaml``.

    Returns:
        The compiled :class:`FactPatterns`.
    """
    bad = [kind for kind in units.casualties if not _KIND.match(kind)]
    if bad:
        raise KnowledgeError(
            f"casualty kinds must be lower-case words, got {bad!r}; rename them in units.yaml"
        )
    before_currency, after_currency = _currency_tables(units)
    qualifier = alternation(units.qualifiers)
    scale = alternation(units.scales)
    pre = alternation(units.currencies[i].before[j] for i, j in _pairs(units, "before"))
    post = alternation(units.currencies[i].after[j] for i, j in _pairs(units, "after"))
    money = re.compile(
        rf"(?:(?P<qual>(?i:{qualifier}))\s+)?"
        rf"(?:(?<![A-Za-z])(?P<pre>{pre})\s?(?P<num1>{_DIGITS})(?:\s?(?P<scale1>(?i:{scale}))\b)?"
        rf"|(?<![\w.,])(?P<num2>{_DIGITS})(?:\s?(?P<scale2>(?i:{scale}))\b)?"
        rf"\s+(?P<post>(?i:{post}))\b)"
    )
    detail = alternation(units.money_details)
    # Up to two proper or "-al" adjectives may sit between the amount and its noun
    # ("$5 billion Saudi investment package", "$20 million additional aid").
    adjective = r"(?:[A-Z][\w'’-]*|[a-z-]+al)"
    # "worth of" may precede the noun ("$7 billion worth of military equipment").
    money_detail_after = re.compile(
        rf"^\s+(?:worth\s+of\s+)?(?:{adjective}\s+){{0,2}}(?P<detail>(?i:{detail}))\b"
    )
    money_detail_before = re.compile(rf"\b(?P<detail>(?i:{detail}))\s+(?i:of|worth)\s+$")
    signs = alternation(units.percent_signs)
    percent = re.compile(
        rf"(?:(?P<qual>(?i:{qualifier}))\s+)?(?<![\w.,])(?P<num>{_DIGITS})"
        rf"\s?(?P<sign>(?i:{signs}))(?!\w)"
    )
    tariff = alternation(units.tariff_words)
    breaker = alternation(units.tariff_breakers)
    tariff_before = re.compile(
        rf"(?i:\b{tariff}\b)(?P<gap>(?:(?!\b(?i:{breaker})\b)[^,;:])*)$",
    )
    tariff_after = re.compile(rf"^\s+(?:[\w'’-]+\s+)?(?i:{tariff})\b")
    count = _count_pattern(units, qualifier)
    trigger_before, trigger_after = _trigger_patterns(units)
    return FactPatterns(
        units=units,
        money=money,
        money_detail_after=money_detail_after,
        money_detail_before=money_detail_before,
        percent=percent,
        tariff_before=tariff_before,
        tariff_after=tariff_after,
        count=count,
        followers=_followers(units),
        particle=re.compile(rf"\b(?i:{alternation(units.particle_verbs)})\s+$"),
        trigger_before=trigger_before,
        trigger_after=trigger_after,
        kinds=tuple(units.casualties),
        before_currency=before_currency,
        after_currency=after_currency,
        scales={k.lower(): v for k, v in units.scales.items()},
    )


def _followers(units: Units) -> frozenset[str]:
    """Return the lower-cased words that may follow a count that has no noun."""
    words = [*units.count_followers, *units.unit_stop_words, *units.casualty_auxiliaries]
    for phrases in units.casualties.values():
        words.extend(phrase.split()[0] for phrase in phrases.after)
    return frozenset(word.lower() for word in words)


def _pairs(units: Units, side: str) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, currency in enumerate(units.currencies)
        for j in range(len(getattr(currency, side)))
    ]


def _count_pattern(units: Units, qualifier: str) -> re.Pattern[str]:
    words = alternation(units.number_words)
    multiplier = alternation(units.number_multipliers)
    vague = alternation(units.vague_counts)
    noun = alternation(units.casualty_nouns)
    stop = alternation(units.unit_stop_words)
    number = (
        rf"(?P<digits>{_COUNT_DIGITS})"
        rf"|(?P<words>\b{words}(?:-{words})?(?:\s+{multiplier})?)\b"
        rf"|(?P<vague>\b{vague})\b(?:\s+of\b)?"
    )
    modifier = rf"(?!{stop}\b)[\w'’-]+\s+"
    return re.compile(
        rf"(?<!\bno\s)(?:(?P<qual>\b{qualifier})\s+)?(?:{number})"
        rf"(?:\s+(?P<unit>(?:{modifier}){{0,3}}{noun})\b)?",
        re.IGNORECASE,
    )


def _trigger_patterns(units: Units) -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = "|".join(
        rf"(?P<{kind}>\b{alternation(phrases.before)})"
        for kind, phrases in units.casualties.items()
    )
    after = "|".join(
        rf"(?P<{kind}>{alternation(phrases.after)})" for kind, phrases in units.casualties.items()
    )
    aux = alternation(units.casualty_auxiliaries)
    return (
        re.compile(rf"(?:{before})\s+(?:a\s+total\s+of\s+)?$", re.IGNORECASE),
        re.compile(rf"^(?:\s+{aux}){{0,3}}\s+(?:{after})\b", re.IGNORECASE),
    )


@functools.lru_cache(maxsize=8)
def default_patterns(knowledge: Knowledge | None = None) -> FactPatterns:
    """Return the patterns built from a knowledge base's unit words, compiled once for it.

    Args:
        knowledge: the knowledge (the bundled one by default).
    """
    return build_patterns((knowledge or Knowledge.load()).units)


def parse_number(digits: str) -> float:
    """Return the value of a written number such as ``"1,250"`` or ``"2.5"``."""
    return float(digits.replace(",", ""))


def words_value(phrase: str, units: Units) -> int:
    """Return the value of a number written in words ("twenty-five", "three hundred").

    Args:
        phrase: the matched words.
        units: the vocabulary holding the number words and multipliers.

    Returns:
        The integer value.
    """
    words = {k.lower(): v for k, v in units.number_words.items()}
    multipliers = {k.lower(): v for k, v in units.number_multipliers.items()}
    text = " ".join(phrase.lower().split())
    if text in words:
        return words[text]
    parts = text.split()
    factor = 1
    if len(parts) > 1 and parts[-1] in multipliers:
        factor = multipliers[parts[-1]]
        parts = parts[:-1]
    base = " ".join(parts)
    if base in words:
        return words[base] * factor
    return sum(words[piece] for piece in base.split("-")) * factor
