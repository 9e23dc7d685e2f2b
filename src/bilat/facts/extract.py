"""Find the numbers a report gives: casualties, money, percentages and tariffs.

Pure text in, :class:`~bilat.records.Fact` records out; the words come from
``knowledge/units.yaml``. Counts are tied to a casualty kind by a phrase right before them
("killed at least 50 people"), right after them ("three soldiers were killed") or through a
neighbouring count ("151 civilians and 114 security personnel were killed"; "killed 50 people,
including 14 soldiers" gives the 14 the detail ``"including"``).

Vague counts are stored as their lower bound with the word as qualifier: "dozens" → 24,
"scores" → 40, "hundreds" → 200, "thousands" → 2000 (see ``vague_counts`` in ``units.yaml``).

    >>> text = "The blast killed at least 12 people."
    >>> [(f.kind, f.value, f.qualifier) for f in extract_facts(text, [(0, 36)], doc_id="d")]
    [('killed', 12.0, 'at least')]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bilat.facts.patterns import FactPatterns, default_patterns, parse_number, words_value
from bilat.knowledge import Knowledge
from bilat.records import Fact


@dataclass
class _Count:
    """A number of people in one sentence, before and after it is tied to a kind."""

    start: int
    end: int
    value: float
    qualifier: str | None
    unit: str | None
    kind: str | None = None
    detail: str | None = None
    direct: bool = False


@dataclass
class _Group:
    """An open "including …" breakdown: the kind it breaks down and whether "and" was seen."""

    kind: str | None
    joined: bool = False


@dataclass
class _Sentence:
    """One sentence's text, where it starts in the document and its index."""

    text: str
    offset: int
    index: int
    taken: list[tuple[int, int]] = field(default_factory=list)


def extract_facts(
    text: str,
    sentences: Sequence[tuple[int, int]],
    *,
    doc_id: str,
    knowledge: Knowledge | None = None,
) -> list[Fact]:
    """Return the casualty counts, money amounts, percentages and tariffs in a text.

    Args:
        text: the document text.
        sentences: ``(start, end)`` character offsets of its sentences; when empty the whole
            text is read as sentence 0.
        doc_id: the document id stored on every fact.
        knowledge: whose unit words to use (the bundled knowledge by default).

    Returns:
        Facts in text order, with absolute character offsets into ``text``.
    """
    patterns = default_patterns(knowledge or Knowledge.load())
    spans = list(sentences) or [(0, len(text))]
    facts: list[Fact] = []
    for index, (start, end) in enumerate(spans):
        sentence = _Sentence(text[start:end], start, index)
        found = _money(sentence, patterns, doc_id)
        found += _percents(sentence, patterns, doc_id)
        found += _casualties(sentence, patterns, doc_id)
        facts.extend(found)
    facts.sort(key=lambda f: (f.start, f.end, f.kind))
    return facts


def _left(text: str, end: int, width: int = 80) -> str:
    """Return the text just before ``end``: end-anchored patterns need only a short stretch."""
    return text[max(0, end - width) : end]


def _qualified(
    text: str, match: re.Match[str], body: int, patterns: FactPatterns
) -> tuple[tuple[int, int], str | None]:
    """Return a match's span and qualifier, dropping an "over" that belongs to a verb."""
    qual = match.group("qual")
    if not qual:
        return match.span(), None
    qualifier = " ".join(qual.lower().split())
    if qualifier == "over" and patterns.particle.search(_left(text, match.start())):
        return (body, match.end()), None
    return match.span(), qualifier


def _fact(
    sentence: _Sentence,
    doc_id: str,
    kind: str,
    span: tuple[int, int],
    value: float,
    unit: str | None,
    qualifier: str | None,
    detail: str | None = None,
) -> Fact:
    start, end = span
    return Fact(
        doc_id=doc_id,
        kind=kind,
        value=value,
        unit=unit,
        qualifier=qualifier,
        text=sentence.text[start:end],
        start=sentence.offset + start,
        end=sentence.offset + end,
        sentence_index=sentence.index,
        detail=detail,
    )


def _money(sentence: _Sentence, patterns: FactPatterns, doc_id: str) -> list[Fact]:
    facts: list[Fact] = []
    for match in patterns.money.finditer(sentence.text):
        if match.group("pre"):
            code = patterns.before_currency[" ".join(match.group("pre").split())]
            digits, scale = match.group("num1"), match.group("scale1")
        else:
            code = patterns.after_currency[" ".join(match.group("post").split()).lower()]
            digits, scale = match.group("num2"), match.group("scale2")
        value = parse_number(digits) * (patterns.scales[scale.lower()] if scale else 1.0)
        detail = _money_detail(sentence.text, match, patterns)
        sentence.taken.append(match.span())
        body = match.start("pre") if match.group("pre") else match.start("num2")
        span, qualifier = _qualified(sentence.text, match, body, patterns)
        facts.append(_fact(sentence, doc_id, "money", span, value, code, qualifier, detail))
    return facts


def _money_detail(text: str, match: re.Match[str], patterns: FactPatterns) -> str | None:
    after = patterns.money_detail_after.match(text[match.end() :])
    if after:
        return after.group("detail").lower()
    before = patterns.money_detail_before.search(_left(text, match.start()))
    return before.group("detail").lower() if before else None


