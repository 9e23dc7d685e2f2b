"""Tests for bilat.time: datelines, document dates and event dates (texts written for the tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bilat.errors import KnowledgeError
from bilat.knowledge import Knowledge
from bilat.records import DatePrecision, DateSource, Document, DocumentDate
from bilat.time import (
    Dateline,
    EventDate,
    RelationsTable,
    TenureEvidence,
    guess_tense,
    parse_dateline,
    resolve_document_date,
    resolve_event_date,
)
from bilat.time.timebank import evaluate_timebank
from conftest import floor

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

TUESDAY = DocumentDate(
    "2025-04-08", "2025-04-08", "2025-04-08", DatePrecision.DAY, DateSource.METADATA
)
MONDAY = DocumentDate(
    "2025-04-07", "2025-04-07", "2025-04-07", DatePrecision.DAY, DateSource.METADATA
)
YEAR_2022 = DocumentDate(
    "2022", "2022-01-01", "2022-12-31", DatePrecision.YEAR, DateSource.INFERRED
)

DAR_DPM = TenureEvidence(
    "ishaq-dar",
    "Ishaq Dar",
    "deputy_prime_minister",
    "Deputy Prime Minister",
    dt.date(2024, 4, 28),
    None,
)
RUBIO = TenureEvidence(
    "marco-rubio", "Marco Rubio", "secretary_of_state", "Secretary", dt.date(2025, 1, 21), None
)
FORMER_BLINKEN = TenureEvidence(
    "antony-blinken",
    "Antony Blinken",
    "secretary_of_state",
    "former Secretary",
    dt.date(2021, 1, 26),
    dt.date(2025, 1, 20),
    current=False,
)


@pytest.fixture(scope="module")
def relations() -> RelationsTable:
    return RelationsTable.load()


# Datelines -----------------------------------------------------------------------------------


def test_parse_dateline_colon_city_only() -> None:
    text = "LAHORE: The provincial cabinet met today."
    assert parse_dateline(text) == Dateline("LAHORE", None, DatePrecision.UNKNOWN, "LAHORE:", 8)


def test_parse_dateline_dash_after_headline() -> None:
    text = "Ministers meet\n\nKARACHI   –  Port officials said on Friday."
    line = parse_dateline(text)
    assert line == Dateline("KARACHI", None, DatePrecision.UNKNOWN, "KARACHI   –", 29, start=16)
    assert text[line.end :].startswith("Port officials")


def test_parse_dateline_month_day_takes_year_from_published() -> None:
    line = parse_dateline("QUETTA, May 2 (AFP) - Police said.", published="2023-05-02")
    assert line == Dateline(
        "QUETTA",
        "2023-05-02",
        DatePrecision.DAY,
        "QUETTA, May 2 (AFP) -",
        22,
        "--05-02",
        agency="AFP",
    )


def test_parse_dateline_month_day_without_year_stays_partial() -> None:
    line = parse_dateline("BEIJING, Dec. 3 (Xinhua) -- Trade rose.")
    assert line == Dateline(
        "BEIJING",
        None,
        DatePrecision.UNKNOWN,
        "BEIJING, Dec. 3 (Xinhua) --",
        28,
        "--12-03",
        agency="Xinhua",
    )


def test_parse_dateline_full_date_with_spaced_comma() -> None:
    line = parse_dateline("KUALA LUMPUR, April 1 , 1997 (AFP)")
    assert line is not None
    assert (line.city, line.date, line.precision, line.agency) == (
        "KUALA LUMPUR",
        "1997-04-01",
        DatePrecision.DAY,
        "AFP",
    )


def test_parse_dateline_city_with_region() -> None:
    line = parse_dateline("DALLAS, Texas, March 9 , 1998 (AFP) - Storms hit.")
    assert line is not None
    assert (line.city, line.date) == ("DALLAS", "1998-03-09")


def test_parse_dateline_december_story_published_in_january() -> None:
    line = parse_dateline("KABUL, Dec. 31 (AFP) - Snow fell.", published="2024-01-02")
    assert line is not None
    assert line.date == "2023-12-31"


@pytest.mark.parametrize(
    "text", ["No dateline in this sentence.", "US: short codes are not cities", ""]
)
def test_parse_dateline_none_when_absent(text: str) -> None:
    assert parse_dateline(text) is None


# Document date: sources and their order --------------------------------------------------------


def test_resolve_document_date_user_beats_everything(relations: RelationsTable) -> None:
    doc = Document.from_text(
        "MULTAN, June 3, 2020 (AFP) - Farmers marched.",
        published="2021-02-03",
        date_source=DateSource.USER,
    )
    assert resolve_document_date(doc, relations=relations) == DocumentDate(
        "2021-02-03",
        "2021-02-03",
        "2021-02-03",
        DatePrecision.DAY,
        DateSource.USER,
        "user: 2021-02-03",
    )


def test_resolve_document_date_metadata_beats_dateline() -> None:
    doc = Document.from_text(
        "MULTAN, June 3, 2020 (AFP) - Farmers marched.", published="2021-02-03"
    )
    result = resolve_document_date(doc)
    assert (result.value, result.source) == ("2021-02-03", DateSource.METADATA)


def test_resolve_document_date_dateline_beats_text() -> None:
    doc = Document.from_text(
        "MULTAN, June 3, 2020 (AFP) - Published: 4 June 2020. Farmers marched."
    )
    assert resolve_document_date(doc) == DocumentDate(
        "2020-06-03",
        "2020-06-03",
        "2020-06-03",
        DatePrecision.DAY,
        DateSource.DATELINE,
        "dateline: MULTAN, June 3, 2020 (AFP) -",
    )


def test_resolve_document_date_dateline_field_is_used() -> None:
    doc = Document.from_text("Farmers marched.", dateline="SUKKUR, July 9 , 1997 (AFP)")
    assert resolve_document_date(doc).value == "1997-07-09"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published: 12 March 2024\nThe council voted.", "2024-03-12"),
        ("March 12, 2024 — The council voted.", "2024-03-12"),
        (" date 2025-04-07 Envoys and ministers\n\nThe council voted.", "2025-04-07"),
        ("Updated on: Sept. 5, 2023\nThe council voted.", "2023-09-05"),
    ],
)
def test_resolve_document_date_text_phrase(text: str, expected: str) -> None:
    result = resolve_document_date(Document.from_text(text))
    assert (result.value, result.precision, result.source) == (
        expected,
        DatePrecision.DAY,
        DateSource.TEXT,
    )


def test_resolve_document_date_text_beats_inference(relations: RelationsTable) -> None:
    doc = Document.from_text(
        "Published: 2 May 2023\nPakistan and the US mark 75 years of diplomatic relations."
    )
    result = resolve_document_date(doc, relations=relations)
    assert (result.value, result.source) == ("2023-05-02", DateSource.TEXT)


def test_resolve_document_date_unknown_when_nothing_dates_it(relations: RelationsTable) -> None:
    doc = Document.from_text("The committee discussed water sharing.")
    assert resolve_document_date(doc, relations=relations) == DocumentDate.unknown()


# Document date: inference ----------------------------------------------------------------------


def test_resolve_document_date_anniversary_pak_usa(relations: RelationsTable) -> None:
    doc = Document.from_text("Pakistan and the United States celebrate 75 years of bilateral ties.")
    assert resolve_document_date(doc, relations=relations) == DocumentDate(
        "2022",
        "2022-01-01",
        "2022-12-31",
        DatePrecision.YEAR,
        DateSource.INFERRED,
        "anniversary: 75 years of PAK–USA ties (est. 1947) ⇒ 2022 [earliest, latest]",
    )


def test_resolve_document_date_anniversary_ordinal(relations: RelationsTable) -> None:
    doc = Document.from_text(
        "Beijing and Islamabad marked the 70th anniversary of diplomatic relations."
    )
    assert resolve_document_date(doc, relations=relations).value == "2021"


def test_resolve_document_date_anniversary_needs_a_known_pair(relations: RelationsTable) -> None:
    doc = Document.from_text("The two clubs celebrated 75 years of friendly relations.")
    assert resolve_document_date(doc, relations=relations) == DocumentDate.unknown()


def test_resolve_document_date_coming_visit_narrows_anniversary_year(
    relations: RelationsTable,
) -> None:
    doc = Document.from_text(
        "Pakistan and the US celebrate 75 years of ties. "
        "The envoy will tour Lahore from June 29 to July 2."
    )
    result = resolve_document_date(doc, relations=relations)
    assert (result.earliest, result.latest, result.precision) == (
        "2022-05-30",
        "2022-06-29",
        DatePrecision.RANGE,
    )


def test_resolve_document_date_past_weekday_in_a_visit_is_the_earliest_day(
    relations: RelationsTable,
) -> None:
    doc = Document.from_text(
        "China and Pakistan mark 70 years of diplomatic ties. "
        "The minister is in Beijing from May 17 to May 20. "
        "He met the premier on Tuesday."
    )
    result = resolve_document_date(doc, relations=relations)
    # the report is of that Tuesday or a later day of the visit, not necessarily of the Tuesday
    assert (result.earliest, result.latest, result.precision) == (
        "2021-05-18",
        "2021-05-20",
        DatePrecision.RANGE,
    )
    assert result.evidence.endswith("weekday: Tuesday [earliest]")


def test_resolve_document_date_tenure_bounds_range() -> None:
    doc = Document.from_text("Deputy Prime Minister Ishaq Dar met envoys.")
    result = resolve_document_date(doc, evidence=[DAR_DPM], today=dt.date(2026, 11, 23))
    assert (result.value, result.earliest, result.latest, result.precision) == (
        None,
        "2024-04-28",
        "2026-11-23",
        DatePrecision.RANGE,
    )
    assert result.evidence == (
        "tenure: Deputy Prime Minister Ishaq Dar (2024-04-28..) [earliest]; "
        "today: 2026-11-23 [latest]"
    )


def test_resolve_document_date_tenures_intersect() -> None:
    doc = Document.from_text("Dar called Secretary Rubio.")
    result = resolve_document_date(doc, evidence=[DAR_DPM, RUBIO])
    assert (result.earliest, result.latest) == ("2025-01-21", None)


def test_resolve_document_date_former_means_after_tenure_end() -> None:
    doc = Document.from_text("He recalled talks with former Secretary Blinken.")
    result = resolve_document_date(doc, evidence=[FORMER_BLINKEN], today=dt.date(2025, 3, 1))
    assert (result.earliest, result.latest) == ("2025-01-20", "2025-03-01")
    assert result.evidence == (
        "former: former Secretary Antony Blinken (left office 2025-01-20) [earliest]; "
        "today: 2025-03-01 [latest]"
    )


def test_resolve_document_date_conflicting_constraint_is_flagged(
    relations: RelationsTable,
) -> None:
    doc = Document.from_text("Pakistan and the United States celebrate 75 years of ties.")
    result = resolve_document_date(doc, evidence=[DAR_DPM], relations=relations)
    assert (result.earliest, result.latest) == ("2024-04-28", None)
    assert result.flags == ("conflict: anniversary: 75 years of PAK–USA ties (est. 1947) ⇒ 2022",)


def test_resolve_document_date_metadata_outside_tenure_is_flagged() -> None:
    doc = Document.from_text("Secretary Rubio spoke to Dar.", published="2023-06-01")
    result = resolve_document_date(doc, evidence=[RUBIO, DAR_DPM])
    assert (result.value, result.source) == ("2023-06-01", DateSource.METADATA)
    assert result.flags == (
        "metadata-outside-tenure:marco-rubio",
        "metadata-outside-tenure:ishaq-dar",
    )


def test_resolve_document_date_past_years_give_lower_bound() -> None:
    doc = Document.from_text(
        "Attacks rose sharply in 2021. Officials fought militancy during 2013-18. "
        "The plan aims to double exports by 2030."
    )
    result = resolve_document_date(doc, today=dt.date(2026, 1, 1))
    assert (result.earliest, result.latest) == ("2021-01-01", "2026-01-01")
    assert result.evidence == (
        "past year: 'in 2021' ⇒ on or after 2021 [earliest]; "
        "coming year: 'by 2030' ⇒ on or before 2030-12-31; today: 2026-01-01 [latest]"
    )


def test_resolve_document_date_future_year_is_an_upper_bound_only() -> None:
    doc = Document.from_text("The country will host the games in 2030.")
    result = resolve_document_date(doc)
    assert (result.earliest, result.latest, result.evidence) == (
        None,
        "2030-12-31",
        "coming year: 'in 2030' ⇒ on or before 2030-12-31 [latest]",
    )


def test_resolve_document_date_past_date_in_anniversary_year(relations: RelationsTable) -> None:
    doc = Document.from_text(
        "India and China mark 75 years of diplomatic relations. "
        "Both sides condemned the August 26 attacks."
    )
    result = resolve_document_date(doc, relations=relations)
    assert (result.earliest, result.latest) == ("2025-08-26", "2025-12-31")


# Event dates -----------------------------------------------------------------------------------


def test_resolve_event_date_past_weekday_in_tuesday_article() -> None:
    sentence = "The minister met the envoy on Monday."
    assert resolve_event_date(sentence, doc_date=TUESDAY) == EventDate(
        "2025-04-07", DatePrecision.DAY, "on Monday", 27, 36, "2025-04-07", "2025-04-07"
    )


def test_resolve_event_date_past_weekday_same_day_in_monday_article() -> None:
    result = resolve_event_date("Dar held a call on Monday.", doc_date=MONDAY)
    assert result.value == "2025-04-07"


def test_resolve_event_date_future_weekday() -> None:
    result = resolve_event_date("The delegation will arrive on Friday.", doc_date=TUESDAY)
    assert (result.value, result.precision) == ("2025-04-11", DatePrecision.DAY)


def test_resolve_event_date_explicit_tense_wins() -> None:
    result = resolve_event_date("Talks on Friday.", doc_date=TUESDAY, tense="past")
    assert result.value == "2025-04-04"


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("He left yesterday.", "2025-04-07", DatePrecision.DAY),
        ("She speaks today.", "2025-04-08", DatePrecision.DAY),
        ("They fly tomorrow.", "2025-04-09", DatePrecision.DAY),
        ("The envoy visited last week.", "2025-03-31", DatePrecision.RANGE),
        ("This week it is Sudan's turn to object.", "2025-04-08", DatePrecision.DAY),
        ("The envoy met them this week.", "2025-04-08", DatePrecision.DAY),
        ("The envoy will visit this week.", "2025-04-07", DatePrecision.RANGE),
        ("Prices rose earlier this month.", "2025-04", DatePrecision.MONTH),
        ("The pact was signed in March.", "2025-03", DatePrecision.MONTH),
        ("The pact was signed in June.", "2024-06", DatePrecision.MONTH),
        ("The pact was signed on August 26.", "2024-08-26", DatePrecision.DAY),
        ("The August 26 attacks were condemned.", "2024-08-26", DatePrecision.DAY),
        ("Exports fell last year.", "2024", DatePrecision.YEAR),
        ("The Taliban returned in 2021.", "2021", DatePrecision.YEAR),
        ("Trade grew during 2013-18.", "2013-01-01", DatePrecision.RANGE),
        ("Relations soured three months ago.", "2025-01", DatePrecision.MONTH),
        ("A deal was reached on 5 January 2025.", "2025-01-05", DatePrecision.DAY),
    ],
)
def test_resolve_event_date_expressions(
    sentence: str, value: str, precision: DatePrecision
) -> None:
    result = resolve_event_date(sentence, doc_date=TUESDAY)
    assert (result.value, result.precision) == (value, precision)


def test_resolve_event_date_week_range_bounds() -> None:
    result = resolve_event_date("The envoy visited last week.", doc_date=TUESDAY)
    assert (result.earliest, result.latest) == ("2025-03-31", "2025-04-06")


def test_resolve_event_date_future_month_is_ahead() -> None:
    result = resolve_event_date("The summit will be held in March.", doc_date=TUESDAY)
    assert result.value == "2026-03"


def test_resolve_event_date_nearest_to_span() -> None:
    sentence = "On Monday he said the talks held in March had failed."
    start = sentence.index("held")
    result = resolve_event_date(sentence, doc_date=TUESDAY, span=(start, start + 4))
    assert (result.value, result.expression) == ("2025-03", "in March")


def test_resolve_event_date_no_expression_uses_document() -> None:
    assert resolve_event_date("Both sides agreed to cooperate.", doc_date=TUESDAY) == EventDate(
        "2025-04-08", DatePrecision.DOCUMENT, None, None, None, "2025-04-08", "2025-04-08"
    )


def test_resolve_event_date_relative_with_unknown_document_keeps_expression() -> None:
    result = resolve_event_date("They met on Monday.", doc_date=DocumentDate.unknown())
    assert result == EventDate(None, DatePrecision.UNKNOWN, "on Monday", 9, 18)


def test_resolve_event_date_month_day_with_year_only_document() -> None:
    result = resolve_event_date("Envoys met on June 30.", doc_date=YEAR_2022)
    assert (result.value, result.precision) == ("2022-06-30", DatePrecision.DAY)


def test_resolve_event_date_absolute_with_unknown_document() -> None:
    result = resolve_event_date("It began in 2019.", doc_date=DocumentDate.unknown())
    assert (result.value, result.precision) == ("2019", DatePrecision.YEAR)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister will visit Kabul.", "future"),
        ("The minister visited Kabul.", "past"),
        ("The minister is in Kabul.", "present"),
        ("Kabul, a city.", None),
    ],
)
def test_guess_tense_markers(sentence: str, expected: str | None) -> None:
    assert guess_tense(sentence) == expected


# Knowledge and measurement ---------------------------------------------------------------------


def test_relations_table_reads_bundled_dyads(relations: RelationsTable) -> None:
    relation = relations.get("USA", "PAK")
    assert relation is not None
    assert (relation.established, relation.year, relation.label) == ("1947-10-20", 1947, "PAK–USA")
    assert len(relations.relations) >= 40


def test_relations_table_rejects_duplicate_pair(tmp_path: Path) -> None:
    path = tmp_path / "relations.yaml"
    path.write_text(
        "relations:\n  - {pair: [PAK, USA], established: 1947}\n"
        "  - {pair: [USA, PAK], established: 1948}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="duplicate relations entry with pair 'PAK–USA'"):
        RelationsTable.load(Knowledge.load([tmp_path], cache_dir="none"))


def test_relations_table_rejects_bad_code(tmp_path: Path) -> None:
    path = tmp_path / "relations.yaml"
    path.write_text("relations:\n  - {pair: [PK, USA], established: 1947}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not an ISO3 country code"):
        RelationsTable.load(Knowledge.load([tmp_path], cache_dir="none"))


def test_evaluate_timebank_stays_above_floor() -> None:
    folder = SHARED / "gold" / "dev" / "timebank" / "TimeBank"
    if not folder.is_dir():
        pytest.skip("../shared not present")
    result = evaluate_timebank(folder)
    assert result["expressions"] == 654
    assert result["accuracy"] >= floor("timebank", "accuracy")


@pytest.mark.parametrize(
    ("dateline", "city", "date"),
    [
        ("SEOUL. April 11 , 1997 (AFP)", "SEOUL", "1997-04-11"),
        ("TOKYO April 13 , 1997 (AFP)", "TOKYO", "1997-04-13"),
        ("GAO, Mali, April 7 , 1997 (AFP)", "GAO", "1997-04-07"),
        ("OSLO, Dec 12 , 2005, 2005", "OSLO", "2005-12-12"),
        ("MEXICO  CITY, Nov. 21 , 2006 (Xinhua)", "MEXICO CITY", "2006-11-21"),
        ("Dec 13 , 2005", "", "2005-12-13"),
    ],
)
def test_parse_dateline_wire_variants(dateline: str, city: str, date: str) -> None:
    line = parse_dateline(dateline)
    assert line is not None
    assert (line.city, line.date) == (city, date)


def test_resolve_document_date_year_less_dateline_takes_inferred_year(
    relations: RelationsTable,
) -> None:
    doc = Document.from_text(
        "BEIJING, Dec. 3 (Xinhua) -- China and Pakistan hail 70 years of diplomatic ties."
    )
    result = resolve_document_date(doc, relations=relations)
    assert (result.value, result.precision, result.source) == (
        "2021-12-03",
        DatePrecision.DAY,
        DateSource.INFERRED,
    )
    assert result.evidence == (
        "dateline: BEIJING, Dec. 3 (Xinhua) -- + year 2021 from "
        "anniversary: 70 years of CHN–PAK ties (est. 1951) ⇒ 2021 [earliest, latest]"
    )


def test_resolve_document_date_past_full_date_gives_lower_bound() -> None:
    doc = Document.from_text(
        "The ministers first met on 5 January 2025. They will meet again on March 3, 2026."
    )
    result = resolve_document_date(doc)
    assert (result.earliest, result.latest, result.evidence) == (
        "2025-01-05",
        None,
        "past date: '5 January 2025' ⇒ on or after 2025-01-05 [earliest]",
    )


def test_event_date_yearless_day_falls_in_the_one_year_of_a_range() -> None:
    from bilat.records import DatePrecision, DateSource, DocumentDate
    from bilat.time import resolve_event_date

    doc_date = DocumentDate(
        value=None,
        earliest="2024-03-22",
        latest="2025-01-20",
        precision=DatePrecision.RANGE,
        source=DateSource.INFERRED,
        evidence="",
        flags=(),
    )
    sentence = "Kenya condemned the October 3 raid."
    found = resolve_event_date(sentence, doc_date=doc_date, tense="past")
    assert (found.value, found.precision) == ("2024-10-03", DatePrecision.DAY)
    sentence = "Kenya condemned the January 30 raid."
    found = resolve_event_date(sentence, doc_date=doc_date, tense="past")
    assert (found.value, found.precision) == (None, DatePrecision.UNKNOWN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doha, Feb 29: Qatar and Oman signed a deal.", ("Doha", "2024-02-29", 14)),
        ("New Delhi, March 3 -- India said.", ("New Delhi", "2024-03-03", 22)),
        ("Monday, Feb 29: talks resumed.", None),
        ("Pakistan, India agree on talks.", None),
    ],
)
def test_parse_dateline_title_case_city(text: str, expected: tuple[str, str, int] | None) -> None:
    line = parse_dateline(text, published="2024-03-01")
    assert (None if line is None else (line.city, line.date, line.end)) == expected
