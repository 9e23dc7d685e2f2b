"""Tests for verdicts: confirm, reject, correct, and verdicts that survive re-ingest and re-coding."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilat.errors import InputError
from bilat.events.coder import event_id
from bilat.knowledge import Knowledge
from bilat.records import (
    Actor,
    DatePrecision,
    DateSource,
    Document,
    DocumentDate,
    Event,
    Extraction,
    Factuality,
)
from bilat.store import EVERY_EVENT, DuckDBStore, EventQuery
from bilat.verdicts import VerdictKind, actor_for_code, anchor_of

TEXT = (
    "Pakistan's foreign minister visited Washington on Monday. "
    "Beijing accused the army of a border raid."
)
FIRST = (0, 57)
SECOND = (58, len(TEXT))
DATE = DocumentDate("2025-03-03", None, None, DatePrecision.DAY, DateSource.METADATA)


def _event(
    doc: Document,
    span: tuple[int, int],
    trigger: str,
    code: str,
    source: Actor,
    target: Actor,
    *,
    name: str = "Make a visit",
    goldstein: float = 1.9,
    quad: int = 1,
) -> Event:
    start = TEXT.index(trigger)
    return Event(
        id=event_id(doc.id, span[0], span[1], code, source.code, target.code, start),
        doc_id=doc.id,
        sentence=TEXT[span[0] : span[1]],
        sentence_start=span[0],
        sentence_end=span[1],
        sentence_index=0 if span == FIRST else 1,
        cameo=code,
        cameo_name=name,
        source=source,
        target=target,
        goldstein=goldstein,
        quad_class=quad,
        plover_type="CONSULT",
        plover_mode="visit",
        factuality=Factuality.ASSERTED,
        confidence=0.8,
        rule="test",
        trigger=trigger,
        trigger_start=start,
        trigger_end=start + len(trigger),
        date="2025-03-03",
        date_precision=DatePrecision.DAY,
    )


PAKGOV = Actor("PAKGOV", "PAK", "GOV", name="Pakistan's foreign minister")
USAGOV = Actor("USAGOV", "USA", "GOV", name="Washington")
CHNGOV = Actor("CHNGOV", "CHN", "GOV", name="Beijing")
PAKMIL = Actor("PAKMIL", "PAK", "MIL", name="the army")


def _extraction(visit_code: str = "042") -> Extraction:
    doc = Document.from_text(TEXT, doc_id="doc1", published="2025-03-03")
    visit = _event(doc, FIRST, "visited", visit_code, PAKGOV, USAGOV)
    accuse = _event(
        doc,
        SECOND,
        "accused",
        "112",
        CHNGOV,
        PAKMIL,
        name="Accuse (general)",
        goldstein=-2.0,
        quad=3,
    )
    return Extraction(document=doc, date=DATE, events=(visit, accuse), sentences=(FIRST, SECOND))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DuckDBStore]:
    with DuckDBStore(tmp_path / "bilat.duckdb") as opened:
        opened.add([_extraction()])
        yield opened


def _ids(store: DuckDBStore, query: EventQuery = EVERY_EVENT) -> list[str]:
    return [e.id for e in store.events(query)]


VISIT, ACCUSE = (e.id for e in _extraction().events)


def test_set_verdict_confirm_makes_event_verified(store: DuckDBStore) -> None:
    verdict = store.set_verdict(VISIT, "confirm", note="checked the wire")
    assert (verdict.verdict, verdict.note, verdict.machine_cameo) == (
        VerdictKind.CONFIRM,
        "checked the wire",
        "042",
    )
    assert _ids(store, EventQuery(verified=True)) == [VISIT]
    assert _ids(store, EventQuery(verified=False)) == [ACCUSE]
    assert _ids(store) == [VISIT, ACCUSE]


def test_set_verdict_reject_hides_event_from_queries_counts_and_dyads(store: DuckDBStore) -> None:
    store.set_verdict(ACCUSE, "reject", note="not a raid")
    assert _ids(store) == [VISIT]
    assert store.count_events() == 1
    assert [(d.a, d.b, d.events) for d in store.dyads()] == [("PAK", "USA", 1)]
    assert _ids(store, EventQuery(include_rejected=True)) == [VISIT, ACCUSE]
    assert _ids(store, EventQuery(verified=True)) == []
    found = store.event(ACCUSE)
    assert found is not None
    assert found.cameo == "112"


def test_set_verdict_correct_shows_code_with_table_goldstein_and_keeps_machine(
    store: DuckDBStore,
) -> None:
    verdict = store.set_verdict(VISIT, "correct", cameo="043", note="they hosted")
    event = store.event(VISIT)
    assert event is not None
    assert (event.cameo, event.cameo_name, event.goldstein, event.quad_class) == (
        "043",
        "Host a visit",
        2.8,
        1,
    )
    assert (verdict.cameo, verdict.machine_cameo) == ("043", "042")
    extraction = store.extraction("doc1")
    assert extraction is not None
    assert extraction.events[0].cameo == "042"
    assert _ids(store, EventQuery(root="043")) == [VISIT]
    assert _ids(store, EventQuery(root="042")) == []


def test_set_verdict_correct_actor_moves_event_to_its_dyad(store: DuckDBStore) -> None:
    store.set_verdict(VISIT, "correct", target_code="chngov")
    event = store.event(VISIT)
    assert event is not None
    assert event.target == Actor("CHNGOV", "CHN", "GOV", name="Washington")
    assert sorted((d.a, d.b, d.events) for d in store.dyads()) == [
        ("CHN", "PAK", 2),
    ]
    assert _ids(store, EventQuery(dyad=("PAK", "CHN"))) == [VISIT, ACCUSE]


def test_set_verdict_replaced_by_confirm_restores_machine_coding(store: DuckDBStore) -> None:
    store.set_verdict(VISIT, "correct", cameo="043")
    store.set_verdict(VISIT, "confirm")
    event = store.event(VISIT)
    assert event is not None
    assert (event.cameo, event.goldstein) == ("042", 1.9)
    assert _ids(store, EventQuery(root="042")) == [VISIT]
    assert [v.verdict for v in store.verdicts()] == [VerdictKind.CONFIRM]


@pytest.mark.parametrize(
    ("verdict", "fields", "message"),
    [
        ("correct", {}, "needs at least one corrected field"),
        ("confirm", {"cameo": "043"}, "takes no corrections"),
        ("correct", {"cameo": "999"}, "unknown CAMEO code '999'"),
        ("correct", {"source_code": "XXXGOV"}, "'XXX' is no known country"),
        ("correct", {"source_code": "PAKZZZ"}, "sector 'ZZZ' is not in sectors.yaml"),
        ("approve", {}, "unknown verdict 'approve'"),
    ],
)
def test_set_verdict_invalid_raises_with_fix(
    store: DuckDBStore, verdict: str, fields: dict[str, str], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        store.set_verdict(
            VISIT,
            verdict,
            cameo=fields.get("cameo"),
            source_code=fields.get("source_code"),
        )
    assert store.verdicts() == []


def test_set_verdict_unknown_event_raises(store: DuckDBStore) -> None:
    with pytest.raises(InputError, match="no event with id 'nope'"):
        store.set_verdict("nope", "confirm")


def test_verdict_survives_remove_and_re_add(store: DuckDBStore) -> None:
    store.set_verdict(VISIT, "correct", cameo="043")
    store.set_verdict(ACCUSE, "reject")
    assert store.remove_document("doc1") is True
    assert _ids(store) == []
    store.add([_extraction()])
    assert _ids(store) == [VISIT]
    event = store.event(VISIT)
    assert event is not None
    assert event.cameo == "043"
    assert [(v.event_id, v.verdict) for v in store.verdicts()] == [
        (VISIT, VerdictKind.CORRECT),
        (ACCUSE, VerdictKind.REJECT),
    ]


def test_verdict_follows_recoded_event_to_its_new_id(store: DuckDBStore) -> None:
    store.set_verdict(VISIT, "confirm", note="a visit indeed")
    store.remove_document("doc1")
    recoded = _extraction(visit_code="036")
    new_id = recoded.events[0].id
    assert new_id != VISIT
    store.add([recoded])
    verdict = store.verdict(new_id)
    assert verdict is not None
    assert (verdict.verdict, verdict.note, verdict.machine_cameo) == (
        VerdictKind.CONFIRM,
        "a visit indeed",
        "042",
    )
    assert store.verdict(VISIT) is None
    # The analyst confirmed a visit: the re-coded event shows the judged code, not the new one.
    event = store.event(new_id)
    assert event is not None
    assert (event.cameo, event.goldstein) == ("042", 1.9)
    assert _ids(store, EventQuery(verified=True)) == [new_id]


def test_rejection_follows_recoded_event(store: DuckDBStore) -> None:
    store.set_verdict(ACCUSE, "reject")
    store.remove_document("doc1")
    doc = _extraction().document
    recoded = dataclasses.replace(
        _extraction(),
        events=(
            _extraction().events[0],
            _event(doc, SECOND, "accused", "1121", CHNGOV, PAKMIL, goldstein=-2.0, quad=3),
        ),
    )
    store.add([recoded])
    assert _ids(store) == [VISIT]
    assert store.verdict(recoded.events[1].id) is not None


def test_anchor_of_is_hash_span_and_trigger() -> None:
    extraction = _extraction()
    doc = extraction.document
    assert anchor_of(extraction.events[1], doc.content_hash) == f"{doc.content_hash}:58-100:66"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("PAKMIL", Actor("PAKMIL", "PAK", "MIL")),
        ("chn", Actor("CHN", "CHN", None)),
        ("IGOUNO", Actor("IGOUNO", "UNO", "IGO")),
    ],
)
def test_actor_for_code_gives_country_and_sector(code: str, expected: Actor) -> None:
    assert actor_for_code(code, Knowledge.load()) == expected
