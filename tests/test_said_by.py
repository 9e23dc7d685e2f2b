"""Who said a quote, for a reader: "he" and "she" become the person they stand for."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from bilat.brief import BriefScope, build_brief, to_markdown
from bilat.facts import speaker_label
from bilat.records import Actor, Quote
from bilat.store import open_store
from conftest import make_event, make_extraction

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

DAR = Actor("PAKGOV", "PAK", "GOV", name="Ishaq Dar", person="Ishaq Dar", person_id="ishaq-dar")
MINISTRY = Actor("PAKGOV", "PAK", "GOV")


def _quote(speaker: Actor | None, text: str | None) -> Quote:
    return Quote("d", "We want trade, not aid", 0, 22, speaker, text, 0)


@pytest.mark.parametrize(
    ("speaker", "text", "expected"),
    [
        (DAR, "he", "Ishaq Dar"),
        (DAR, "She", "Ishaq Dar"),
        (DAR, "FM Dar", "FM Dar"),
        (DAR, None, "Ishaq Dar"),
        (MINISTRY, "the ministry", "the ministry"),
        (MINISTRY, "he", "he"),
        (MINISTRY, None, "PAKGOV"),
        (None, "he", "he"),
        (None, None, ""),
    ],
)
def test_speaker_label(speaker: Actor | None, text: str | None, expected: str) -> None:
    assert speaker_label(_quote(speaker, text)) == expected


@pytest.fixture
def db(tmp_path: Path) -> str:
    """Return a store with one PAK–USA event and Dar's quote attributed to "he"."""
    text = "Dar spoke to Blinken. “We want trade, not aid,” he said."
    event = make_event("e1", "d", "PAKGOV", "USAGOV", date="2025-02-03")
    quote = Quote("d", "We want trade, not aid", 23, 45, DAR, "he", 1)
    path = tmp_path / "quotes.duckdb"
    with open_store(path) as store:
        store.add([make_extraction("d", text, (event,), date="2025-02-03", quotes=(quote,))])
    return str(path)


def test_dyad_page_names_the_person_behind_he(db: str) -> None:
    from bilat.server import create_app

    with TestClient(create_app(db)) as client:
        page = client.get("/dyads/PAK/USA").text
        data = client.get("/api/quotes").json()
    assert "<cite>Ishaq Dar, 2025-02-03</cite>" in page
    assert [(q["speaker_text"], q["said_by"]) for q in data["quotes"]] == [("he", "Ishaq Dar")]


def test_brief_names_the_person_behind_he(db: str) -> None:
    with open_store(db, read_only=True) as store:
        brief = build_brief(
            store, BriefScope.parse(dyad=("PAK", "USA"), since="2025-02-01", until="2025-02-28")
        )
    assert (
        "- “We want trade, not aid” — Ishaq Dar, Pakistan government (PAKGOV) (2025-02-03)"
        in to_markdown(brief)
    )
