"""Tests for dating an undated article from weekdays named with dates, leap days and titles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bilat.records import DatePrecision, Document, DocumentDate
from bilat.time import ReferredEvent, TenureEvidence, resolve_document_date

BIDEN = TenureEvidence(
    "joe-biden",
    "Joe Biden",
    "head_of_state",
    "President Joe Biden",
    dt.date(2021, 1, 20),
    dt.date(2025, 1, 20),
)
TODAY = dt.date(2026, 11, 23)


def test_weekday_with_date_picks_the_year_of_that_weekday() -> None:
    doc = Document.from_text("President Joe Biden said on Thursday, February 24, in Washington.")
    result = resolve_document_date(doc, evidence=[BIDEN], today=TODAY)
    assert (result.earliest, result.latest, result.precision) == (
        "2022-02-24",
        "2022-03-03",
        DatePrecision.RANGE,
    )
    assert result.evidence == (
        "tenure: President Joe Biden Joe Biden (2021-01-20..2025-01-20); "
        "weekday date: 'Thursday, February 24' ⇒ 2022-02-24 [earliest, latest]"
    )


def test_date_then_weekday_in_brackets() -> None:
    doc = Document.from_text("President Joe Biden met envoys on May 27 (Saturday).")
    result = resolve_document_date(doc, evidence=[BIDEN], today=TODAY)
    assert (result.earliest, result.latest) == ("2023-05-27", "2023-06-03")


def test_weekday_date_in_future_tense_is_ignored() -> None:
    doc = Document.from_text("President Joe Biden will travel on Thursday, February 24.")
    result = resolve_document_date(doc, evidence=[BIDEN], today=TODAY)
    assert (result.earliest, result.latest) == ("2021-01-20", "2025-01-20")


def test_leap_day_keeps_only_leap_years() -> None:
    # "Doha, Feb 29:" is a dateline: the article is of that day, in Biden's one leap year
    doc = Document.from_text("Doha, Feb 29: President Joe Biden signed the deal.")
    result = resolve_document_date(doc, evidence=[BIDEN], today=TODAY)
    assert (result.earliest, result.latest) == ("2024-02-29", "2024-02-29")


def test_leap_day_in_the_text_keeps_only_leap_years() -> None:
    doc = Document.from_text("President Joe Biden signed the deal on Feb 29.")
    result = resolve_document_date(doc, evidence=[BIDEN], today=TODAY)
    assert (result.earliest, result.latest) == ("2024-02-29", "2024-03-07")


def test_extract_title_inside_a_person_alias_dates_the_text(pipeline: Any) -> None:
    extraction = pipeline.extract(
        Document.from_text("US President Donald Trump criticised China.", doc_id="t")
    )
    assert extraction.date.earliest == "2017-01-20"
    assert extraction.date.evidence == (
        "tenure: US President Donald Trump Donald Trump (2017-01-20..) [earliest]"
    )


def test_weekday_date_after_an_open_lower_bound_searches_up_to_today() -> None:
    doc = Document.from_text(
        "Talks began on 17 November 2023. They met again on Sunday, 14 January."
    )
    result = resolve_document_date(doc, today=TODAY)
    assert (result.earliest, result.latest) == ("2024-01-14", "2024-01-21")


def test_referred_event_dates_the_text_from_its_day() -> None:
    doc = Document.from_text(
        "Both armies pulled back after the deadly Galwan clash. Talks went on for weeks."
    )
    result = resolve_document_date(doc, referred=ReferredEvent.load_all())
    assert (result.earliest, result.latest, result.precision, result.evidence) == (
        "2020-06-15",
        None,
        DatePrecision.RANGE,
        "refers to the Galwan clash: 'Galwan clash' ⇒ on or after 2020-06-15 [earliest]",
    )


def test_referred_events_latest_one_wins_and_meets_tenure() -> None:
    doc = Document.from_text(
        "Since the Taliban takeover, aid fell; the COVID pandemic had already cut it. "
        "President Joe Biden spoke."
    )
    result = resolve_document_date(doc, evidence=[BIDEN], referred=ReferredEvent.load_all())
    assert (result.earliest, result.latest) == ("2021-08-15", "2025-01-20")


def test_place_name_alone_is_not_a_referred_event() -> None:
    doc = Document.from_text("The patrol walked along the Galwan river.")
    result = resolve_document_date(doc, referred=ReferredEvent.load_all())
    assert result.precision is DatePrecision.UNKNOWN


def test_extract_role_title_of_its_own_dates_the_text(pipeline: Any) -> None:
    text = "Asked about it, Foreign Affairs Advisor Touhid Hossain said the envoy was summoned."
    result = pipeline.extract(Document.from_text(text)).date
    assert (result.earliest, result.latest) == ("2024-08-08", "2026-02-17")


def test_event_referred_to_by_its_date_bounds_the_text_from_below() -> None:
    doc = Document.from_text("It was the first visit following the February 2024 elections.")
    result = resolve_document_date(doc)
    assert (result.earliest, result.latest, result.evidence) == (
        "2024-01-01",
        None,
        "past year: 'following the February 2024' ⇒ on or after 2024 [earliest]",
    )


def test_event_after_a_coming_date_is_no_lower_bound() -> None:
    doc = Document.from_text("The vote will be held after the 2030 census.")
    assert resolve_document_date(doc).precision is DatePrecision.UNKNOWN


DAR = TenureEvidence(
    "ishaq-dar",
    "Ishaq Dar",
    "finance_minister",
    "Finance Minister Ishaq Dar",
    dt.date(1998, 8, 6),
    dt.date(2023, 8, 10),
    terms=(
        (dt.date(1998, 8, 6), dt.date(1999, 10, 12)),
        (dt.date(2013, 6, 7), dt.date(2017, 11, 21)),
        (dt.date(2022, 9, 28), dt.date(2023, 8, 10)),
    ),
)


def test_terms_of_office_keep_only_the_term_that_meets_other_clues() -> None:
    doc = Document.from_text("Finance Minister Ishaq Dar met lenders, as he did in 2021.")
    result = resolve_document_date(doc, evidence=[DAR])
    assert (result.earliest, result.latest, result.evidence) == (
        "2022-09-28",
        "2023-08-10",
        "tenure: Finance Minister Ishaq Dar Ishaq Dar (1998-08-06..2023-08-10) [latest]; "
        "past year: 'in 2021' ⇒ on or after 2021; "
        "terms: Finance Minister Ishaq Dar in office 2022-09-28..2023-08-10 [earliest]",
    )


def test_terms_of_office_alone_give_their_whole_span() -> None:
    doc = Document.from_text("Finance Minister Ishaq Dar met lenders.")
    result = resolve_document_date(doc, evidence=[DAR])
    assert (result.earliest, result.latest) == ("1998-08-06", "2023-08-10")


def test_extract_crown_prince_dates_the_text_before_the_throne(pipeline: Any) -> None:
    extraction = pipeline.extract(
        Document.from_text(
            "President Donald Trump thanked Abu Dhabi Crown Prince Mohammed bin Zayed.",
            doc_id="t",
        )
    )
    # the crown prince (2004-2022) leaves only Trump's first term
    assert (extraction.date.earliest, extraction.date.latest) == ("2017-01-20", "2021-01-20")


def test_extract_honorific_between_title_and_name_keeps_the_title(pipeline: Any) -> None:
    extraction = pipeline.extract(
        Document.from_text(
            "Reserves will rise, Central Bank Governor Dr. Nandalal Weerasinghe said.",
            doc_id="t",
        )
    )
    assert (extraction.date.earliest, extraction.date.latest) == ("2022-04-07", None)
    assert extraction.date.evidence == (
        "tenure: Central Bank Governor Dr. Nandalal Weerasinghe Nandalal Weerasinghe (2022-04-07..) [earliest]"
    )


@pytest.mark.parametrize(
    ("text", "earliest"),
    [
        ("Relations froze after the Kargil war and thawed slowly.", "1999-05-03"),
        ("Security was tightened in the years after the September 11 attacks.", "2001-09-11"),
        ("The AUKUS pact angered Beijing.", "2021-09-15"),
        ("Envoys met a month after the Wagner mutiny.", "2023-06-23"),
        ("The Indus Waters Treaty remains in abeyance, officials said.", "2025-04-23"),
    ],
)
def test_referred_events_of_both_periods_date_the_text(text: str, earliest: str) -> None:
    result = resolve_document_date(Document.from_text(text), referred=ReferredEvent.load_all())
    assert (result.earliest, result.latest) == (earliest, None)


def test_doha_agreement_needs_the_taliban_in_its_sentence() -> None:
    # the WTO's Doha round also produced "Doha agreements"
    trade = Document.from_text("Ministers hoped for a Doha agreement on farm subsidies.")
    afghan = Document.from_text("The Taliban said the Doha agreement still binds Washington.")
    referred = ReferredEvent.load_all()
    assert resolve_document_date(trade, referred=referred).precision is DatePrecision.UNKNOWN
    assert resolve_document_date(afghan, referred=referred).earliest == "2020-02-29"


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "evidence"),
    [
        (
            "The treaty is set to expire in 2026.",
            None,
            "2026-12-31",
            "coming year: 'in 2026' ⇒ on or before 2026-12-31 [latest]",
        ),
        (
            "The sides agreed in 2018 that troops will leave by the end of 2019.",
            "2018-01-01",
            "2019-12-31",
            "past year: 'in 2018' ⇒ on or after 2018 [earliest]; "
            "coming year: 'by the end of 2019' ⇒ on or before 2019-12-31 [latest]",
        ),
        (
            "He won office in the spring of 2019.",
            "2019-01-01",
            None,
            "past year: 'in the spring of 2019' ⇒ on or after 2019 [earliest]",
        ),
    ],
)
def test_years_ahead_and_behind_bound_the_text(
    text: str, earliest: str | None, latest: str | None, evidence: str
) -> None:
    result = resolve_document_date(Document.from_text(text))
    assert (result.earliest, result.latest, result.evidence) == (earliest, latest, evidence)


@pytest.mark.parametrize(
    "text",
    [
        # the year sits in a past clause the future marker does not reach
        "Members will renew the goals made in 1994.",
        "Tadic, elected as president in 2004, will face a test.",
    ],
)
def test_year_in_a_past_clause_is_not_ahead(text: str) -> None:
    result = resolve_document_date(Document.from_text(text))
    assert result.latest is None


def test_year_firmly_ahead_is_not_a_past_year_elsewhere() -> None:
    doc = Document.from_text(
        "Output rose in 2007, the report said. Elections will be held in 2007."
    )
    result = resolve_document_date(doc)
    assert (result.earliest, result.latest) == (None, "2007-12-31")


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        # Hayashi's term as cabinet secretary, not (through the US-only "Secretary") his term
        # as foreign minister
        ("Japan's Chief Cabinet Secretary Yoshimasa Hayashi spoke.", "2023-12-14", "2025-10-21"),
        # "Secretary" alone is a US title: it does not date Japan's foreign minister
        ("Japan's Secretary Yoko Kamikawa spoke.", None, None),
        # Rutte's head-of-state role is NATO's, not the Netherlands'
        ("The President of the Netherlands, Mark Rutte, spoke.", None, None),
        # an organisation's chief under the Secretary General title
        ("NATO Secretary General Mark Rutte spoke.", "2024-10-01", None),
        # "Minister" inside "Foreign Minister" is no title of Wang Yi's other post
        ("China's Foreign Minister Wang Yi spoke.", "2013-03-16", None),
    ],
)
def test_extract_title_dates_only_the_office_it_names(
    pipeline: Any, text: str, earliest: str | None, latest: str | None
) -> None:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t"))
    assert (extraction.date.earliest, extraction.date.latest) == (earliest, latest)


QUEEN = TenureEvidence(
    "elizabeth-ii",
    "Elizabeth II",
    "head_of_state",
    "Queen Elizabeth",
    dt.date(1952, 2, 6),
    dt.date(2022, 9, 8),
)
KING = TenureEvidence(
    "charles-iii", "Charles III", "head_of_state", "King Charles", dt.date(2022, 9, 8), None
)


@pytest.mark.parametrize("order", [[QUEEN, KING, BIDEN], [BIDEN, KING, QUEEN]])
def test_holders_meeting_on_the_handover_day_keep_the_successor(
    order: list[TenureEvidence],
) -> None:
    doc = Document.from_text("King Charles recalled Queen Elizabeth; President Joe Biden spoke.")
    result = resolve_document_date(doc, evidence=order)
    assert (result.earliest, result.latest, result.precision) == (
        "2022-09-08",
        "2025-01-20",
        DatePrecision.RANGE,
    )
    assert result.flags == (
        "conflict: tenure: Queen Elizabeth Elizabeth II (1952-02-06..2022-09-08)",
    )


def test_weekday_date_not_shown_past_may_be_a_week_ahead() -> None:
    doc = Document.from_text("President Joe Biden opens the talks on Monday, December 11.")
    result = resolve_document_date(doc, evidence=[BIDEN], today=TODAY)
    assert (result.earliest, result.latest) == ("2023-12-04", "2023-12-18")


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("Supporters of ousted president Mohamed Bazoum marched.", "2023-07-26", None),
        (
            "Since the coup against elected president Mohamed Bazoum, talks stalled.",
            "2023-07-26",
            None,
        ),
        ("The late President Ebrahim Raisi visited Pakistan.", "2024-05-19", None),
        # "late" before a weekday says nothing of the person
        (
            "Late on Wednesday, President Ebrahim Raisi visited Pakistan.",
            "2021-08-03",
            "2024-05-19",
        ),
        # a removal of something else than the person
        (
            "The coup against the government of President Mohamed Bazoum failed.",
            "2021-04-02",
            "2023-07-26",
        ),
        # the old title in a caption does not put the text back inside the term
        (
            "Niger's President Mohamed Bazoum\n\nSince the coup against president Bazoum, talks stalled.",
            "2023-07-26",
            None,
        ),
    ],
)
def test_extract_removed_person_dates_the_text_after_the_term(
    pipeline: Any, text: str, earliest: str, latest: str | None
) -> None:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t"))
    assert (extraction.date.earliest, extraction.date.latest) == (earliest, latest)


@pytest.mark.parametrize(
    "text",
    [
        "Pilgrims may visit the lakes in Tibet starting in 2026.",
        "The tax applies effective from 2025.",
    ],
)
def test_year_a_schedule_starts_is_no_past_year(text: str) -> None:
    assert resolve_document_date(Document.from_text(text)) == DocumentDate.unknown()


def test_date_of_another_document_in_prose_is_no_date_line() -> None:
    text = "The bank sold gold under the agreement dated September 27, 2004, it said on Friday."
    result = resolve_document_date(Document.from_text(text))
    # a lower bound from a past date, not the document's own day
    assert (result.earliest, result.latest, result.source.value) == ("2004-09-27", None, "inferred")


def test_span_of_years_bounds_by_its_first_year() -> None:
    text = "Imports rose in 2019-2021, the minister said."
    result = resolve_document_date(Document.from_text(text))
    assert (result.earliest, result.latest) == ("2019-01-01", None)


@pytest.mark.parametrize(
    ("text", "earliest"),
    [
        ("Maia Sandu, the Moldovan president, accused Moscow.", "2020-12-24"),
        ("Burkina Faso President Ibrahim Traore met the envoy.", "2022-09-30"),
        ("Ecuador's President Daniel Noboa spoke.", "2023-11-23"),
        ("El Salvador's President Nayib Bukele spoke.", "2019-06-01"),
        ("Zambian President Hakainde Hichilema spoke.", "2021-08-24"),
        ("Tanzanian President Samia Suluhu Hassan spoke.", "2021-03-19"),
    ],
)
def test_extract_heads_of_state_added_date_the_text(
    pipeline: Any, text: str, earliest: str
) -> None:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t"))
    assert (extraction.date.earliest, extraction.date.latest) == (earliest, None)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("Amir Khan Muttaqi, the Taliban Foreign Minister, met them.", "2021-09-07", None),
        ("Shehbaz Sharif, Pakistan's prime minister, said so.", "2022-04-11", None),
        ("Imran Khan, the former prime minister, said so.", "2022-04-10", None),
        # another office's holder in apposition ("the prime minister's adviser") dates nothing
        ("Imran Khan, the prime minister's adviser, said so.", None, None),
        ("Shehbaz Sharif, who visited China, said so.", None, None),
    ],
)
def test_extract_title_in_apposition_dates_the_text(
    pipeline: Any, text: str, earliest: str | None, latest: str | None
) -> None:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t"))
    assert (extraction.date.earliest, extraction.date.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        # a plan's year is the plan's time, not the report's past
        ("Lima and Santiago agreed to begin work to hold a joint forum in 2031.", None, None),
        ("The island nation is planning to adopt the common currency in 2030.", None, None),
        ("She invited the premier to visit the capital in 2029, officials said.", None, None),
        # the same years with no plan before them stay in the past
        ("Lima and Santiago held a joint forum in 2031.", "2031-01-01", None),
        # a past verb in a clause between ends the plan's reach
        ("They hope to heal the wounds of the war that ended in 1975.", "1975-01-01", None),
        # "since" is always behind
        ("Both sides have tried to hold talks since 2019.", "2019-01-01", None),
        # "to" before a place or a noun is no infinitive
        ("The minister flew to Lima in 2018.", "2018-01-01", None),
    ],
)
def test_a_year_a_plan_governs_is_no_past_year(
    text: str, earliest: str | None, latest: str | None
) -> None:
    result = resolve_document_date(Document.from_text(text))
    assert (result.earliest, result.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "earliest"),
    [
        ("Exports are forecast to grow by four percent in 2031, the ministry said.", None),
        ("A vote on the bill is due in March 2032.", None),
        ("Sales of solar panels in 2033 are expected to double.", None),
        # with no forecast in the sentence the year is past
        ("Exports grew by four percent in 2031, the ministry said.", "2031-01-01"),
        # "since" is always behind, even in a forecast
        ("Exports, flat since 2029, are expected to grow.", "2029-01-01"),
    ],
)
def test_a_year_in_a_forecast_is_no_past_year(text: str, earliest: str | None) -> None:
    assert resolve_document_date(Document.from_text(text)).earliest == earliest


def test_a_plan_to_go_to_a_place_is_told_from_its_infinitive() -> None:
    # "to Lima" is no infinitive: the year after it is the past visit's
    past = Document.from_text("The envoy who hoped for talks flew to Lima for a summit in 2018.")
    assert resolve_document_date(past).earliest == "2018-01-01"
