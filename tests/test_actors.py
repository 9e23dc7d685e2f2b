"""Actor resolution: titles at dates, possessives and adjectives, metonymy, coreference."""

from __future__ import annotations

import pytest

from bilat.actors import resolve_text
from bilat.extract import Pipeline
from bilat.records import Document


def _first(text: str, date: str | None) -> tuple[str | None, str | None]:
    found = resolve_text(text, date=date)
    return found[0]["code"], found[0]["person"]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("the US Secretary of State", "2024-08-30", ("USAGOV", "Antony Blinken")),
        ("the US Secretary of State", "2025-04-07", ("USAGOV", "Marco Rubio")),
        ("the Chinese Foreign Minister", "2025-04-07", ("CHNGOV", "Wang Yi")),
        ("the Chinese Foreign Minister", "2023-06-01", ("CHNGOV", "Qin Gang")),
        ("Pakistan's Prime Minister", "2021-06-01", ("PAKGOV", "Imran Khan")),
        ("Pakistan's Prime Minister", "2024-06-01", ("PAKGOV", "Shehbaz Sharif")),
        ("Pakistan's Army Chief", "2020-06-01", ("PAKMIL", "Qamar Javed Bajwa")),
        ("Pakistan's Army Chief", "2024-06-01", ("PAKMIL", "Asim Munir")),
        ("the US Secretary of State", None, ("USAGOV", None)),
        ("the Nigerian Interior Minister", "2024-01-01", ("NGAGOV", None)),
        ("the White House", None, ("USAGOV", None)),
        ("the Pakistani military", None, ("PAKMIL", None)),
        ("NATO", None, ("IGONATO", None)),
    ],
)
def test_resolve_title_at_date(
    text: str, date: str | None, expected: tuple[str, str | None]
) -> None:
    code, person = _first(text, date)
    assert (code, person) == expected


def test_resolve_explains_unknown_date() -> None:
    (found,) = resolve_text("the US Secretary of State", date=None)
    assert (
        found["how"] == "title secretary_of_state of USA: document date unknown, holder not guessed"
    )


def test_coreference_pronoun_and_surname(pipeline: Pipeline) -> None:
    text = (
        "Foreign Minister Ishaq Dar arrived in Tokyo. He met Japanese officials. "
        "Dar later thanked Japan."
    )
    extraction = pipeline.extract(Document.from_text(text, doc_id="c", published="2025-02-03"))
    assert [(e.source.person, e.cameo, e.target.code) for e in extraction.events] == [
        ("Ishaq Dar", "042", "JPNGOV"),
        ("Ishaq Dar", "040", "JPNGOV"),
        ("Ishaq Dar", "051", "JPN"),
    ]
