"""Tests for bilat.facts: casualties, money, percentages, tariffs and direct quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.errors import KnowledgeError
from bilat.facts import QuoteSpan, extract_facts, find_quotes, pronoun_speaker
from bilat.facts.vocabulary import load_units
from bilat.knowledge import Knowledge
from bilat.records import Actor, Document, Fact, Mention, Quote

Row = tuple[str, float, str | None, str | None, str, str | None]


def _rows(text: str) -> list[Row]:
    """Return (kind, value, unit, qualifier, text, detail) for each fact in one sentence."""
    facts = extract_facts(text, [(0, len(text))], doc_id="t")
    return [(f.kind, f.value, f.unit, f.qualifier, f.text, f.detail) for f in facts]


def _speakers(text: str) -> list[tuple[str, str | None]]:
    """Return (quote text, speaker text) for each quote, reading the text as one sentence."""
    return [(q.text, q.speaker_text) for q in find_quotes(text, [(0, len(text))], doc_id="t")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The bombing killed at least 50 people, including 14 security personnel.",
            [
                ("killed", 50.0, "people", "at least", "at least 50 people", None),
                ("killed", 14.0, "security personnel", None, "14 security personnel", "including"),
            ],
        ),
        (
            "The clashes caused the deaths of over 50 people near the border.",
            [("killed", 50.0, "people", "over", "over 50 people", None)],
        ),
        (
            "Three soldiers were killed in the ambush.",
            [("killed", 3.0, "soldiers", None, "Three soldiers", None)],
        ),
        (
            "Twenty-five militants were killed overnight.",
            [("killed", 25.0, "militants", None, "Twenty-five militants", None)],
        ),
        (
            "A dozen people were hurt when the wall collapsed.",
            [("injured", 12.0, "people", None, "A dozen people", None)],
        ),
        (
            "The blast killed nearly 40 Pakistani police officers.",
            [
                (
                    "killed",
                    40.0,
                    "Pakistani police officers",
                    "nearly",
                    "nearly 40 Pakistani police officers",
                    None,
                )
            ],
        ),
        (
            "Gunmen abducted five engineers on the highway.",
            [("abducted", 5.0, "engineers", None, "five engineers", None)],
        ),
        (
            "Police arrested more than 300 protesters in Lahore.",
            [("arrested", 300.0, "protesters", "more than", "more than 300 protesters", None)],
        ),
        (
            "The group has killed 40 people since 2019.",
            [("killed", 40.0, "people", None, "40 people", None)],
        ),
        ("No one was killed in the blast.", []),
        ("The outbreak killed 550 chickens on the farm.", []),
        (
            "The strike killed 20 in Kurram and wounded 31 others.",
            [
                ("killed", 20.0, None, None, "20", None),
                ("injured", 31.0, "others", None, "31 others", None),
            ],
        ),
        ("The two leaders met for three hours.", []),
    ],
)
def test_extract_facts_casualty_counts(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dozens injured as the bus overturned.",
            [("injured", 24.0, None, "dozens", "Dozens", None)],
        ),
        (
            "Scores of people were wounded in the stampede.",
            [("injured", 40.0, "people", "scores", "Scores of people", None)],
        ),
        (
            "Hundreds of villagers were detained after the raid.",
            [("arrested", 200.0, "villagers", "hundreds", "Hundreds of villagers", None)],
        ),
    ],
)
def test_extract_facts_vague_counts_are_lower_bounds(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_extract_facts_series_before_the_verb_shares_its_kind() -> None:
    text = "In all, 151 civilians and 114 security personnel were killed last year."
    assert _rows(text) == [
        ("killed", 151.0, "civilians", None, "151 civilians", None),
        ("killed", 114.0, "security personnel", None, "114 security personnel", None),
    ]


def test_extract_facts_series_after_the_verb_shares_its_kind() -> None:
    text = "The raid killed 151 civilians and 114 security personnel."
    assert _rows(text) == [
        ("killed", 151.0, "civilians", None, "151 civilians", None),
        ("killed", 114.0, "security personnel", None, "114 security personnel", None),
    ]


def test_extract_facts_breakdown_closes_at_comma_and() -> None:
    text = (
        "The shelling killed 30 civilians, including six women and nine children, "
        "and eight soldiers, and injured 70 people."
    )
    assert _rows(text) == [
        ("killed", 30.0, "civilians", None, "30 civilians", None),
        ("killed", 6.0, "women", None, "six women", "including"),
        ("killed", 9.0, "children", None, "nine children", "including"),
        ("killed", 8.0, "soldiers", None, "eight soldiers", None),
        ("injured", 70.0, "people", None, "70 people", None),
    ]


def test_extract_facts_count_without_noun_after_passive() -> None:
    text = "Twelve soldiers were killed and 20 injured."
    assert _rows(text) == [
        ("killed", 12.0, "soldiers", None, "Twelve soldiers", None),
        ("injured", 20.0, None, None, "20", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The IMF approved $7 billion for Pakistan.",
            [("money", 7e9, "USD", None, "$7 billion", None)],
        ),
        (
            "The budget is Rs 2.5 trillion this year.",
            [("money", 2.5e12, "PKR", None, "Rs 2.5 trillion", None)],
        ),
        ("Spending hit Rs2.5tr.", [("money", 2.5e12, "PKR", None, "Rs2.5tr", None)]),
        (
            "Washington sold $7 billion worth of military equipment to the navy.",
            [("money", 7e9, "USD", None, "$7 billion", "military equipment")],
        ),
        (
            "The deal covers about $400 million worth of weapons.",
            [("money", 4e8, "USD", "about", "about $400 million", "weapons")],
        ),
        ("The EU pledged €300m for schools.", [("money", 3e8, "EUR", None, "€300m", None)]),
        ("Britain gave £5 million to the fund.", [("money", 5e6, "GBP", None, "£5 million", None)]),
        (
            "Beijing lent 1.2bn yuan to the utility.",
            [("money", 1.2e9, "CNY", None, "1.2bn yuan", None)],
        ),
        ("The bank lent RMB 8 billion.", [("money", 8e9, "CNY", None, "RMB 8 billion", None)]),
        (
            "The province sought PKR 10 billion.",
            [("money", 1e10, "PKR", None, "PKR 10 billion", None)],
        ),
        ("Exports reached US$ 3 billion.", [("money", 3e9, "USD", None, "US$ 3 billion", None)]),
        (
            "Delhi set aside ₹500 crore for the dam.",
            [("money", 5e9, "INR", None, "₹500 crore", None)],
        ),
        (
            "China approved a $1.2 billion loan for the railway.",
            [("money", 1.2e9, "USD", None, "$1.2 billion", "loan")],
        ),
        (
            "Riyadh extended a deposit of about $3 billion.",
            [("money", 3e9, "USD", "about", "about $3 billion", "deposit")],
        ),
        (
            "The two sides signed a $5 billion Saudi investment package.",
            [("money", 5e9, "USD", None, "$5 billion", "investment")],
        ),
        (
            "Trade stood at more than $1,250 million.",
            [("money", 1.25e9, "USD", "more than", "more than $1,250 million", None)],
        ),
        (
            "China rolls over $2 billion in debt.",
            [("money", 2e9, "USD", None, "$2 billion", None)],
        ),
    ],
)
def test_extract_facts_money(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Remittances are surging by 42%.", [("percent", 42.0, "%", None, "42%", None)]),
        ("Washington imposed a 29% tariff.", [("tariff", 29.0, "%", None, "29%", None)]),
        (
            "The US tariff on Pakistani goods fell to 19 percent.",
            [("tariff", 19.0, "%", None, "19 percent", None)],
        ),
        ("Inflation eased to 29 per cent.", [("percent", 29.0, "%", None, "29 per cent", None)]),
        (
            "Beijing raised its duties on US soybeans to as much as 125%.",
            [("tariff", 125.0, "%", "as much as", "as much as 125%", None)],
        ),
        (
            "The tariffs could cut exports by up to 80 percent.",
            [("percent", 80.0, "%", "up to", "up to 80 percent", None)],
        ),
        (
            "Officials announced tariffs, and output fell almost 3.5%.",
            [("percent", 3.5, "%", "almost", "almost 3.5%", None)],
        ),
    ],
)
def test_extract_facts_percent_and_tariff(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_extract_facts_offsets_and_sentence_index() -> None:
    text = "Talks were held in Doha.\nThe attack killed at least 12 people, the police said."
    facts = extract_facts(text, [(0, 24), (25, len(text))], doc_id="doc-7")
    assert facts == [
        Fact(
            doc_id="doc-7",
            kind="killed",
            value=12.0,
            unit="people",
            qualifier="at least",
            text="at least 12 people",
            start=43,
            end=61,
            sentence_index=1,
        )
    ]
    assert text[43:61] == "at least 12 people"


def test_extract_facts_without_sentences_reads_one_sentence() -> None:
    text = "Officials said about $40 million was lost."
    assert extract_facts(text, [], doc_id="d") == [
        Fact("d", "money", 4e7, "USD", "about", "about $40 million", 15, 32, 0)
    ]


def test_load_units_rejects_invalid_user_file_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "units.yaml").write_text("scales:\n  lakh: many\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_units(Knowledge.load([tmp_path], cache_dir="none"))
    assert str(caught.value) == (
        f"[E200] {tmp_path / 'units.yaml'}:2: scales.lakh: Input should be a valid number, "
        "unable to parse string as a number"
    )


def test_facts_user_units_add_a_currency_and_a_scale(tmp_path: Path) -> None:
    (tmp_path / "units.yaml").write_text(
        "currencies:\n  - {code: BDT, before: [Tk], after: [taka]}\nscales:\n  crore: 1.0e7\n",
        encoding="utf-8",
    )
    knowledge = Knowledge.load([tmp_path], cache_dir="none")
    text = "Dhaka pledged 5 crore taka."
    facts = extract_facts(text, [(0, len(text))], doc_id="t", knowledge=knowledge)
    assert [(f.kind, f.value, f.unit, f.text) for f in facts] == [
        ("money", 5.0e7, "BDT", "5 crore taka")
    ]
    assert extract_facts(text, [(0, len(text))], doc_id="t") == []


def test_find_quotes_speaker_after_quote_with_offsets() -> None:
    text = "“We will not accept this,” Dar said."
    assert find_quotes(text, [(0, len(text))], doc_id="t") == [
        QuoteSpan("We will not accept this", 1, 24, "Dar", 27, 30, 0)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“This is completely unacceptable,” he said.",
            [("This is completely unacceptable", "he")],
        ),
        (
            "“The talks were very useful,” said Foreign Minister Ishaq Dar.",
            [("The talks were very useful", "Foreign Minister Ishaq Dar")],
        ),
        (
            "“The talks were very useful,” said Dar in Beijing.",
            [("The talks were very useful", "Dar")],
        ),
        (
            "Dar said: “Pakistan wants peace with all its neighbours.”",
            [("Pakistan wants peace with all its neighbours.", "Dar")],
        ),
        (
            "“We have shared the evidence with Kabul,” Dar told reporters in Islamabad.",
            [("We have shared the evidence with Kabul", "Dar")],
        ),
        (
            "According to the foreign ministry, “the visit will open a new chapter.”",
            [("the visit will open a new chapter.", "the foreign ministry")],
        ),
        (
            "“Both sides agreed to meet again soon,” according to the statement.",
            [("Both sides agreed to meet again soon", "the statement")],
        ),
        (
            "“There will be consequences for this,” the spokesman warned.",
            [("There will be consequences for this", "the spokesman")],
        ),
        (
            "“We stand ready to help our friends,” Wang stressed on Monday.",
            [("We stand ready to help our friends", "Wang")],
        ),
        (
            "S. Jaishankar insisted: “Terrorism cannot be a tool of policy.”",
            [("Terrorism cannot be a tool of policy.", "S. Jaishankar")],
        ),
        (
            '"We want trade, not aid," he added.',
            [("We want trade, not aid", "he")],
        ),
        (
            "The ministry said China “will always stand with its friends”.",
            [("will always stand with its friends", "The ministry")],
        ),
        (
            "“We expect a reply within days,” Amir Khan Muttaqi, the acting minister, said.",
            [("We expect a reply within days", "Amir Khan Muttaqi")],
        ),
        (
            "“The border will stay closed until further notice.”",
            [("The border will stay closed until further notice.", None)],
        ),
    ],
)
def test_find_quotes_attribution_patterns(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _speakers(text) == expected


def test_find_quotes_ignores_scare_quotes() -> None:
    assert _speakers("Islamabad called the move “biased and unfair” on Friday.") == []


def test_find_quotes_multi_sentence_quote_keeps_first_sentence_index() -> None:
    text = "Talks ended.\n“We will defend our borders. We will not be provoked,” Asif said."
    sentences = [(0, 12), (13, 40), (41, len(text))]
    assert find_quotes(text, sentences, doc_id="t") == [
        QuoteSpan("We will defend our borders. We will not be provoked", 14, 65, "Asif", 68, 72, 1)
    ]


def test_find_quotes_continuation_takes_previous_speaker() -> None:
    text = "“Our friendship is stronger than ever,” Sharif said. “Nobody can harm it now.”"
    assert _speakers(text) == [
        ("Our friendship is stronger than ever", "Sharif"),
        ("Nobody can harm it now.", "Sharif"),
    ]


def test_find_quotes_attribution_between_two_parts() -> None:
    text = "“We will not accept this,” Dar said, “and we will respond firmly.”"
    assert _speakers(text) == [
        ("We will not accept this", "Dar"),
        ("and we will respond firmly.", "Dar"),
    ]


def test_quote_span_to_quote_attaches_doc_and_actor() -> None:
    actor = Actor(code="PAKGOV", country="PAK", sector="GOV", name="Ishaq Dar")
    span = QuoteSpan("We will not accept this", 1, 24, "Dar", 27, 30, 0)
    assert span.to_quote("doc-1", actor) == Quote(
        doc_id="doc-1",
        text="We will not accept this",
        start=1,
        end=24,
        speaker=actor,
        speaker_text="Dar",
        sentence_index=0,
    )


def test_examples_every_report_has_an_attributed_quote() -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    reports = sorted(examples.glob("*.txt"))
    assert len(reports) == 18
    for report in reports:
        text = report.read_text(encoding="utf-8")
        quotes = find_quotes(text, [], doc_id=report.stem)
        assert any(q.speaker_text for q in quotes), report.name


DAR = Actor("PAKGOV", "PAK", "GOV", name="Ishaq Dar", person="Ishaq Dar", person_id="ishaq-dar")
RUBIO = Actor("USAGOV", "USA", "GOV", name="Marco Rubio", person="Marco Rubio")
PAKISTAN = Actor("PAK", "PAK")


def test_pronoun_speaker_is_the_last_person_named_before_the_quote() -> None:
    text = "Rubio phoned Dar in Pakistan. “We want this settled within days,” he said."
    mentions = [
        Mention(0, 5, "Rubio", RUBIO, "person", "known person", 0),
        Mention(13, 16, "Dar", DAR, "person", "known person", 0),
        Mention(20, 28, "Pakistan", PAKISTAN, "country", "gazetteer", 0),
    ]
    span = find_quotes(text, [(0, 29), (30, len(text))], doc_id="t")[0]
    assert (span.text, span.speaker_text) == ("We want this settled within days", "he")
    assert pronoun_speaker(span, mentions) == DAR


def test_pronoun_speaker_ignores_names_inside_the_quote_and_names() -> None:
    text = "Dar arrived. “Rubio and I agree on every point here,” he said."
    mentions = [
        Mention(0, 3, "Dar", DAR, "person", "known person", 0),
        Mention(14, 19, "Rubio", RUBIO, "person", "known person", 1),
    ]
    span = find_quotes(text, [(0, 12), (13, len(text))], doc_id="t")[0]
    assert pronoun_speaker(span, mentions) == DAR
    named = QuoteSpan("Rubio and I agree on every point here", 14, 51, "Dar", 55, 58, 1)
    assert pronoun_speaker(named, mentions) is None


def test_pronoun_speaker_without_a_person_before_is_none() -> None:
    text = "“We will keep talking to everyone,” she said."
    span = find_quotes(text, [(0, len(text))], doc_id="t")[0]
    assert pronoun_speaker(span, [Mention(40, 44, "x", DAR, "person", "known person", 0)]) is None


def test_extract_resolves_he_said_to_the_last_named_person(pipeline: object) -> None:
    from bilat.extract import Pipeline

    assert isinstance(pipeline, Pipeline)
    text = (
        "US envoy Zalmay Khalilzad met Pakistani Foreign Minister Ishaq Dar on Monday.\n"
        "“Our doors remain open to every partner in the region,” he said."
    )
    extraction = pipeline.extract(Document.from_text(text, doc_id="q1", published="2025-03-03"))
    assert [(q.speaker_text, q.speaker and q.speaker.code) for q in extraction.quotes] == [
        ("he", "PAKGOV")
    ]
    assert extraction.quotes[0].speaker is not None
    assert extraction.quotes[0].speaker.person == "Ishaq Dar"
