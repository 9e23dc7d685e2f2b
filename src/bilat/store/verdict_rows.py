"""Verdicts: the store's verdict methods, and the rows they write, read and re-attach.

The events table's ``data`` keeps the machine's record; its query columns (code, Goldstein,
quad class, actors) hold the *judged* coding, so filters and dyad counts see corrections. The
functions run on a connection inside the caller's transaction (adding documents re-attaches
verdicts through :func:`reattach`) and speak plain SQL with ``?`` parameters; :class:`Verdicts`
is the store's mixin that records and reads them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from bilat.errors import InputError
from bilat.knowledge import Knowledge
from bilat.records import Event
from bilat.store import codec, summary
from bilat.store.backend import Backend, now
from bilat.store.codec import EVENT_COLUMNS
from bilat.store.dialect import Dialect
from bilat.verdicts import (
    Verdict,
    VerdictKind,
    anchor_of,
    apply_judgement,
    best_match,
    judge,
    parse_verdict,
)

VERDICT_COLUMNS = (
    "event_id",
    "verdict",
    "note",
    "cameo",
    "source_code",
    "target_code",
    "anchor",
    "machine_cameo",
    "machine_source",
    "machine_target",
    "created_at",
    "updated_at",
)

# The events columns a verdict may change; the rest (text, date, place…) stay the machine's.
JUDGED_COLUMNS = (
    "cameo",
    "root",
    "cameo_name",
    "source_code",
    "source_country",
    "source_sector",
    "source_name",
    "source_person",
    "target_code",
    "target_country",
    "target_sector",
    "target_name",
    "target_person",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
)
_JUDGED_INDEX = tuple(EVENT_COLUMNS.index(c) for c in JUDGED_COLUMNS)
_UPDATE_JUDGED = (
    "UPDATE events SET " + ", ".join(f"{column} = ?" for column in JUDGED_COLUMNS) + " WHERE id = ?"
)
_SELECT = f"SELECT {', '.join(VERDICT_COLUMNS)} FROM verdicts"

Cursor = Any
"""A DB-API cursor or DuckDB connection: has ``execute(sql, params).fetchall()``."""


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return str(value)


def verdict_from_row(row: Sequence[Any]) -> Verdict:
    """Rebuild a :class:`~bilat.verdicts.Verdict` from a row in :data:`VERDICT_COLUMNS` order."""
    data = dict(zip(VERDICT_COLUMNS, row, strict=True))
    data["verdict"] = VerdictKind(data["verdict"])
    data["created_at"] = _iso(data["created_at"])
    data["updated_at"] = _iso(data["updated_at"])
    return Verdict(**data)


def read(con: Cursor, event_id: str | None = None) -> list[Verdict]:
    """Return one event's verdict (as a list of at most one) or every verdict, oldest first."""
    if event_id is not None:
        rows = con.execute(f"{_SELECT} WHERE event_id = ?", [event_id]).fetchall()
    else:
        rows = con.execute(f"{_SELECT} ORDER BY created_at, event_id").fetchall()
    return [verdict_from_row(row) for row in rows]


def judged_for(
    con: Cursor, event_ids: Sequence[str], *, dialect: Dialect
) -> dict[str, tuple[VerdictKind, Any]]:
    """Return, per event id that has a verdict, its kind and judged coding (plain data)."""
    if not event_ids:
        return {}
    rows = con.execute(
        f"SELECT event_id, verdict, judged FROM verdicts WHERE {dialect.any_of('event_id')}",
        [list(event_ids)],
    ).fetchall()
    return {str(i): (VerdictKind(v), json.loads(j) if j else None) for i, v, j in rows}


def machine_event(con: Cursor, event_id: str) -> tuple[Event, str] | None:
    """Return an event as the machine coded it, with its document's content hash, or None."""
    rows = con.execute(
        "SELECT e.data, d.content_hash FROM events e JOIN documents d ON d.id = e.doc_id"
        " WHERE e.id = ?",
        [event_id],
    ).fetchall()
    if not rows:
        return None
    return codec.event_from_json(rows[0][0]), str(rows[0][1])


def write(con: Cursor, verdict: Verdict, judged: Mapping[str, Any], *, now: datetime) -> None:
    """Insert or replace the verdict of one event, keeping its first creation time."""
    before = con.execute(
        "SELECT created_at FROM verdicts WHERE event_id = ?", [verdict.event_id]
    ).fetchall()
    created = before[0][0] if before else now
    con.execute("DELETE FROM verdicts WHERE event_id = ?", [verdict.event_id]).fetchall()
    con.execute(
        "INSERT INTO verdicts (event_id, verdict, note, cameo, source_code, target_code, anchor,"
        " machine_cameo, machine_source, machine_target, judged, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            verdict.event_id,
            verdict.verdict.value,
            verdict.note,
            verdict.cameo,
            verdict.source_code,
            verdict.target_code,
            verdict.anchor,
            verdict.machine_cameo,
            verdict.machine_source,
            verdict.machine_target,
            codec.to_json(dict(judged)),
            created,
            now,
        ],
    ).fetchall()


