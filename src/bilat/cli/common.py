"""What every ``bilat`` command shares: the Typer app, consoles, options and table rendering.

Command modules (``bilat.cli.core``, and one module per area) register on :data:`app`;
``bilat.cli`` imports them all. A command parses, calls one library function and renders with
:func:`render`; errors go through :func:`fail`.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from bilat.errors import BilatError
from bilat.records import Event, Factuality
from bilat.store import EventQuery, Store

if TYPE_CHECKING:
    from bilat.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news reports into coded international events, and query them by dyad.",
)
knowledge_app = typer.Typer(no_args_is_help=True, help="Check knowledge files.")
app.add_typer(knowledge_app, name="knowledge")


class _Stream:
    """A rich console that writes to whatever sys.stdout/sys.stderr is at the time of writing.

    Strings print as they are: messages and table cells hold user text, file names and hints
    such as ``[[alerts]]`` or ``bilat[spark]``, which rich markup would swallow. Styled output
    passes a :class:`rich.text.Text`.
    """

    def __init__(self, stderr: bool) -> None:
        self.stderr = stderr

    def _console(self) -> Console:
        stream = sys.stderr if self.stderr else sys.stdout
        return Console(file=stream, highlight=False, soft_wrap=True, markup=False)

    @property
    def is_terminal(self) -> bool:
        return self._console().is_terminal

    @property
    def width(self) -> int:
        return self._console().width

    def print(self, *objects: Any) -> None:
        self._console().print(*objects)

    def print_json(self, data: str) -> None:
        self._console().print_json(data)


out = _Stream(stderr=False)
err = _Stream(stderr=True)

DbOption = Annotated[
    str | None, typer.Option("--db", envvar="BILAT_DB", help="DuckDB file (default bilat.duckdb).")
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json, jsonl or csv.")]
MinConfidenceOption = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        min=0,
        max=1,
        help="Only events at least this likely to be right (calibrated confidence, 0-1).",
    ),
]


def settings_for(db: str | None = None, **extra: Any) -> Settings:
    from bilat.settings import load_settings

    return load_settings(db=db, **extra)


def event_row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "date": event.date,
        "source": event.source.code,
        "cameo": event.cameo,
        "target": event.target.code if event.target else None,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "factuality": event.factuality.value,
        "confidence": event.confidence,
        "sentence": event.sentence,
    }


def parse_pair(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = [p.strip().upper() for p in value.split(",") if p.strip()]
    if len(parts) != 2:
        fail(f"--dyad needs two country codes like PAK,USA, got {value!r}")
    return parts[0], parts[1]


def format_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: list[str] | None) -> str:
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    if fmt == "csv":
        buffer = io.StringIO()
        names = columns or (list(rows[0]) if rows else [])
        writer = csv.DictWriter(
            buffer, fieldnames=names, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    raise BilatError(f"unknown format {fmt!r}; use table, json, jsonl or csv")


def render(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    columns: list[str],
    *,
    short: Mapping[str, str] | None = None,
) -> None:
    """Write rows as a table (compact on a narrow terminal) or as JSON, JSON lines or CSV.

    Args:
        rows: One dict per row.
        fmt: ``table``, ``json``, ``jsonl`` or ``csv``.
        columns: The table's columns (CSV keeps every key of the rows).
        short: Short headers, by column, for a terminal too narrow for the bordered table;
            a legend spells them out.
    """
    if fmt != "table":
        sys.stdout.write(
            format_rows(rows, fmt, None if fmt != "csv" else list(rows[0]) if rows else columns)
        )
        return
    width = out.width
    texts = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(name), *(len(t[i]) for t in texts)]) for i, name in enumerate(columns)]
    # A bordered table takes 3 characters a column plus 1; the compact one 1 between columns.
    narrow = sum(widths) + 3 * len(columns) + 1 > width
    shortened = {c: h for c, h in (short or {}).items() if narrow and c in columns}
    table = (
        Table(box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False, show_edge=False)
        if narrow
        else Table(show_lines=False)
    )
    for name in columns:
        numeric = bool(rows) and all(isinstance(r.get(name), int | float) for r in rows)
        table.add_column(
            shortened.get(name, name), overflow="fold", justify="right" if numeric else "left"
        )
    for text in texts:
        table.add_row(*text)
    out.print(table)
    if shortened:
        legend = "; ".join(f"{h} = {c}" for c, h in shortened.items())
        out.print(textwrap.fill(legend, width))
    out.print(f"{len(rows)} {'row' if len(rows) == 1 else 'rows'}")


def check_codes(
    store: Store, *, countries: Sequence[str] = (), prefixes: Sequence[str] = ()
) -> None:
    """Fail, naming what the store holds, when a country or actor code matches no stored actor.

    Called when a filtered list came back empty, so that a typo ("PKA") is told apart from a
    quiet period; an empty store has nothing to compare with and passes.

    Args:
        store: The open store.
        countries: Country codes given as filters (``--dyad``, timeline arguments).
        prefixes: Actor code prefixes given as filters (``--actor``, ``--speaker``).
    """
    if not countries and not prefixes:
        return
    rows = store.actors(EventQuery(factuality=tuple(f.value for f in Factuality)))
    if not rows:
        return
    stored = sorted({row.country for row in rows if row.country})
    for code in countries:
        if code not in stored:
            fail(
                f"no stored event involves the country {code!r}; countries in the store: "
                f"{', '.join(stored) or 'none'}"
            )
    codes = sorted({row.code for row in rows})
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in codes):
            fail(
                f"no stored actor code starts with {prefix!r}; countries in the store: "
                f"{', '.join(stored) or 'none'} (`bilat actors` lists every code)"
            )


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def fail(message: str) -> None:
    err.print(f"Error: {message}")
    raise typer.Exit(1)


def guard(callback: Callable[..., None]) -> Callable[..., None]:
    """Turn bilat's errors inside a command into ``Error: …`` and exit code 1."""

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            callback(*args, **kwargs)
        except BilatError as exc:
            fail(str(exc))

    return run
