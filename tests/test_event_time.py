"""Tests for event dates in context: other clauses' dates, the lede's news day, lead words."""

from __future__ import annotations

from typing import Any

import pytest

from bilat.nlp import load_nlp, parse
from bilat.nlp.clauses import other_clauses
from bilat.records import DatePrecision, DateSource, Document, DocumentDate
from bilat.time import EventDate, news_day, resolve_event_date

TUESDAY = DocumentDate(
    "2023-03-07", "2023-03-07", "2023-03-07", DatePrecision.DAY, DateSource.METADATA
)


def _clauses(text: str, trigger: str) -> list[str]:
    doc = parse(load_nlp(), text)
    sentence = next(doc.sents)
    token = next(t for t in doc if t.text == trigger)
    return [sentence.text[start:end] for start, end in other_clauses(sentence, token)]


def test_other_clauses_relative_clause_is_another_event() -> None:
    text = "The two sides, who signed the accord in 2022, met on Monday."
    assert _clauses(text, "met") == ["who signed the accord in 2022"]


def test_other_clauses_conjoined_verb_is_another_event() -> None:
    text = "Pakistan expelled the envoy on Wednesday and suspended trade in 2019."
    assert _clauses(text, "expelled") == ["suspended trade in 2019"]


def test_other_clauses_governing_verb_is_not_another_event() -> None:
    text = "Pakistan expelled the envoy on Wednesday and suspended trade in 2019."
    assert _clauses(text, "suspended") == []


def test_resolve_event_date_skips_expression_in_excluded_clause() -> None:
    sentence = "The two sides, who signed the accord in 2022, met on Monday."
    result = resolve_event_date(sentence, doc_date=TUESDAY, span=(46, 49), exclude=[(15, 44)])
    assert result == EventDate(
        "2023-03-06", DatePrecision.DAY, "on Monday", 50, 59, "2023-03-06", "2023-03-06"
    )


def test_resolve_event_date_only_excluded_expressions_gives_document_date() -> None:
    sentence = "The envoy, who arrived in 2022, left."
    result = resolve_event_date(sentence, doc_date=TUESDAY, span=(32, 36), exclude=[(11, 30)])
    assert (result.value, result.precision) == ("2023-03-07", DatePrecision.DOCUMENT)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("He hailed the first visit since the February 2023 elections.", "visit", "2023-03-07"),
        ("Officials recalled a February 2022 visit to Kabul.", "visit", "2022-02"),
        ("The two signed the accord in February 2022.", "signed", "2022-02"),
    ],
)
def test_resolve_event_date_attributive_dates_its_own_noun(
    sentence: str, trigger: str, expected: str
) -> None:
    start = sentence.index(trigger)
    span = (start, start + len(trigger))
    result = resolve_event_date(sentence, doc_date=TUESDAY, span=span, attributive=True)
    assert result.value == expected


def test_resolve_event_date_until_outranks_given_past_tense() -> None:
    sentence = "Identity cards would only be accepted until Oct 31."
    result = resolve_event_date(sentence, doc_date=TUESDAY, tense="past")
    assert result.value == "2023-10-31"


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        (
            "They agreed to hold a vote by the end of 2024, at talks on Sunday.",
            "agreed",
            "2023-03-05",
        ),
        (
            "They agreed to hold a vote by the end of 2024, at talks on Sunday.",
            "talks",
            "2023-03-05",
        ),
        ("They agreed to hold a vote by the end of 2024.", "agreed", "2023-03-07"),
        ("Iran is expected to visit China by May.", "visit", "2023-05"),
        ("Iran will have to respond by Friday.", "respond", "2023-03-10"),
    ],
)
def test_resolve_event_date_deadline_of_an_infinitive_dates_only_it(
    sentence: str, trigger: str, expected: str
) -> None:
    start = sentence.index(trigger)
    tense = "past" if "agreed" in sentence else None
    span = (start, start + len(trigger))
    result = resolve_event_date(sentence, doc_date=TUESDAY, span=span, tense=tense)
    assert result.value == expected


def test_news_day_is_the_day_the_lede_names() -> None:
    sentences = ["Border troops clashed on Sunday.", "Both sides blamed each other."]
    result = news_day(sentences, TUESDAY)
    assert result is not None
    assert (result.value, result.expression) == ("2023-03-05", "on Sunday")


def test_news_day_ignores_days_beyond_the_lede() -> None:
    sentences = ["Talks were tense.", "They ended.", "Nothing was agreed.", "It rained on Sunday."]
    assert news_day(sentences, TUESDAY) is None


def test_news_day_ignores_days_more_than_a_week_back() -> None:
    assert news_day(["The accord was signed on 1 February 2023."], TUESDAY) is None


def test_news_day_needs_a_document_day() -> None:
    year_only = DocumentDate(
        "2023", "2023-01-01", "2023-12-31", DatePrecision.YEAR, DateSource.USER
    )
    assert news_day(["Troops clashed on Sunday."], year_only) is None


def _dates(pipeline: Any, text: str, published: str) -> list[tuple[str, str, str, str | None]]:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published=published))
    return [(e.source.code, e.cameo, e.target.code, e.date) for e in extraction.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pakistan condemned India on Sunday. Pakistan also criticised India.",
            [("PAK", "111", "IND", "2023-03-05"), ("PAK", "111", "IND", "2023-03-05")],
        ),
        (
            "Iran met Pakistan yesterday. The two sides also agreed to expand trade.",
            [("IRN", "040", "PAK", "2023-03-06"), ("IRN", "030", "PAK", "2023-03-06")],
        ),
    ],
)
def test_extract_undated_event_takes_the_lede_day(
    pipeline: Any, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _dates(pipeline, text, "2023-03-07") == expected


def test_extract_event_noun_takes_the_tense_of_its_verb(pipeline: Any) -> None:
    # The visit lies as far back as the signing its phrase hangs on; the later clause's
    # "agreed to ... next year" does not carry it to the coming September.
    text = (
        "The ministers reviewed the deals signed during Prime Minister Shehbaz Sharif's visit "
        "to China in September, and agreed to hold new talks early next year."
    )
    visits = [d for d in _dates(pipeline, text, "2025-12-09") if d[1] == "042"]
    assert visits == [("PAKGOV", "042", "CHN", "2025-09")]


def test_resolve_event_date_since_phrase_yields_to_the_event_day() -> None:
    # "the first visit since 2012" bounds a span; the day the sentence names dates the visit
    sentence = "The president made his first visit to Peru since 2012 on Wednesday."
    start = sentence.index("visit")
    result = resolve_event_date(sentence, doc_date=TUESDAY, span=(start, start + 5))
    assert (result.value, result.expression) == ("2023-03-01", "on Wednesday")
    # alone, the since-phrase still dates what it governs
    alone = "Relations have been frozen since 2012."
    start = alone.index("frozen")
    result = resolve_event_date(alone, doc_date=TUESDAY, span=(start, start + 6))
    assert (result.value, result.expression) == ("2012", "since 2012")