def sync_event(con: Cursor, event_id: str, *, dialect: Dialect) -> None:
    """Set an event's query columns to its judged coding (or back to the machine's)."""
    found = machine_event(con, event_id)
    if found is None:
        return
    machine, _ = found
    judged = judged_for(con, [event_id], dialect=dialect).get(event_id)
    shown = apply_judgement(machine, *judged) if judged else machine
    row = codec.event_row(shown, ordinal=0, date_effective=None)
    con.execute(_UPDATE_JUDGED, [row[i] for i in _JUDGED_INDEX] + [event_id]).fetchall()


def reattach(
    con: Cursor,
    anchors: Mapping[str, list[Event]],
    event_ids: Iterable[str],
    *,
    dialect: Dialect,
) -> int:
    """Re-key orphaned verdicts to new events with their anchor, and judge the new rows.

    Args:
        con: A connection inside the write transaction.
        anchors: New events by anchor (see :func:`bilat.verdicts.anchor_of`).
        event_ids: The ids of the events just written.
        dialect: The backend's SQL dialect.

    Returns:
        How many verdicts moved to a new event id.
    """
    ids = sorted(set(event_ids))
    moved = 0
    if anchors:
        orphans = con.execute(
            f"{_SELECT} WHERE {dialect.any_of('anchor')}"
            " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = verdicts.event_id)"
            " ORDER BY created_at, event_id",
            [sorted(anchors)],
        ).fetchall()
        taken = set(judged_for(con, ids, dialect=dialect))
        for row in orphans:
            verdict = verdict_from_row(row)
            free = [e for e in anchors[verdict.anchor or ""] if e.id not in taken]
            match = best_match(free, verdict)
            if match is None:
                continue
            con.execute(
                "UPDATE verdicts SET event_id = ? WHERE event_id = ?",
                [match.id, verdict.event_id],
            ).fetchall()
            taken.add(match.id)
            moved += 1
    for event_id in judged_for(con, ids, dialect=dialect):
        sync_event(con, event_id, dialect=dialect)
    return moved


def delete(con: Cursor, event_id: str, *, dialect: Dialect) -> Verdict | None:
    """Remove the verdict of one event and return it (None when it had none)."""
    found = read(con, event_id)
    if not found:
        return None
    con.execute("DELETE FROM verdicts WHERE event_id = ?", [event_id]).fetchall()
    sync_event(con, event_id, dialect=dialect)
    return found[0]


class Verdicts(Backend):
    """Record and read analysts' verdicts on events (see :class:`~bilat.store.Store`)."""

    def set_verdict(
        self,
        event_id: str,
        verdict: str,
        *,
        note: str | None = None,
        cameo: str | None = None,
        source_code: str | None = None,
        target_code: str | None = None,
        knowledge: Knowledge | None = None,
    ) -> Verdict:
        """Record an analyst's verdict on an event, replacing any earlier one.

        See :meth:`bilat.store.base.Store.set_verdict`; ``knowledge`` (default: the bundled
        knowledge) is where CAMEO and actor codes are checked.

        Returns:
            The verdict as stored.

        Raises:
            InputError: Unknown verdict, event, CAMEO or actor code, or corrections that do
                not fit the verdict.
            StoreError: The store is read-only or the write failed.
        """
        kind = parse_verdict(verdict)
        kb = knowledge or Knowledge.load()
        self._writable("record verdicts")
        with self._lock:
            self._check_open()
            found = machine_event(self._con, event_id)
            if found is None:
                raise InputError(
                    f"no event with id {event_id!r}; list ids with `bilat events --format json`",
                    origin="verdict",
                )
            machine, content_hash = found
            corrections = {
                "cameo": cameo or None,
                "source_code": source_code.upper() if source_code else None,
                "target_code": target_code.upper() if target_code else None,
            }
            judged = judge(machine, kind, knowledge=kb, **corrections)
            record = Verdict(
                event_id=event_id,
                verdict=kind,
                note=note,
                anchor=anchor_of(machine, content_hash),
                machine_cameo=machine.cameo,
                machine_source=machine.source.code,
                machine_target=machine.target.code if machine.target else None,
                **corrections,
            )
            with (
                self._transaction(
                    lambda error: (
                        f"cannot record the verdict on {event_id!r} in {self.url!r}: "
                        f"{error}; nothing was written"
                    )
                ) as con,
                summary.maintained(con, event_ids=[event_id]),
            ):
                write(con, record, judged, now=now())
                sync_event(con, event_id, dialect=self.dialect)
            return read(self._con, event_id)[0]

    def verdict(self, event_id: str) -> Verdict | None:
        """Return the verdict on an event, or None if it has none."""
        with self._reading() as cursor:
            found = read(cursor, event_id)
        return found[0] if found else None

    def verdicts(self) -> list[Verdict]:
        """Return every verdict, oldest first (including those whose event is gone)."""
        with self._reading() as cursor:
            return read(cursor)

    def delete_verdict(self, event_id: str) -> Verdict | None:
        """Remove the verdict on an event; return it, or None when there was none."""
        self._writable("remove verdicts")
        with (
            self._transaction(
                lambda error: (
                    f"cannot remove the verdict on {event_id!r} in {self.url!r}: {error}; "
                    "nothing was removed"
                )
            ) as con,
            summary.maintained(con, event_ids=[event_id]),
        ):
            return delete(con, event_id, dialect=self.dialect)
