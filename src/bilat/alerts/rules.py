"""Alert rules as written in ``bilat.toml`` (``[[alerts]]`` tables), validated with pydantic.

    [[alerts]]
    name = "pak-afg-clashes"
    dyad = ["PAK", "AFG"]
    quad_classes = [4]
    goldstein_max = -5
    min_confidence = 0.5
    sinks = [{ type = "stdout" }, { type = "webhook", url = "http://127.0.0.1:9000/hook" }]

An error names the file, the line of the offending ``[[alerts]]`` table and the field.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bilat.errors import ConfigError
from bilat.records import Event


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class StdoutSink(_Strict):
    """Print each alert as one line of JSON on standard output."""

    type: Literal["stdout"]


class JsonlSink(_Strict):
    """Append each alert as one line of JSON to a file."""

    type: Literal["jsonl"]
    path: str = Field(min_length=1)


class WebhookSink(_Strict):
    """POST each alert as JSON to a URL."""

    type: Literal["webhook"]
    url: str = Field(pattern=r"^https?://")
    timeout: float = Field(default=10.0, gt=0)


_SMTP_PORTS = {"none": 25, "starttls": 587, "tls": 465}


class EmailSink(_Strict):
    """Send each alert as an email through an SMTP server, optionally over TLS with a login.

    ``security`` is ``"none"`` (plain SMTP, port 25), ``"starttls"`` (upgrade, port 587) or
    ``"tls"`` (implicit TLS, port 465); ``port`` overrides the usual port. ``username`` logs in
    with the password read from the environment variable named by ``password_env``: passwords
    never live in ``bilat.toml``. ``ca_file`` trusts a private CA (PEM) on top of the system's.
    """

    type: Literal["email"]
    host: str = Field(min_length=1)
    port: int | None = Field(default=None, gt=0, lt=65536)
    security: Literal["none", "starttls", "tls"] = "none"
    username: str | None = Field(default=None, min_length=1)
    password_env: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    ca_file: str | None = Field(default=None, min_length=1)
    sender: str = Field(alias="from", min_length=3)
    to: tuple[str, ...] = Field(min_length=1)
    timeout: float = Field(default=10.0, gt=0)

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        if isinstance(data, dict) and "password" in data:
            raise ValueError(
                "a password may not be written in bilat.toml; put it in an environment "
                "variable and name that variable in password_env"
            )
        return data

    @model_validator(mode="after")
    def _login_complete(self) -> EmailSink:
        if (self.username is None) != (self.password_env is None):
            raise ValueError("give username and password_env together (or neither)")
        return self

    @property
    def smtp_port(self) -> int:
        """Return the port to connect to: ``port``, or the usual one for ``security``."""
        return self.port or _SMTP_PORTS[self.security]


Sink = Annotated[StdoutSink | JsonlSink | WebhookSink | EmailSink, Field(discriminator="type")]


class AlertRule(_Strict):
    """One alert rule: which events match and where matches go.

    ``dyad`` (two countries, either direction) or ``actor`` (code prefix) limits whose events
    match; ``quad_classes`` (1–4) and ``roots`` (CAMEO prefixes such as ``"19"``) what kind;
    ``goldstein_min``/``goldstein_max`` bound the score and ``goldstein_abs`` asks for at least
    that magnitude; ``min_articles`` counts the articles reporting the event's cluster.
    """

    name: str = Field(min_length=1, pattern=r"^[\w.-]+$")
    dyad: tuple[str, str] | None = None
    actor: str | None = Field(default=None, min_length=3)
    quad_classes: tuple[int, ...] = ()
    roots: tuple[str, ...] = ()
    goldstein_min: float | None = Field(default=None, ge=-10, le=10)
    goldstein_max: float | None = Field(default=None, ge=-10, le=10)
    goldstein_abs: float | None = Field(default=None, ge=0, le=10)
    min_confidence: float = Field(default=0.0, ge=0, le=1)
    min_articles: int = Field(default=1, ge=1)
    sinks: tuple[Sink, ...] = Field(default=(StdoutSink(type="stdout"),), min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> AlertRule:
        if self.dyad is not None and self.actor is not None:
            raise ValueError("give either dyad or actor, not both")
        if any(q not in (1, 2, 3, 4) for q in self.quad_classes):
            raise ValueError(f"quad_classes are 1 to 4, got {list(self.quad_classes)}")
        if any(not (r.isdigit() and 2 <= len(r) <= 4) for r in self.roots):
            raise ValueError(f"roots are CAMEO code prefixes like '19' or '042', got {self.roots}")
        low, high = self.goldstein_min, self.goldstein_max
        if low is not None and high is not None and low > high:
            raise ValueError(f"goldstein_min {low} is above goldstein_max {high}")
        return self

    def matches(self, event: Event, *, articles: int = 1) -> bool:
        """Return whether an event (reported by this many articles) meets every condition.

        Args:
            event: A stored event.
            articles: How many articles report its cluster.

        Returns:
            True when it matches.
        """
        countries = {event.source.country, event.target.country if event.target else None}
        codes = (event.source.code, event.target.code if event.target else "")
        checks = (
            self.dyad is None or set(self.dyad) == countries,
            self.actor is None or any(c.startswith(self.actor) for c in codes),
            not self.quad_classes or event.quad_class in self.quad_classes,
            not self.roots or any(event.cameo.startswith(r) for r in self.roots),
            self.goldstein_min is None or event.goldstein >= self.goldstein_min,
            self.goldstein_max is None or event.goldstein <= self.goldstein_max,
            self.goldstein_abs is None or abs(event.goldstein) >= self.goldstein_abs,
            event.confidence >= self.min_confidence,
            articles >= self.min_articles,
        )
        return all(checks)


def config_path(path: str | Path | None = None) -> Path:
    """Return the settings file alert rules are read from: ``path``, ``$BILAT_CONFIG`` or ./bilat.toml."""
    return Path(path) if path else Path(os.environ.get("BILAT_CONFIG", "bilat.toml"))


def _table_lines(text: str) -> list[int]:
    """Return the line number of each ``[[alerts]]`` header, in order."""
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().replace(" ", "") == "[[alerts]]"
    ]


def parse_rules(text: str, *, source: str = "bilat.toml") -> list[AlertRule]:
    """Return the validated ``[[alerts]]`` rules of a TOML document.

    Args:
        text: The TOML text.
        source: Its file name, for messages.

    Returns:
        The rules, in file order; none when the document has no ``[[alerts]]``.

    Raises:
        ConfigError: The TOML is invalid, a rule is invalid (the message gives file:line, the
            rule and the field), or two rules share a name.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML ({exc}); fix the line it names") from exc
    tables: Any = data.get("alerts", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{source}: 'alerts' must be [[alerts]] tables", setting="alerts")
    lines = _table_lines(text)
    rules: list[AlertRule] = []
    for index, table in enumerate(tables):
        line = lines[index] if index < len(lines) else 1
        try:
            rule = AlertRule.model_validate(table)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "rule"
            name = table.get("name", f"#{index + 1}") if isinstance(table, dict) else index + 1
            raise ConfigError(
                f"{source}:{line}: alert {name!r}, {field}: {first['msg']}; fix this [[alerts]] "
                "table (fields: name, dyad or actor, quad_classes, roots, goldstein_min/max/abs, "
                "min_confidence, min_articles, sinks)",
                setting="alerts",
            ) from exc
        if any(r.name == rule.name for r in rules):
            raise ConfigError(
                f"{source}:{line}: a second alert is named {rule.name!r}; give each a unique name",
                setting="alerts",
            )
        rules.append(rule)
    return rules


def load_rules(path: str | Path | None = None) -> list[AlertRule]:
    """Return the alert rules of the settings file (none when there is no file).

    Args:
        path: The TOML file; default ``$BILAT_CONFIG`` or ``./bilat.toml``.

    Returns:
        The validated rules.

    Raises:
        ConfigError: The file is named but missing, or a rule is invalid.
    """
    config = config_path(path)
    if not config.exists():
        if path is not None:
            raise ConfigError(f"settings file {config} does not exist; check the path")
        return []
    return parse_rules(config.read_text(encoding="utf-8"), source=str(config))


def at_least(rule: AlertRule, minimum: float) -> AlertRule:
    """Return a rule whose confidence floor is at least ``minimum`` (its own when higher).

    Args:
        rule: The rule.
        minimum: The lowest calibrated confidence an event needs, 0 to 1.

    Returns:
        The rule, copied when its floor rises.
    """
    if rule.min_confidence >= minimum:
        return rule
    return rule.model_copy(update={"min_confidence": minimum})
