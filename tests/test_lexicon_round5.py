"""Round-5 lexicon patterns: the senses they must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from bilat.records import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "for" naming a reason is a verbal attack; naming a span of time it is a raid
        ("Chile attacked Peru for its fishing policy.", [("CHL", "111", "PER", "111-attack-for")]),
        ("Chile attacked Peru for three hours.", [("CHL", "190", "PER", "180-attack")]),
        ("Chilean troops attacked Peru for no reason.", [("CHLMIL", "190", "PER", "180-attack")]),
        (
            "Chilean troops attacked Peru for its fishing policy.",
            [("CHLMIL", "190", "PER", "180-attack")],
        ),
        ("He attacked Peru for its fishing policy.", []),
        # hitting back with missiles is force, not a retort
        ("Bolivia hit back at Chile over the remarks.", [("BOL", "111", "CHL", "111-hit-back")]),
        ("Bolivia hit back at Chile with missile strikes.", []),
        # criticism drawn from someone is theirs, aimed at the one who drew it
        (
            "The Norwegian decision sparked condemnation from Russia.",
            [("RUS", "111", "NOR", "111-draw-criticism")],
        ),
        # an aircraft intercepted is shadowed; a ship intercepted is seized
        (
            "Japanese fighter jets intercepted a Russian spy plane.",
            [("JPN", "150", "RUSSPY", "150-intercept-aircraft")],
        ),
        (
            "The Greek navy intercepted a Turkish trawler.",
            [("GRCMIL", "1711", "TUR", "1711-intercept-vessel")],
        ),
        # a reporter's call for comment is no consultation
        ("The Turkish ministry was contacted by Reuters.", []),
        ("Sweden contacted Turkey.", [("SWE", "040", "TUR", "040-contact")]),
        # a pronoun is no source: "he" could resolve to the leaders contacted
        ("The president said he has contacted the leaders of Saudi Arabia and Jordan.", []),
        # rapping a gavel is a ceremony
        ("The Chilean president rapped the gavel on two Peruvian projects.", []),
        # closing one's own ports to a country is a sanction, blocking its ports a blockade
        (
            "China closed its ports to Lithuanian ships.",
            [("CHN", "163", "LTU", "163-close-airspace")],
        ),
        # ending cooperation with a country reduces relations, like suspending a treaty
        (
            "Mali ended military cooperation with France.",
            [("MLI", "160", "FRA", "160-suspend-treaty")],
        ),
        ("Mali halted its partnership with France.", [("MLI", "160", "FRA", "160-suspend-treaty")]),
        # an operation with no named kind is no use of force: a firm or a charity runs them too
        ("Oxfam launched an operation in Sudan.", []),
        # headline verbs of praise, blame and appeal
        ("China rapped Japan over the visit.", [("CHN", "111", "JPN", "111-criticise-more")]),
        ("India flayed Pakistan for the attack.", [("IND", "111", "PAK", "111-criticise-more")]),
        ("Russia mocked Ukraine.", [("RUS", "111", "UKR", "111-criticise-more")]),
        ("Kenya complimented Uganda.", [("KEN", "051", "UGA", "051-praise")]),
        ("Brazil prodded Argentina to cut tariffs.", [("BRA", "020", "ARG", "020-urge-direct")]),
        ("Brazil nudged Argentina to cut tariffs.", [("BRA", "020", "ARG", "020-urge-direct")]),
        # allocating money to a country commits it, like earmarking it
        ("Chile allocated $5 million to Peru.", [("CHL", "0331", "PER", "0331-pledge-loan")]),
    ],
)
def test_lexicon_round5_pattern_keeps_its_sense(
    pipeline: Any, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published="2024-06-01"))
    coded = [
        (e.source.code, e.cameo, e.target.code if e.target else "", e.rule)
        for e in extraction.events
    ]
    assert coded == expected
