"""Actor resolution: the article's home country and the titles that take it."""

from __future__ import annotations

from bilat.extract import Pipeline
from bilat.records import Document


def _codes(pipeline: Pipeline, text: str, date: str) -> list[tuple[str, str | None]]:
    extraction = pipeline.extract(Document.from_text(text, doc_id="h", published=date))
    return [(m.text, m.actor.code if m.actor else None) for m in extraction.mentions]


def test_home_country_from_a_title_bilat_does_not_know(pipeline: Pipeline) -> None:
    # India is named more often; the adviser's unknown title before his name, with no country
    # word, marks Bangladesh as the country the article is written from.
    text = (
        "The Indian envoy met Foreign Affairs Adviser Touhid Hossain in Dhaka on Tuesday. "
        "India said its envoy would return to India soon. "
        "The Ministry of Foreign Affairs said the talks were useful."
    )
    assert _codes(pipeline, text, "2024-12-03") == [
        ("Indian envoy", "INDGOV"),
        ("Touhid Hossain", "BGDGOV"),
        ("Dhaka", "BGDGOV"),
        ("India", "IND"),
        ("its", "IND"),
        ("envoy", "INDGOV"),
        ("India", "IND"),
        ("Ministry", "BGDGOV"),
    ]


def test_home_country_not_from_one_capitalised_word_opening_a_sentence(
    pipeline: Pipeline,
) -> None:
    text = (
        "Yesterday Touhid Hossain met the Indian envoy. "
        "India said its envoy would stay. India and its ministry said so. "
        "The Ministry of External Affairs said the talks were useful."
    )
    assert _codes(pipeline, text, "2024-12-03")[-1] == ("Ministry", "INDGOV")


def test_country_specific_title_with_another_name_is_the_home_countrys(
    pipeline: Pipeline,
) -> None:
    # The UK's Foreign Secretary on that date was David Lammy: a name bilat does not know
    # makes "Foreign Secretary" the generic office, here Bangladesh's; Lammy stays British.
    text = (
        "Foreign Affairs Adviser Touhid Hossain spoke on Monday. "
        "Foreign Secretary Rafiq Alam met the Indian envoy. "
        "Foreign Adviser Touhid Hossain later met Foreign Secretary David Lammy."
    )
    assert _codes(pipeline, text, "2024-12-03") == [
        ("Touhid Hossain", "BGDGOV"),
        ("Foreign Secretary Rafiq Alam", "BGDGOV"),
        ("Indian envoy", "INDGOV"),
        ("Foreign Adviser Touhid Hossain", "BGDGOV"),
        ("Foreign Secretary David Lammy", "GBRGOV"),
    ]


def test_country_specific_title_with_another_name_and_no_home_has_no_country(
    pipeline: Pipeline,
) -> None:
    text = "Foreign Secretary Rafiq Alam spoke to reporters on Monday."
    assert _codes(pipeline, text, "2024-12-03") == []


def test_bare_sector_word_takes_the_one_country_the_document_gives_it(
    pipeline: Pipeline,
) -> None:
    # the rebels are named with their country only after the bare word
    text = (
        "Rebels asked Moscow for weapons on Monday. "
        "Later the Kremlin met two Georgian rebel leaders."
    )
    assert _codes(pipeline, text, "2022-02-24") == [
        ("Rebels", "GEOREB"),
        ("Moscow", "RUSGOV"),
        ("Kremlin", "RUSGOV"),
        ("Georgian rebel", "GEOREB"),
    ]


def test_bare_sector_word_with_rebels_of_two_countries_takes_the_last_named_before(
    pipeline: Pipeline,
) -> None:
    text = (
        "Rebels asked Moscow for weapons. Georgian rebels met Syrian rebels. "
        "Syrian rebels left. Rebels later thanked Moscow."
    )
    codes = _codes(pipeline, text, "2022-02-24")
    assert codes[0] == ("Moscow", "RUSGOV")
    assert codes[-2:] == [("Rebels", "SYRREB"), ("Moscow", "RUSGOV")]


def test_bare_institution_word_does_not_take_a_foreign_institutions_country(
    pipeline: Pipeline,
) -> None:
    # the home country's (Pakistan's), not the Indian army named before
    text = (
        "Pakistan said the Indian army crossed the border. Pakistan protested. "
        "The army said nothing more."
    )
    assert _codes(pipeline, text, "2022-02-24")[-1] == ("army", "PAKMIL")


def test_bare_title_is_not_the_subject_of_its_own_clause(pipeline: Pipeline) -> None:
    # "the President" Raisi meets is Pakistan's (the home country's), not Raisi
    text = (
        "Prime Minister Shehbaz Sharif welcomed President Raisi in Islamabad. "
        "Interior Minister Mohsin Naqvi received him at the airport. "
        "President Raisi will hold meetings with the President on Tuesday."
    )
    assert _codes(pipeline, text, "2024-04-22")[-2:] == [
        ("President Raisi", "IRNGOV"),
        ("President", "PAKGOV"),
    ]


def test_bare_title_still_takes_an_earlier_holder_who_is_not_the_subject(
    pipeline: Pipeline,
) -> None:
    text = (
        "President Raisi arrived in Islamabad on Monday. "
        "Prime Minister Shehbaz Sharif later said the President would stay two days."
    )
    assert _codes(pipeline, text, "2024-04-22")[-1] == ("President", "IRNGOV")


def test_bare_common_sector_word_is_not_carried(pipeline: Pipeline) -> None:
    # only the sectors that challenge a state are one group through an article
    text = "Japanese traders bought dollars on Monday. Traders later sold them."
    assert _codes(pipeline, text, "1996-08-30") == [("Japanese traders", "JPNBUS")]
