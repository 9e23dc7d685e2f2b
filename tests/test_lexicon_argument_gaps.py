"""Constructions of real news that the argument finder reads: sentences of our own."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import coded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an amount's in-phrase says what the money is, and holds the recipient
        (
            "Spain pledged 300 million euros in humanitarian aid to Morocco.",
            [("ESP", "0333", "MAR", "asserted")],
        ),
        # a frame noun's of-phrase is the object, and its partner the target
        (
            "The Iranian president held a new round of talks with Oman.",
            [("IRNGOV", "040", "OMN", "asserted")],
        ),
        (
            "Kenya signed a memorandum of understanding with Ethiopia.",
            [("KEN", "057", "ETH", "asserted")],
        ),
        # a capital modifying a visit is where the visitor went
        (
            "The Indian foreign minister's Moscow visit drew criticism.",
            [("INDGOV", "042", "RUSGOV", "asserted")],
        ),
        # "doses" is matched by its surface form, whatever the lemmatiser makes of it
        (
            "Australia donated 10,000 doses of vaccine to Fiji.",
            [("AUS", "073", "FJI", "asserted")],
        ),
        # concerns raised with someone are expressed to them
        ("Germany raised its concerns with Hungary.", [("DEU", "012", "HUN", "asserted")]),
        # an amount announced for someone is aid given to them
        (
            "The United States announced $50 million in humanitarian assistance for Sudan.",
            [("USA", "070", "SDN", "asserted")],
        ),
        # the lender of a tranche received is the owner of the loan it belongs to, not a host
        (
            "Kenya received the first tranche of the IMF loan.",
            [("IGOIMF", "071", "KEN", "asserted")],
        ),
        # approving a disbursement of money is providing it
        (
            "The IMF's board approved the disbursement of $800 million to Zambia.",
            [("IGOIMF", "071", "ZMB", "asserted")],
        ),
        (
            "The Japanese ambassador handed over relief goods to the Nepali government.",
            [("JPNGOV", "073", "NPLGOV", "asserted")],
        ),
        # a leading participle is not the subject of the sentence
        (
            "Visiting Kenyan President William Ruto held talks with the Ugandan president.",
            [("KENGOV", "040", "UGAGOV", "asserted")],
        ),
        # a passive's agent hung on its object is still the doer
        (
            "The Kenyan president was given a warm welcome by the Ugandan president.",
            [("UGAGOV", "043", "KENGOV", "asserted")],
        ),
        # a dispute is not talks, however locked the sides are in it
        ("The two countries are locked in a dispute over the river.", []),
        # patrol boats handed to a state are military aid
        ("Japan supplied patrol boats to the Philippines.", [("JPN", "072", "PHL", "asserted")]),
        # conjoined subjects who pledge to cooperate commit to each other
        ("Chile and Peru pledged to work together.", [("CHL", "030", "PER", "asserted")]),
        # yielding to demands, whatever the verb's preposition
        ("Chile bowed to Peru's demands.", [("CHL", "083", "PER", "asserted")]),
        # force aimed at a thing is not force between the subjects; a war is the fighting itself
        ("Chile and Peru vowed to fight drug trafficking.", []),
        ("Chile and Peru fought a war in 1879.", [("CHL", "190", "PER", "asserted")]),
        # a headline verb the tagger reads as a preposition, lemma and all
        ("Kenya thanks Japan for aid", [("KEN", "051", "JPN", "asserted")]),
        ("Egypt thanks UAE for support", [("EGY", "051", "ARE", "asserted")]),
        # a headline particle that takes the object as its own
        ("India hands over patrol vessel to Sri Lanka", [("IND", "072", "LKA", "asserted")]),
        # talks named after a city say where they were held, not with whom
        ("The Lima talks ended without a deal.", []),
        # a dateline city is where the news comes from; the actors stand after the colon
        # or dash, whether parsed as its apposition or as a second subject
        (
            "Lima: Peru and Chile today signed four agreements on trade.",
            [("PER", "057", "CHL", "asserted")],
        ),
        (
            "Santiago — Chile and Bolivia have inked three bilateral accords aimed at deepening "
            "their ties.",
            [("CHL", "057", "BOL", "asserted")],
        ),
        # a headline's bare plural name is a subject even when tagged as a noun
        ("Philippines, Vietnam sign maritime deal", [("VNM", "057", "PHL", "asserted")]),
        # "they" of a reported clause are the conjoined speakers
        (
            "Kenya and the World Bank said they had reached an agreement on budget support.",
            [("KEN", "057", "IGOWBK", "asserted")],
        ),
    ],
)
def test_argument_finder_reads_news_constructions(
    pipeline: Any, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, "2024-06-01") == expected
