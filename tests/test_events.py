"""Event coder: one case per pattern family, voice, conjuncts, attribution, factuality."""

from __future__ import annotations

import pytest

from bilat.events.pairs import distinct
from bilat.extract import Pipeline
from bilat.records import Actor, Document
from conftest import coded


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
        ("Turkey said Iran had attacked Iraq.", [("IRN", "190", "IRQ", "asserted")]),
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
            [("EGY", "190", "LBY", "hypothetical")],
        ),
    ],
)
def test_coder_codes_sentence(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the economy was growing.",
        "Pakistan's exports rose by 4 percent.",
        "India is a large country.",
    ],
)
def test_coder_codes_nothing_without_two_actors(pipeline: Pipeline, text: str) -> None:
    assert coded(pipeline, text) == []


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
    assert coded(pipeline, text) == [("IND", "040", "PAK", "asserted")]


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
    ((_, code, _, fact),) = coded(pipeline, text)
    assert (code, fact) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru described its relationship with Chile as excellent.",
            [("PER", "013", "CHL", "asserted")],
        ),
        ("Kenya urged Uganda to reopen the border.", [("KEN", "020", "UGA", "asserted")]),
        ("Brazil pledged to work closely with Argentina.", [("BRA", "030", "ARG", "asserted")]),
        (
            "The Egyptian Foreign Minister held talks with his Jordanian counterpart.",
            [("EGYGOV", "040", "JORGOV", "asserted")],
        ),
        ("Vietnam thanked Laos for its support.", [("VNM", "051", "LAO", "asserted")]),
        (
            "Chile and Peru conducted joint military exercises.",
            [("CHL", "062", "PER", "asserted")],
        ),
        ("Japan provided humanitarian aid to Nepal.", [("JPN", "070", "NPL", "asserted")]),
        ("Britain lifted sanctions on Libya.", [("GBR", "085", "LBY", "asserted")]),
        ("Sweden will investigate Russia.", [("SWE", "090", "RUS", "planned")]),
        ("Poland demanded an apology from Belarus.", [("POL", "100", "BLR", "asserted")]),
        ("Ghana criticised Nigeria.", [("GHA", "111", "NGA", "asserted")]),
        ("Serbia rejected the proposal of Croatia.", [("SRB", "120", "HRV", "asserted")]),
        ("Syria threatened Turkey.", [("SYR", "130", "TUR", "asserted")]),
        ("Pakistani lawyers protested against France.", [("PAK", "141", "FRA", "asserted")]),
        ("Russia mobilised forces near Ukraine.", [("RUS", "150", "UKR", "asserted")]),
        (
            "The United States imposed sanctions on Venezuela.",
            [("USA", "163", "VEN", "asserted")],
        ),
        (
            "Iranian police arrested a British diplomat.",
            [("IRNCOP", "173", "GBRGOV", "asserted")],
        ),
        (
            "Militants kidnapped two Chinese engineers in Pakistan.",
            [("PAKREB", "181", "CHN", "asserted")],
        ),
        # a plain attack between two states is military force
        ("Ethiopia attacked Eritrea.", [("ETH", "190", "ERI", "asserted")]),
        ("Armenia clashed with Azerbaijan.", [("ARM", "190", "AZE", "asserted")]),
        ("Serbian troops massacred Bosnians.", [("SRBMIL", "202", "BIH", "asserted")]),
    ],
)
def test_coder_codes_each_root(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    """One sentence per CAMEO root family, 01 to 20."""
    assert coded(pipeline, text, "2024-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Pakistani envoy called on the Chinese Foreign Minister.",
            [("PAKGOV", "042", "CHNGOV", "asserted")],
        ),
        (
            "Pakistan called on India to release the fishermen.",
            [("PAK", "020", "IND", "asserted")],
        ),
        (
            "The Nepali envoy called on the Indian Foreign Minister to reopen the border.",
            [("NPLGOV", "020", "INDGOV", "asserted")],
        ),
    ],
)
def test_coder_call_on_is_visit_or_appeal_by_object(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, "2024-06-01") == expected


def test_coder_official_present_abroad_is_a_visit(pipeline: Pipeline) -> None:
    text = "The Saudi Foreign Minister is in Tehran."
    assert coded(pipeline, text, "2024-06-01") == [("SAUGOV", "042", "IRNGOV", "asserted")]


def test_coder_country_present_somewhere_is_not_a_visit(pipeline: Pipeline) -> None:
    assert coded(pipeline, "Oman is in Asia.", "2024-06-01") == []


def test_coder_denial_answers_the_last_accuser(pipeline: Pipeline) -> None:
    text = "India accused Pakistan of violating the truce. Pakistan denied the allegations."
    assert coded(pipeline, text, "2024-06-01") == [
        ("IND", "112", "PAK", "asserted"),
        ("PAK", "016", "IND", "asserted"),
    ]


def test_coder_denial_without_accuser_codes_nothing(pipeline: Pipeline) -> None:
    assert coded(pipeline, "Pakistan denied the allegations.", "2024-06-01") == []


def test_coder_keeps_a_cut_off_fragment_in_the_event_sentence(pipeline: Pipeline) -> None:
    # the army chief is Pakistan's: a Kenyan envoy calling on Kenya's own army is domestic
    text = "Kenya's envoy also called on Pakistan's Chief of Army Staff (COAS) General Ali Baraka."
    extraction = pipeline.extract(Document.from_text(text, doc_id="f", published="2024-06-01"))
    assert [(e.cameo, e.sentence) for e in extraction.events] == [("042", text)]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (Actor("USAGOV", "USA", "GOV"), Actor("CHNGOV", "CHN", "GOV"), True),
        (Actor("USAGOV", "USA", "GOV"), Actor("USAMIL", "USA", "MIL"), False),
        (Actor("IRQGOV", "IRQ", "GOV"), Actor("IRQCOP", "IRQ", "COP"), False),
        (Actor("LKAMIL", "LKA", "MIL"), Actor("LKAREB", "LKA", "REB"), True),
        (Actor("LKACOP", "LKA", "COP"), Actor("LKAOPP", "LKA", "OPP"), True),
        (Actor("LKAREB", "LKA", "REB"), Actor("LKAREB", "LKA", "REB"), False),
        (Actor("LKA", "LKA", None), Actor("LKAREB", "LKA", "REB"), False),
    ],
)
def test_events_distinct_keeps_same_country_pairs_only_with_a_challenger(
    source: Actor, target: Actor, expected: bool
) -> None:
    assert distinct(source, target) is expected
