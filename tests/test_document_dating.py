"""Dating an undated article from the office-holders it names with their titles."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from bilat.records import DatePrecision, DateSource, Document


def _range(pipeline: Pipeline, text: str) -> tuple[str | None, str | None, DatePrecision]:
    date = pipeline.extract(Document.from_text(text, doc_id="undated")).date
    assert date.source is DateSource.INFERRED
    return date.earliest, date.latest, date.precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Munir has been army chief since 2022-11-29; his later, concurrent post (2025-12-04)
        # must not narrow the range to after it.
        (
            "Pakistan's Army Chief General Asim Munir met the visiting Turkish commander.",
            ("2022-11-29", None, DatePrecision.RANGE),
        ),
        # Two titles on one person: both held at once, so the later start bounds the range.
        (
            "Deputy Prime Minister and Foreign Minister Ishaq Dar spoke to the press.",
            ("2024-04-28", None, DatePrecision.RANGE),
        ),
        # A closed term bounds the range on both sides.
        (
            "US Secretary of State Antony Blinken arrived in Islamabad for talks.",
            ("2021-01-26", "2025-01-20", DatePrecision.RANGE),
        ),
    ],
)
def test_document_date_from_titled_office_holders(
    pipeline: Pipeline, text: str, expected: tuple[str | None, str | None, DatePrecision]
) -> None:
    assert _range(pipeline, text) == expected
