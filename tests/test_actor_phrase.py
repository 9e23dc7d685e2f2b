"""A title with no country of its own takes the country or organisation in its noun phrase."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from bilat.records import Document


def _codes(pipeline: Pipeline, text: str, dateline: str) -> list[tuple[str, str]]:
    document = Document.from_text(text, doc_id="p", published="1998-05-02", dateline=dateline)
    return [(m.text, m.actor.code) for m in pipeline.extract(document).mentions]


@pytest.mark.parametrize(
    ("text", "dateline", "expected"),
    [
        (
            "The commander of the British forces there, Major-General Alan Reed, "
            "welcomed the Chinese officers.",
            "HONG KONG, May 2 (AFP)",
            [
                ("commander", "GBRMIL"),
                ("British", "GBR"),
                ("General Alan Reed", "GBRMIL"),
                ("Chinese", "CHN"),
            ],
        ),
        (
            "Perry will meet the commander of the 28,000 US troops there on Friday.",
            "TOKYO, May 2 (AFP)",
            [("commander", "USAMIL"), ("US troops", "USAMIL")],
        ),
        (
            "US Middle East envoy Mark Hale met Jordanian officials in Amman.",
            "GAZA CITY, May 2 (AFP)",
            [
                ("US", "USA"),
                ("envoy Mark Hale", "USAGOV"),
                ("Jordanian officials", "JORGOV"),
                ("Amman", "JORGOV"),
            ],
        ),
        (
            "UNFCCC Executive Secretary Anna Berg praised China for its efforts.",
            "NAIROBI, May 2 (Xinhua)",
            [("UNFCCC", "IGOUNFCC"), ("Secretary Anna Berg", "IGOUNFCC"), ("China", "CHN")],
        ),
    ],
)
def test_title_takes_owner_from_its_phrase(
    pipeline: Pipeline, text: str, dateline: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text, dateline) == expected


def test_title_without_owner_in_phrase_keeps_home(pipeline: Pipeline) -> None:
    text = "The commander of the border force met Indian officials."
    assert _codes(pipeline, text, "ISLAMABAD, May 2 (AFP)") == [
        ("commander", "PAKMIL"),
        ("Indian officials", "INDGOV"),
    ]


def test_title_ignores_country_in_its_relative_clause(pipeline: Pipeline) -> None:
    text = "The commander, who met British officers, left the base."
    assert _codes(pipeline, text, "ISLAMABAD, May 2 (AFP)") == [
        ("commander", "PAKMIL"),
        ("British", "GBR"),
    ]


def test_title_with_surname_links_to_earlier_full_name_abroad(pipeline: Pipeline) -> None:
    text = (
        "Sudanese President Omar Hassan al-Bashir arrived in Tripoli. "
        "General Al-Bashir later met a Ugandan delegation."
    )
    assert _codes(pipeline, text, "LONDON, April 13 (AFP)") == [
        ("Sudanese President Omar Hassan al-Bashir", "SDNGOV"),
        ("Tripoli", "LBYGOV"),
        ("General Al-Bashir", "SDNGOV"),
        ("Ugandan delegation", "UGAGOV"),
    ]


def test_bare_title_follows_earlier_organisation_head(pipeline: Pipeline) -> None:
    text = (
        "The EBRD's first president, Jacques Attali, resigned. "
        "Officials praised the President for the bank's recovery."
    )
    codes = _codes(pipeline, text, "LONDON, April 15 (AFP)")
    assert [c for c in codes if c[0] != "Officials"] == [
        ("EBRD", "IGOEBRD"),
        ("president, Jacques Attali", "IGOEBRD"),
        ("President", "IGOEBRD"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials from Iran met Omani officials in Muscat.",
            [
                ("Officials", "IRNGOV"),
                ("Iran", "IRN"),
                ("Omani officials", "OMNGOV"),
                ("Muscat", "OMNGOV"),
            ],
        ),
        (
            "Officials from Tehran and Washington met in Muscat on Sunday.",
            [("Tehran", "IRNGOV"), ("Washington", "USAGOV"), ("Muscat", "OMNGOV")],
        ),
    ],
)
def test_officials_from_places_are_theirs_not_the_datelines(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text, "DOHA, March 1 (AFP)") == expected


def test_title_owned_by_country_word_grouped_with_a_person(pipeline: Pipeline) -> None:
    text = (
        "The Moroccan king met officials in Rabat. The President of the Spanish Government, "
        "Pedro Sanchez, praised the plan proposed by Morocco."
    )
    codes = _codes(pipeline, text, "RABAT, May 2 (AFP)")
    assert [c for c in codes if c[0] == "President"] == [("President", "ESPGOV")]
