"""Near-duplicate documents: MinHash signatures, the LSH finder, and reprints across runs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bilat.dedup import Deduplicator, DedupOptions, DedupReport, DuplicateFinder
from bilat.dedup.documents import decode_hashvalues, encode_hashvalues, normalise, shingles
from bilat.errors import InputError
from bilat.records import (
    DatePrecision,
    DateSource,
    Document,
    DocumentDate,
    Event,
    Extraction,
)
from bilat.store import EventQuery, open_store
from conftest import make_event

STORY = (
    "Officials from Pakistan and the United States agreed on Tuesday to widen their work on "
    "border security, according to a statement released after two days of meetings in "
    "Islamabad. The statement said both governments would share more information about "
    "smuggling routes and would train customs staff together next spring. A senior official "
    "described the talks as frank and useful, and said a follow-up round was planned for the "
    "autumn in Washington. Trade officials also discussed tariffs on textiles, but no "
    "agreement on them was announced."
)

EDITED = (
    STORY.replace("agreed on Tuesday", "agreed late on Tuesday")
    .replace("frank and useful", "frank and productive")
    .replace("next spring", "early next year")
    + " Analysts in Karachi welcomed the news."
)

OTHER = (
    "Heavy rain flooded low-lying districts of the coastal city overnight, and rescue teams "
    "used boats to move hundreds of families to schools on higher ground. The weather office "
    "warned that more storms were expected before the weekend and asked fishermen to stay in "
    "port. Power was cut in several neighbourhoods while engineers checked damaged lines, and "
    "the provincial government promised emergency funds for the worst hit villages."
)


def test_normalise_ignores_case_punctuation_and_breaks() -> None:
    assert normalise("Pakistan, the U.S.\n\nAND China!") == [
        "pakistan",
        "the",
        "u",
        "s",
        "and",
        "china",
    ]


def test_shingles_runs_of_words() -> None:
    assert shingles(["a", "b", "c", "d"], 3) == {b"a b c", b"b c d"}


def test_hashvalues_round_trip() -> None:
    finder = DuplicateFinder(DedupOptions())
    values = finder.signature(STORY)
    assert len(values) == 128
    assert decode_hashvalues(encode_hashvalues(values)) == values


def test_finder_verbatim_reprint() -> None:
    finder = DuplicateFinder(DedupOptions())
    assert finder.check("orig", STORY).duplicate_of is None
    reprint = finder.check("copy", "REPRINT\n" + STORY.upper().replace(". ", ".\n"))
    assert (reprint.duplicate_of, reprint.similarity is not None) == ("orig", True)
    assert (reprint.similarity or 0.0) > 0.9


def test_finder_edited_reprint() -> None:
    finder = DuplicateFinder(DedupOptions())
    finder.check("orig", STORY)
    assert finder.check("edited", EDITED).duplicate_of == "orig"


def test_finder_different_story_is_not_duplicate() -> None:
    finder = DuplicateFinder(DedupOptions())
    finder.check("orig", STORY)
    assert finder.check("flood", OTHER).duplicate_of is None


def test_finder_copy_of_copy_names_original() -> None:
    finder = DuplicateFinder(DedupOptions())
    finder.check("orig", STORY)
    finder.check("edited", EDITED)
    assert finder.check("again", EDITED + " More to follow.").duplicate_of == "orig"


def test_finder_short_text_is_not_signed() -> None:
    finder = DuplicateFinder(DedupOptions())
    finder.check("a", "Pakistan and China held talks.")
    signature = finder.check("b", "Pakistan and China held talks.")
    assert (signature.hashvalues, signature.duplicate_of) == ((), None)


def test_finder_threshold_is_configurable() -> None:
    finder = DuplicateFinder(DedupOptions(threshold=0.95))
    finder.check("orig", STORY)
    assert finder.check("edited", EDITED).duplicate_of is None


def test_options_reject_bad_threshold() -> None:
    with pytest.raises(InputError, match="threshold must be in"):
        DedupOptions(threshold=0)


def _event(doc_id: str, sentence: str) -> Event:
    return make_event(
        f"{doc_id}-e0",
        doc_id,
        "PAKGOV",
        "USAGOV",
        cameo="057",
        cameo_name="Sign formal agreement",
        goldstein=8.0,
        date="2025-03-11",
        sentence=sentence,
        confidence=0.9,
    )


def _extraction(doc_id: str, text: str, outlet: str) -> Extraction:
    document = Document.from_text(text, doc_id=doc_id, published="2025-03-11", outlet=outlet)
    date = DocumentDate("2025-03-11", None, None, DatePrecision.DAY, DateSource.METADATA)
    return Extraction(document=document, date=date, events=(_event(doc_id, text[:120]),))


def test_deduplicator_reprint_in_second_run(tmp_path: Path) -> None:
    db = tmp_path / "d.duckdb"
    with open_store(db) as store:
        store.add([_extraction("orig", STORY, "Wire A"), _extraction("flood", OTHER, "Wire A")])
        assert Deduplicator(store).update() == DedupReport(documents=2, events=2)
    with open_store(db) as store:
        store.add([_extraction("copy", EDITED, "Paper B")])
        assert Deduplicator(store).update() == DedupReport(documents=1, duplicates=1)
        assert [e.doc_id for e in store.events(EventQuery(mentions=True))] == ["flood", "orig"]
        assert store.count_events(EventQuery(dyad=("PAK", "USA"))) == 2
        assert [(r.a, r.b, r.events) for r in store.dyads()] == [("PAK", "USA", 2)]


def test_deduplicator_duplicate_link_is_stored(tmp_path: Path) -> None:
    with open_store(tmp_path / "d.duckdb") as store:
        store.add([_extraction("orig", STORY, "Wire A")])
        store.add([_extraction("copy", STORY + " Ends.", "Paper B")])
        Deduplicator(store).update()
        assert [(d, o) for d, _, o in store.signatures()] == [("orig", None), ("copy", "orig")]
        assert store.unsigned_documents() == []


def test_deduplicator_same_outcome_for_any_batch_size(tmp_path: Path) -> None:
    texts = [("orig", STORY), ("flood", OTHER), ("copy", EDITED), ("copy2", STORY + " End.")]
    outcomes = []
    for size in (1, 2, 4):
        with open_store(tmp_path / f"b{size}.duckdb") as store:
            dedup = Deduplicator(store)
            for start in range(0, len(texts), size):
                store.add([_extraction(i, t, "W") for i, t in texts[start : start + size]])
                dedup.update()
            outcomes.append([(d, o) for d, _, o in store.signatures()])
    assert outcomes[0] == [("orig", None), ("flood", None), ("copy", "orig"), ("copy2", "orig")]
    assert outcomes[1:] == [outcomes[0], outcomes[0]]


def test_ingest_links_reprint_and_counts_its_events_once(tmp_path: Path, pipeline: object) -> None:
    from bilat.ingest import ingest
    from bilat.settings import Settings

    story = (
        "Pakistan's Foreign Minister Ishaq Dar met US Secretary of State Marco Rubio in "
        "Washington on Monday, 2025-03-10. " + STORY
    )
    (tmp_path / "in1").mkdir()
    (tmp_path / "in2").mkdir()
    (tmp_path / "in1" / "a.txt").write_text("date 2025-03-11\n" + story, encoding="utf-8")
    (tmp_path / "in2" / "b.txt").write_text(
        "date 2025-03-12\n" + story.replace("frank and useful", "useful"), encoding="utf-8"
    )
    settings = Settings(db=str(tmp_path / "i.duckdb"))
    first = ingest([tmp_path / "in1"], settings=settings)
    with open_store(settings.db, read_only=True) as store:
        before = [dataclasses.asdict(row) for row in store.dyads()]
    second = ingest([tmp_path / "in2"], settings=settings)
    assert (first.duplicates, second.added, second.duplicates) == (0, 1, 1)
    with open_store(settings.db) as store:
        assert [e.doc_id for e in store.events(EventQuery(root="04"))] == ["a"]
        # The reprint adds a document but no event to any dyad's counts.
        assert [dataclasses.asdict(row) for row in store.dyads()] == before
        assert before[0]["events"] == first.events
