"""The ``bilat`` command line: each command parses, calls one library function, renders.

Errors become ``Error: …`` on stderr and a non-zero exit; nothing here holds logic of its own.
Commands live in modules by area and register on the one Typer :data:`app`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

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

__all__ = ["app", "main", "run"]

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


def run() -> NoReturn:
    """Run the CLI as the program (the ``bilat`` script), then exit without freeing each object.

    At exit the interpreter frees the loaded pipeline, knowledge and indexes object by object:
    about 0.3 CPU s of a one-sentence ingest's 2 s, for memory the operating system takes back
    at once. So once the command has finished, the exit handlers run and the output is flushed
    as at a normal exit, and the process ends there. While another non-daemon thread is alive
    the exit is the normal one, which waits for it.
    """
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc.code)
    if any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.main_thread()
    ):
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe ("bilat events | head") is not an error of the command
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _exit_code(code: object) -> int:
    """Return the process status ``sys.exit(code)`` would give (a message is printed)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
