"""Rules that leave a matched trigger uncoded: what `bilat explain` says, and what they spare."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from bilat.records import Document
from conftest import coded


def _left_out(pipeline: Pipeline, text: str) -> list[tuple[str, bool, str]]:
    """Return the attempts that coded an uncounted event or dropped a coded one."""
    document = Document.from_text(text, doc_id="x", published="2024-03-05")
    explanation = pipeline.explain(document)
    return [
        (a.pattern, a.coded, a.reason)
        for a in explanation.attempts
        if "dropped" in a.reason or "(negated" in a.reason
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile did not condemn Peru.",
            [
                (
                    "111-condemn",
                    True,
                    "pattern 111-condemn matched 'condemn' (negated: negated at 'condemn')",
                )
            ],
        ),
        (
            "Kenya threatened to expel Uganda's ambassador.",
            [
                (
                    "164-expel-envoy",
                    False,
                    "dropped after coding (KEN 164 UGAGOV): the purpose of 'threatened'",
                )
            ],
        ),
        (
            "Kenya recalls envoy from Uganda\nKenya recalled its ambassador from Uganda on Monday.",
            [
                (
                    "161-recall-envoy",
                    False,
                    "dropped after coding (KEN 161 UGA): a headline event the lede reports again",
                )
            ],
        ),
        (
            "The presidents of Peru and the Peruvian foreign minister praised Chile.",
            [
                (
                    "051-praise",
                    False,
                    "dropped after coding (PERGOV 051 CHL): a surer event of the same root and "
                    "pair in the sentence",
                )
            ],
        ),
    ],
)
def test_explain_names_the_rule_that_left_an_event_out(
    pipeline: Pipeline, text: str, expected: list[tuple[str, bool, str]]
) -> None:
    assert _left_out(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a day's name owns no meeting: the talks are between the two it names
        (
            "Wednesday's talks between Peru and Chile ended without a deal.",
            [("PER", "040", "CHL", "asserted")],
        ),
        # a person bilat does not know owns the visit: no event
        ("Garcia's visit to Chile angered Peru.", []),
    ],
)
def test_possessor_of_a_meeting_is_someone_not_a_day(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, "2024-03-05") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname linked to the full name before is a person for a pattern that wants one
        (
            "Albanian Prime Minister Bashkim Fino met Italian officials on Monday.\n"
            "After the meeting, Fino went on to Athens.",
            [("ALBGOV", "040", "ITAGOV", "asserted"), ("ALBGOV", "042", "GRCGOV", "asserted")],
        ),
        # a country is no traveller
        ("Albania went on to Athens.", []),
        # a target pronoun resolved to a person is a person for a pattern that wants one
        (
            "Kenya summoned Uganda's ambassador on Monday and asked him to leave the country.",
            [("KEN", "114", "UGAGOV", "asserted"), ("KEN", "174", "UGAGOV", "asserted")],
        ),
        # a subject pronoun is not: he may be going to a post, not on a visit
        (
            "Albanian Prime Minister Bashkim Fino met Italian officials on Monday before he "
            "went to Athens.",
            [("ALBGOV", "040", "ITAGOV", "asserted")],
        ),
    ],
)
def test_linked_surname_or_pronoun_is_a_person_of_a_pattern(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, "1997-04-02") == expected