def _percents(sentence: _Sentence, patterns: FactPatterns, doc_id: str) -> list[Fact]:
    facts: list[Fact] = []
    for match in patterns.percent.finditer(sentence.text):
        if _overlaps(match.span(), sentence.taken):
            continue
        sentence.taken.append(match.span())
        kind = "tariff" if _is_tariff(sentence.text, match, patterns) else "percent"
        value = parse_number(match.group("num"))
        span, qualifier = _qualified(sentence.text, match, match.start("num"), patterns)
        facts.append(_fact(sentence, doc_id, kind, span, value, "%", qualifier))
    return facts


def _is_tariff(text: str, match: re.Match[str], patterns: FactPatterns) -> bool:
    if patterns.tariff_after.match(text[match.end() :]):
        return True
    before = patterns.tariff_before.search(_left(text, match.start(), 240))
    if before is None:
        return False
    return len(before.group("gap").split()) <= patterns.units.tariff_window


def _overlaps(span: tuple[int, int], taken: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _casualties(sentence: _Sentence, patterns: FactPatterns, doc_id: str) -> list[Fact]:
    counts = _counts(sentence, patterns)
    _link_forward(sentence.text, counts, patterns)
    _link_backward(sentence.text, counts, patterns)
    return [
        _fact(
            sentence,
            doc_id,
            c.kind,
            (c.start, c.end),
            c.value,
            c.unit,
            c.qualifier,
            c.detail,
        )
        for c in counts
        if c.kind is not None
    ]


def _counts(sentence: _Sentence, patterns: FactPatterns) -> list[_Count]:
    units = patterns.units
    vague = {k.lower(): v for k, v in units.vague_counts.items()}
    counts: list[_Count] = []
    for match in patterns.count.finditer(sentence.text):
        if _overlaps(match.span(), sentence.taken):
            continue
        body = min(match.start(g) for g in ("digits", "words", "vague") if match.group(g))
        (start, end), qualifier = _qualified(sentence.text, match, body, patterns)
        unit = " ".join(match.group("unit").split()) if match.group("unit") else None
        if match.group("digits"):
            value = parse_number(match.group("digits"))
            # A bare four-digit number from 1900 to 2100 is a year ("since 2021"), not a count.
            if unit is None and "," not in match.group("digits") and 1900 <= value <= 2100:
                continue
        elif match.group("words"):
            value = float(words_value(match.group("words"), units))
        else:
            word = match.group("vague").lower()
            value, qualifier = float(vague[word]), word
        if unit is None and _unknown_noun_follows(sentence.text, end, patterns):
            continue
        count = _Count(start, end, value, qualifier, unit)
        count.kind = _direct_kind(sentence.text, count, patterns)
        count.direct = count.kind is not None
        counts.append(count)
    return counts


def _unknown_noun_follows(text: str, end: int, patterns: FactPatterns) -> bool:
    """Tell whether a bare count is followed by a word that is not a known noun ("550 poultry")."""
    follower = re.match(r"\s+([A-Za-z][\w'’-]*)", text[end : end + 40])
    return follower is not None and follower.group(1).lower() not in patterns.followers


def _direct_kind(text: str, count: _Count, patterns: FactPatterns) -> str | None:
    for pattern, chunk in (
        (patterns.trigger_before, _left(text, count.start)),
        (patterns.trigger_after, text[count.end :]),
    ):
        match = pattern.search(chunk)
        if match:
            return next(k for k in patterns.kinds if match.group(k) is not None)
    return None


def _gap(text: str, left: _Count, right: _Count) -> str:
    return " ".join(text[left.end : right.start].lower().split())


def _link_forward(text: str, counts: list[_Count], patterns: FactPatterns) -> None:
    links = patterns.units.count_links
    series = {" ".join(w.lower().split()) for w in links.series}
    including = {" ".join(w.lower().split()) for w in links.including}
    group: _Group | None = None
    for prev, count in itertools.pairwise(counts):
        if count.direct:
            group = None
            continue
        gap = _gap(text, prev, count)
        bare = gap.lstrip(",;:—– ").strip()
        if bare in including:
            group = _Group(prev.kind)
            count.kind, count.detail = prev.kind, "including"
        elif gap in series and group is not None:
            if gap.startswith(",") and "and" in gap and group.joined:
                # ", and" after "A and B" closes the breakdown: the count belongs to the head.
                count.kind, count.detail = group.kind, None
                group = None
            else:
                group.joined = group.joined or "and" in gap
                count.kind, count.detail = prev.kind, "including"
        elif gap in series:
            count.kind, count.detail = prev.kind, prev.detail
        else:
            group = None


def _link_backward(text: str, counts: list[_Count], patterns: FactPatterns) -> None:
    series = {" ".join(w.lower().split()) for w in patterns.units.count_links.series}
    for index in range(len(counts) - 2, -1, -1):
        count, following = counts[index], counts[index + 1]
        linked = _gap(text, count, following) in series
        if count.kind is None and following.kind is not None and linked:
            count.kind = following.kind
