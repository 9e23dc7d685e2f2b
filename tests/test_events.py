"""Event coder: one case per pattern family, voice, conjuncts, attribution, factuality."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from bilat.records import Document


def _code(
    pipeline: Pipeline, text: str, date: str | None = None
) -> list[tuple[str, str, str, str]]:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published=date))
    return [
        (e.source.code, e.cameo, e.target.code if e.target else "", e.factuality.value)
        for e in extraction.events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("India condemned Pakistan.", [("IND", "111", "PAK", "asserted")]),
        ("Russia accused Ukraine of shelling civilians.", [("RUS", "112", "UKR", "asserted")]),
        ("Pakistan and China signed an agreement.", [("PAK", "057", "CHN", "asserted")]),
        ("Iran will send aid to Afghanistan.", [("IRN", "070", "AFG", "planned")]),
        ("China may impose sanctions on Japan.", [("CHN", "163", "JPN", "hypothetical")]),
        ("Pakistan did not condemn India.", [("PAK", "111", "IND", "negated")]),
        ("Pakistan was criticised by India.", [("IND", "111", "PAK", "asserted")]),
        ("Turkey said Iran had attacked Iraq.", [("IRN", "180", "IRQ", "asserted")]),
        (
            "The Taliban reportedly refused to hand over the weapons to the US.",
            [("AFGTAL", "125", "USA", "reported")],
        ),
        ("Japan and South Korea agreed to boost cooperation.", [("JPN", "030", "KOR", "asserted")]),
        (
            "The Egyptian Foreign Minister held a phone call with his Turkish counterpart.",
            [("EGYGOV", "041", "TURGOV", "asserted")],
        ),
        ("Germany praised France's role in the talks.", [("DEU", "051", "FRA", "asserted")]),
        ("Canada will meet Mexico next week.", [("CAN", "036", "MEX", "planned")]),
        (
            "If Egypt attacks Libya, the region will suffer.",
            [("EGY", "180", "LBY", "hypothetical")],
        ),
    ],
)
def test_coder_codes_sentence(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _code(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the economy was growing.",
        "Pakistan's exports rose by 4 percent.",
        "India is a large country.",
    ],
)
def test_coder_codes_nothing_without_two_actors(pipeline: Pipeline, text: str) -> None:
    assert _code(pipeline, text) == []


def test_coder_event_carries_provenance(pipeline: Pipeline) -> None:
    text = "Headline here\nBrazil congratulated Argentina on Monday."
    extraction = pipeline.extract(Document.from_text(text, doc_id="p", published="2025-03-05"))
    (event,) = extraction.events
    assert (event.sentence, event.sentence_start, event.sentence_end) == (
        "Brazil congratulated Argentina on Monday.",
        14,
        55,
    )
    assert (event.rule, event.trigger, event.goldstein, event.quad_class) == (
        "051-congratulate",
        "congratulated",
        3.4,
        1,
    )
    assert (event.date, event.date_precision.value) == ("2025-03-03", "day")


def test_coder_finishes_on_a_verbless_line(pipeline: Pipeline) -> None:
    text = "Summary of the talks between India and Pakistan"
    assert _code(pipeline, text) == [("IND", "040", "PAK", "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials prepared for the upcoming visit by Kenya's President to Uganda.",
            ("036", "planned"),
        ),
        ("Markets rose ahead of a trip to Chile by Peru's Foreign Minister.", ("036", "planned")),
        (
            "Diplomats prepared for a possible meeting between Serbia and Kosovo.",
            ("040", "hypothetical"),
        ),
    ],
)
def test_coder_nominal_factuality(pipeline: Pipeline, text: str, expected: tuple[str, str]) -> None:
    ((_, code, _, fact),) = _code(pipeline, text)
    assert (code, fact) == expected
