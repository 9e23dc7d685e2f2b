"""The ``bilat`` command line: each command parses, calls one library function, renders.

Errors become ``Error: …`` on stderr and a non-zero exit; nothing here holds logic of its own.
Commands live in modules by area and register on the one Typer :data:`app`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

from bilat.cli import analytics as _analytics
from bilat.cli import core as _core
from bilat.cli import knowledge as _knowledge
from bilat.cli import loop as _loop
from bilat.cli import monitor as _monitor
from bilat.cli import review as _review
from bilat.cli import spark as _spark
from bilat.cli import stores as _stores
from bilat.cli import verify as _verify
from bilat.cli.common import app, err, guard
from bilat.errors import BilatError

__all__ = ["app", "main"]

_COMMAND_MODULES = (
    _analytics,
    _core,
    _knowledge,
    _loop,
    _monitor,
    _review,
    _spark,
    _stores,
    _verify,
)
"""Imported for the commands they register on ``app``."""


def _guard_all(group: typer.Typer) -> None:
    """Wrap every command of a Typer app and its sub-apps so bilat errors exit cleanly."""
    for command in group.registered_commands:
        if command.callback is not None:
            command.callback = guard(command.callback)
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            _guard_all(sub.typer_instance)


_guard_all(app)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; turn bilat's errors into ``Error: …`` and exit code 1."""
    try:
        app(args=list(argv) if argv is not None else None, standalone_mode=True)
    except BilatError as exc:
        err.print(f"Error: {exc}")
        sys.exit(1)
