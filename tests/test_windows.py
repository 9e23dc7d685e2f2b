"""Newest-first pages of a dyad's events read from recent date windows (bilat.store.windows)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bilat.knowledge import Knowledge
from bilat.store import EventQuery, Store, windows
from bilat.store.sql_store import SQLStore
from conftest import make_event, make_extraction


@pytest.fixture(autouse=True)
def _small_first_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the first window four pages, so that the few events of these stores fill some."""
    monkeypatch.setattr(windows, "FIRST", 4)


def _fill(store: Store) -> None:
    """Store PAK-USA events over three months of 2025, one undated and one rejected."""
    store.add(
        [
            make_extraction(
                "d1",
                "Our own words one.",
                (
                    make_event("e1", "d1", "PAKGOV", "USAGOV", date="2025-01-10"),
                    make_event("e2", "d1", "USAGOV", "PAKGOV", cameo="036", date="2025-01-11"),
                ),
            ),
            make_extraction(
                "d2",
                "Our own words two.",
                (
                    make_event("e3", "d2", "PAKGOV", "USAGOV", date="2025-02-03"),
                    make_event("e4", "d2", "PAKGOV", "CHNGOV", date="2025-02-04"),
                ),
            ),
            make_extraction(
                "d3",
                "Our own words three.",
                (
                    make_event("e5", "d3", "USAGOV", "PAKGOV", cameo="043", date="2025-03-07"),
                    make_event(
                        "e6", "d3", "PAKMIL", "USAGOV", cameo="190", quad=4, date="2025-03-08"
                    ),
                ),
            ),
            make_extraction(
                "d4",
                "Our own words four.",
                (make_event("e7", "d4", "PAKGOV", "USAGOV", date="2025-03-20"),),
            ),
            make_extraction(
                "d5", "Our own words five.", (make_event("e8", "d5", "PAKGOV", "USAGOV"),)
            ),
        ]
    )
    assert isinstance(store, SQLStore)
    store.set_verdict("e7", "reject", knowledge=Knowledge.load())


def _read(store: Store, query: EventQuery) -> tuple[list[str], bool]:
    """Return a query's event ids and whether a window answered it; check them on the raw SQL."""
    answers: list[bool] = []
    original = windows.newest_page

    def spy(*args: Any) -> Any:
        found = original(*args)
        answers.append(found is not None)
        return found

    windows.newest_page = spy  # type: ignore[assignment]
    try:
        ids = [event.id for event in store.events(query)]
    finally:
        windows.newest_page = original  # type: ignore[assignment]
    assert isinstance(store, SQLStore)
    store._summary_reads = False
    try:
        assert [event.id for event in store.events(query)] == ids
    finally:
        store._summary_reads = True
    return ids, answers == [True]


PAK_USA = ("PAK", "USA")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The first window holds four counted events of the pair (e7 is rejected): January on.
        (EventQuery(dyad=PAK_USA, root="04", order="-date", limit=1), (["e5"], True)),
        (EventQuery(dyad=PAK_USA, order="-date", limit=1), (["e6"], True)),
        # The pair has five counted dated events, fewer than four pages of two: no window.
        (EventQuery(dyad=PAK_USA, order="-date", limit=2), (["e6", "e5"], False)),
        # Months after until are not counted: January and February hold three.
        (
            EventQuery(dyad=PAK_USA, until="2025-02-28", order="-date", limit=1),
            (["e3"], False),
        ),
        # The page after the first needs eight: the plain query answers.
        (
            EventQuery(dyad=PAK_USA, root="04", order="-date", limit=1, offset=1),
            (["e3"], False),
        ),
        # The undated event sorts last, after every window.
        (
            EventQuery(dyad=PAK_USA, root="04", order="-date", limit=5),
            (["e5", "e3", "e1", "e8"], False),
        ),
        # A since bound at the window's edge leaves nothing for a window to narrow.
        (
            EventQuery(dyad=PAK_USA, since="2025-03-01", order="-date", limit=5),
            (["e6", "e5"], False),
        ),
        # Only newest-first pages of a dyad are windowed.
        (EventQuery(dyad=PAK_USA, order="date", limit=1), (["e1"], False)),
        (EventQuery(actor="PAK", order="-date", limit=1), (["e6"], False)),
    ],
)
def test_windows_page_equals_the_plain_query(
    store: Store, query: EventQuery, expected: tuple[list[str], bool]
) -> None:
    _fill(store)
    assert _read(store, query) == expected


def test_windows_first_window_holds_sixteen_pages(store: Store) -> None:
    # The default first window: sixteen pages of one. Seventeen monthly events of the pair,
    # the newest one a 19x code: the window from the sixteenth newest month holds the page.
    store.add(
        [
            make_extraction(
                f"n{month}",
                f"Our own words for month {month}.",
                (
                    make_event(
                        f"n{month}-e",
                        f"n{month}",
                        "USAGOV",
                        "PAKGOV",
                        cameo="190" if month == 17 else "042",
                        date=f"{2020 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}-09",
                    ),
                ),
            )
            for month in range(1, 18)
        ]
    )
    query = EventQuery(dyad=PAK_USA, root="04", order="-date", limit=1)
    windows.FIRST = 16  # the autouse fixture restores the module's value afterwards
    assert _read(store, query) == (["n16-e"], True)
    assert _read(store, dataclasses.replace(query, limit=2)) == (["n16-e", "n15-e"], False)


def test_windows_widen_from_what_the_first_window_kept(store: Store) -> None:
    # Two years of one PAK-USA event a month, 04 only in January and July: the first window
    # (four times the page: the eight newest months) holds one, so the next one is made to
    # hold the page at the share it showed, times the margin (all 24 months).
    months = [(year, month) for year in (2023, 2024) for month in range(1, 13)]
    store.add(
        [
            make_extraction(
                f"m{year}{month:02d}",
                f"Our own words for {year} month {month}.",
                (
                    make_event(
                        f"m{year}{month:02d}-e",
                        f"m{year}{month:02d}",
                        "PAKGOV",
                        "USAGOV",
                        cameo="042" if month in (1, 7) else "190",
                        date=f"{year}-{month:02d}-15",
                    ),
                ),
            )
            for year, month in months
        ]
    )
    query = EventQuery(dyad=PAK_USA, root="04", order="-date", limit=2)
    assert _read(store, query) == (["m202407-e", "m202401-e"], True)
    # Counted from until back, the first window (May to August 2024) holds July.
    query = EventQuery(dyad=PAK_USA, root="04", until="2024-08-31", order="-date", limit=1)
    assert _read(store, query) == (["m202407-e"], True)
