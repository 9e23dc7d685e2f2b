"""The event filters, declared once: the CLI's options and the API's query parameters come from here.

Each :class:`Filter` says its name, what it means, its type and where it is offered;
:func:`query_dependency` turns the declaration into a FastAPI dependency (the parameters of
``/api/events``, ``/api/export`` and the dashboard's event list) and
:func:`bilat.cli.options.filter_options` into Typer options (``bilat events``, ``bilat export``).
A filter is described, typed and bounded in one place, so the command line and the API cannot
drift apart.

    >>> [f.flag for f in EVENT_FILTERS if f.flag]
    ['--dyad', '--actor', '--since', '--until', '--root', '--doc', '--all', '--mentions', '--limit']
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from bilat.store.rows import ORDERS
from bilat.views.params import MAX_LIMIT, MAX_OFFSET

T = TypeVar("T")


@dataclass(frozen=True)
class Filter:
    """One filter: its name, meaning, type, and its spelling on the command line and the API.

        Filter("doc_id", "Only this document's events", flag="--doc")

    Attributes:
        name: The parameter's name in Python and in the API's query string.
        help: What it selects, for ``--help`` and the OpenAPI description.
        kind: ``str``, ``int`` or ``bool`` (a CLI switch).
        flag: The CLI option (``--doc``); None when the command line does not offer it.
        api: Whether the API takes it as a query parameter.
        api_default: The API's default; None makes the parameter optional.
        ge: The API's smallest accepted value.
        le: The API's largest accepted value.
    """

    name: str
    help: str
    kind: type = str
    flag: str | None = None
    api: bool = True
    api_default: Any = None
    ge: int | None = None
    le: int | None = None


EVENT_FILTERS: tuple[Filter, ...] = (
    Filter("dyad", "Two country codes, either direction: PAK,USA", flag="--dyad"),
    Filter("actor", "Source or target actor code prefix: PAK or PAKGOV", flag="--actor"),
    Filter("source", "Source actor code prefix"),
    Filter("target", "Target actor code prefix"),
    Filter("since", "First date, inclusive (YYYY-MM-DD)", flag="--since"),
    Filter("until", "Last date, inclusive (YYYY-MM-DD)", flag="--until"),
    Filter("root", "CAMEO code prefix: 04 or 042", flag="--root"),
    Filter("quad_class", "1 verbal coop … 4 material conflict", kind=int, ge=1, le=4),
    Filter(
        "factuality",
        "Comma list of asserted, planned, negated, reported, hypothetical; or all. "
        "Default: asserted, planned, reported",
    ),
    Filter("verified", "true: confirmed or corrected only; false: unverified only; any"),
    Filter("doc_id", "Only this document's events", flag="--doc"),
    Filter("q", "Case-insensitive text in the sentence"),
    Filter("all", "Include negated and hypothetical events", kind=bool, flag="--all", api=False),
    Filter(
        "mentions",
        "Every report of each event, not one row per clustered event",
        kind=bool,
        flag="--mentions",
        api=False,
    ),
    Filter(
        "limit",
        "At most this many events",
        kind=int,
        flag="--limit",
        api_default=100,
        ge=0,
        le=MAX_LIMIT,
    ),
    Filter(
        "offset", "Events to skip before the first", kind=int, api_default=0, ge=0, le=MAX_OFFSET
    ),
    Filter("order", f"One of {', '.join(ORDERS)}", api_default="date"),
)
"""Every event filter, in the order ``--help`` and the API's documentation list them."""


def declared(names: Sequence[str] | None = None) -> list[Filter]:
    """Return the declared filters with these names, in declaration order.

    Args:
        names: Filter names; None returns every filter.

    Returns:
        The filters.

    Raises:
        KeyError: A name is not declared.
    """
    if names is None:
        return list(EVENT_FILTERS)
    known = {f.name for f in EVENT_FILTERS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise KeyError(f"no event filter named {unknown}; declared: {sorted(known)}")
    return [f for f in EVENT_FILTERS if f.name in names]


def _query_parameter(item: Filter) -> inspect.Parameter:
    # FastAPI (and pydantic) load only when the API builds its parameters, not for the CLI.
    from fastapi import Query

    kind: Any = item.kind if item.api_default is not None else item.kind | None
    return inspect.Parameter(
        item.name,
        inspect.Parameter.KEYWORD_ONLY,
        default=item.api_default,
        annotation=Annotated[kind, Query(description=item.help, ge=item.ge, le=item.le)],
    )


def query_dependency(build: Callable[..., T]) -> Callable[..., T]:
    """Return a FastAPI dependency taking every API filter as a query parameter.

    Args:
        build: Called with the filters as keyword arguments; its result is the dependency's.

    Returns:
        A function whose signature FastAPI reads as the query parameters.
    """

    def dependency(**values: Any) -> T:
        return build(**values)

    parameters = [_query_parameter(item) for item in EVENT_FILTERS if item.api]
    dependency.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dependency
