"""Typer options generated from the one declaration of the event filters (:mod:`bilat.views.filters`).

A command asks for filters by name and receives them as one mapping:

    @app.command("events")
    @filter_options("dyad", "actor", "since")
    def events_cmd(db: DbOption = None, *, filters: FilterValues) -> None:
        query = event_query(filters)
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Annotated, Any

import typer

from bilat.views.filters import Filter, declared

FilterValues = Mapping[str, Any]
"""The filters a command was given, by name (absent ones None, switches False)."""


def _option(item: Filter) -> inspect.Parameter:
    assert item.flag is not None, item
    if item.kind is bool:
        annotation: Any = Annotated[bool, typer.Option(item.flag, help=f"{item.help}.")]
        default: Any = False
    else:
        annotation = Annotated[item.kind | None, typer.Option(item.flag, help=f"{item.help}.")]
        default = None
    return inspect.Parameter(
        item.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def filter_options(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the named filters as options, passed to it as ``filters``.

    The command's ``filters`` parameter (keyword-only) is replaced, where it stands, by one
    option per filter; the values come back together as a :data:`FilterValues` mapping.

    Args:
        names: Declared filter names offered on the command line.

    Returns:
        The decorator.

    Raises:
        KeyError: A name is not declared.
        ValueError: A named filter has no command-line flag.
    """
    chosen = declared(names)
    missing = [item.name for item in chosen if item.flag is None]
    if missing:
        raise ValueError(f"filters {missing} have no command-line flag in bilat.views.filters")

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        # Evaluated: typer reads the annotations of the signature it is given as objects.
        signature = inspect.signature(command, eval_str=True)
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            parameters += (
                [_option(item) for item in chosen] if parameter.name == "filters" else [parameter]
            )

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            values = {item.name: kwargs.pop(item.name) for item in chosen}
            command(*args, **kwargs, filters=values)

        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
        return run

    return decorate
