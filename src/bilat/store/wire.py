"""How a handed-over store call and its answer travel between a local process and the server.

Calls carry bilat's own records (extractions, events, verdicts, feed rows), so they travel
pickled; the server unpickles a call only after checking the caller's token, and then only
bilat's record classes and a few plain standard types, never arbitrary callables (the
"restricting globals" recipe of the ``pickle`` documentation).

    body = dump_call("known_hashes", (["abc"],), {})
    method, args, kwargs = load_call(body)
"""

from __future__ import annotations

import dataclasses
import enum
import io
import pickle
from typing import Any

import bilat.errors as errors
from bilat.errors import BilatError, StoreError

CONTENT_TYPE = "application/x-bilat-call"

_PLAIN = {
    "builtins": frozenset({"set", "frozenset", "complex", "bytearray", "range", "slice"}),
    "datetime": frozenset({"date", "datetime", "time", "timedelta", "timezone"}),
    "decimal": frozenset({"Decimal"}),
    "collections": frozenset({"OrderedDict"}),
}

_ERROR_KINDS: dict[str, type[BilatError]] = {
    cls.__name__: cls
    for cls in (
        errors.InputError,
        errors.KnowledgeError,
        errors.StoreError,
        errors.ExtractionError,
        errors.ConfigError,
    )
}


class _RecordsOnly(pickle.Unpickler):
    """Admit bilat's record classes (dataclasses and enums) and plain standard types only."""

    def find_class(self, module: str, name: str) -> Any:
        if name in _PLAIN.get(module, ()):
            return super().find_class(module, name)
        if module.startswith("bilat.") and not name.startswith("_"):
            found = super().find_class(module, name)
            # Classes, never functions: unpickling calls what it finds with the sender's args.
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} may not travel in a bilat store call")


def _load(data: bytes) -> Any:
    try:
        return _RecordsOnly(io.BytesIO(data)).load()
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError) as error:
        raise StoreError(
            f"cannot read a store call: {error}; the client and the server must run the same "
            "bilat version"
        ) from error


def dump_call(method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bytes:
    """Return the bytes of a call to a store method.

    Args:
        method: The :class:`~bilat.store.Store` method's name.
        args: Its positional arguments.
        kwargs: Its keyword arguments.

    Returns:
        The encoded call.
    """
    return pickle.dumps((method, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)


def load_call(data: bytes) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
    """Decode a call that :func:`dump_call` encoded.

    Args:
        data: The request body.

    Returns:
        The method name, positional and keyword arguments.

    Raises:
        StoreError: The body is not such a call.
    """
    decoded = _load(data)
    if (
        not isinstance(decoded, tuple)
        or len(decoded) != 3
        or not isinstance(decoded[0], str)
        or not isinstance(decoded[1], tuple)
        or not isinstance(decoded[2], dict)
    ):
        raise StoreError("cannot read a store call: it is not (method, args, kwargs)")
    method, args, kwargs = decoded
    return method, args, kwargs


def dump_result(value: Any) -> bytes:
    """Return the bytes of a call's result."""
    return pickle.dumps(("ok", value), protocol=pickle.HIGHEST_PROTOCOL)


def dump_error(error: Exception) -> bytes:
    """Return the bytes of the error a call raised, keeping its kind, code and message."""
    if isinstance(error, BilatError):
        kind, message, code = type(error).__name__, error.message, error.code
    else:
        kind, message, code = "", f"{type(error).__name__}: {error}", StoreError.default_code
    return pickle.dumps(("error", (kind, message, code)), protocol=pickle.HIGHEST_PROTOCOL)


def load_answer(data: bytes) -> Any:
    """Return the result a call's answer carries, or raise the error it carries.

    Args:
        data: The answer's body.

    Returns:
        The method's result.

    Raises:
        BilatError: The error the method raised on the server (as its bilat kind when known).
    """
    status, value = _load(data)
    if status == "ok":
        return value
    kind, message, code = value
    raise _ERROR_KINDS.get(kind, StoreError)(str(message), code=str(code))


WRITES = frozenset(
    {
        "add",
        "add_feed",
        "add_feed_items",
        "assign_clusters",
        "delete_verdict",
        "record_feed_poll",
        "record_fired_alerts",
        "remove_document",
        "remove_feed",
        "replace_document",
        "save_signatures",
        "set_verdict",
    }
)
"""Store methods that write: the server runs them one at a time on its writer thread."""

READS = frozenset(
    {
        "actors",
        "cluster_mentions",
        "clustered_events",
        "clusters",
        "count_documents",
        "count_events",
        "document_cards",
        "document_links",
        "documents",
        "dyads",
        "event",
        "events",
        "extraction",
        "facts",
        "feed_item_counts",
        "feed_items_known",
        "feeds",
        "fired_alert_keys",
        "known_hashes",
        "pattern_counts",
        "quotes",
        "rejections",
        "signatures",
        "timeline",
        "timelines",
        "unclustered_events",
        "unsigned_documents",
        "verdict",
        "verdicts",
    }
)
"""Store methods that only read: the server runs them beside page reads, in its thread pool."""
