"""The analyst's loop in the terminal: ``bilat review`` one event at a time, ``bilat patterns``.

``bilat review`` reads one key per verdict: from the keyboard when it runs in a terminal, else
one line per key from standard input (so a script or a test can drive it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from bilat.cli.common import DbOption, FormatOption, app, out, parse_pair, render, settings_for
from bilat.errors import InputError
from bilat.store import EventQuery, open_store

if TYPE_CHECKING:
    from bilat.review import ReviewItem
    from bilat.review.session import ReviewSession

STYLES = {"source": "bold cyan", "trigger": "bold reverse", "target": "bold magenta"}
"""How the sentence marks each role."""

KEYS = "c confirm · r reject · e correct · s skip · u undo · q quit"


def highlighted(item: ReviewItem) -> Text:
    """Return the event's sentence with its source, trigger and target styled."""
    text = Text(item.event.sentence)
    for span in item.highlights:
        text.stylize(STYLES.get(span.role, "bold"), span.start, span.end)
    return text


def _card(item: ReviewItem, number: int, total: int) -> list[Text | str]:
    event = item.event
    target = event.target.code if event.target else "-"
    why = " · ".join(item.reasons) or "routine check"
    return [
        f"[{number}/{total}] score {item.score:.2f} · {why}",
        highlighted(item),
        f"{event.source.code} {event.cameo} {event.cameo_name} → {target} · "
        f"{event.date or 'undated'} · rule {event.rule} · confidence {event.confidence:.2f}",
        KEYS,
    ]


def _line_reader() -> Callable[[], str]:
    def read() -> str:
        line = sys.stdin.readline()
        return line.strip()[:1].lower() if line else "q"

    return read


def _key_reader() -> Callable[[], str]:
    if sys.stdin.isatty():
        return lambda: typer.getchar().lower()
    return _line_reader()


def _ask(label: str) -> str:
    sys.stdout.write(label)
    sys.stdout.flush()
    return sys.stdin.readline().strip()


def _correct(session: ReviewSession, item: ReviewItem) -> str:
    event = item.event
    target = event.target.code if event.target else ""
    cameo = _ask(f"code [{event.cameo}]: ")
    source = _ask(f"source [{event.source.code}]: ")
    new_target = _ask(f"target [{target or '-'}]: ")
    if not (cameo or source or new_target):
        return "nothing corrected; type a code or an actor, or press s to skip"
    saved = session.correct(
        cameo=cameo or None, source_code=source or None, target_code=new_target or None
    )
    return f"correct {saved.event_id}"


def run_review(session: ReviewSession, read_key: Callable[[], str]) -> None:
    """Show each item and apply the analyst's keys until the queue ends or q is pressed.

    Args:
        session: The review session.
        read_key: Returns the next key, lower case (``q`` at the end of input).
    """
    total = len(session.items)
    shown = -1
    while session.current is not None:
        item = session.current
        if shown != session.position:
            for line in _card(item, session.position + 1, total):
                out.print(line)
            shown = session.position
        key = read_key()
        try:
            if key == "q":
                break
            if key == "c":
                message = f"confirm {session.confirm().event_id}"
            elif key == "r":
                message = f"reject {session.reject().event_id}"
            elif key in ("e", "x"):
                message = _correct(session, item)
            elif key == "s":
                session.skip()
                message = f"skip {item.event.id}"
            elif key == "u":
                step = session.undo()
                message = "nothing to undo" if step is None else f"undo {step.action}"
                shown = -1
            else:
                message = f"unknown key {key!r}: use c, r, e, s, u or q"
        except InputError as error:
            message = f"Error: {error}"
        out.print(message)
    counts = {a: sum(1 for s in session.steps if s.action == a) for a in _ACTIONS}
    out.print(
        f"reviewed {len(session.steps)}: {counts['confirm']} confirmed, {counts['reject']} "
        f"rejected, {counts['correct']} corrected, {counts['skip']} skipped; "
        f"{total - session.position} left"
    )


_ACTIONS = ("confirm", "reject", "correct", "skip")


@app.command("review")
def review_cmd(
    db: DbOption = None,
    dyad: Annotated[
        str | None, typer.Option(help="Two countries, e.g. PAK,USA (either direction).")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Actor code prefix, e.g. PAK or PAKGOV.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    root: Annotated[
        str | None, typer.Option("--code", help="CAMEO root or code prefix, e.g. 19.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 50,
) -> None:
    """Judge unverified events one at a time, most urgent first (c/r/e/s/u/q keys)."""
    from bilat.review import review_queue
    from bilat.review.session import ReviewSession

    query = EventQuery(dyad=parse_pair(dyad), actor=actor, since=since, until=until, root=root)
    with open_store(settings_for(db).db) as store:
        items = review_queue(store, query, limit=limit)
        if not items:
            out.print("nothing to review: every matching event has a verdict")
            return
        run_review(ReviewSession(store, items), _key_reader())


@app.command("patterns")
def patterns_cmd(
    db: DbOption = None,
    flagged: Annotated[
        bool, typer.Option("--flagged", help="Only patterns rejected more than confirmed.")
    ] = False,
    fmt: FormatOption = "table",
) -> None:
    """List every verb pattern with its matches, verdicts and measured precision."""
    from bilat.knowledge import knowledge_for
    from bilat.review import pattern_health

    settings = settings_for(db)
    with open_store(settings.db, read_only=True) as store:
        rows = pattern_health(store, knowledge_for(settings))
    shown = [
        row.as_dict() | {"status": "off" if row.off else "flagged" if row.flagged else ""}
        for row in rows
        if row.flagged or not flagged
    ]
    render(
        shown,
        fmt,
        ["id", "code", "matches", "confirmed", "rejected", "corrected", "precision", "status"],
    )
