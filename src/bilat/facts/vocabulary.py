"""Load the words facts and quotes are read with (``knowledge/units.yaml``, ``quotes.yaml``).

Both files are validated once and cached; the regular expressions built from them live on the
returned objects so that no module keeps mutable globals.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bilat.errors import KnowledgeError

KNOWLEDGE_DIR = Path(__file__).resolve().parents[1] / "knowledge"
UNITS_PATH = KNOWLEDGE_DIR / "units.yaml"
QUOTES_PATH = KNOWLEDGE_DIR / "quotes.yaml"

_M = TypeVar("_M", bound=BaseModel)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Currency(_Model):
    """One currency: ISO code and the symbols written before or words written after amounts."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    before: list[str] = []
    after: list[str] = []


class CasualtyPhrases(_Model):
    """Phrases that mark a count as killed, injured, … when before or after it."""

    before: list[str]
    after: list[str]


class CountLinks(_Model):
    """Words between two counts that make the second continue or break down the first."""

    series: list[str]
    including: list[str]


class Units(_Model):
    """The validated content of ``units.yaml``."""

    currencies: list[Currency]
    scales: dict[str, float]
    money_details: list[str]
    qualifiers: list[str]
    number_words: dict[str, int]
    number_multipliers: dict[str, int]
    vague_counts: dict[str, int]
    percent_signs: list[str]
    tariff_words: list[str]
    tariff_window: int = Field(ge=0)
    tariff_breakers: list[str]
    particle_verbs: list[str]
    casualty_nouns: list[str]
    casualties: dict[str, CasualtyPhrases]
    casualty_auxiliaries: list[str]
    count_links: CountLinks
    unit_stop_words: list[str]
    count_followers: list[str]


class QuoteWords(_Model):
    """The validated content of ``quotes.yaml``."""

    speech_verbs: list[str]
    speech_adverbs: list[str]
    source_phrases: list[str]
    speaker_leading_words: list[str]
    speaker_trailing_words: list[str]
    speaker_pronouns: list[str]
    min_words: int = Field(ge=1)


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of the words, longest first, each escaped.

    Args:
        words: literal words or phrases; spaces match any run of whitespace.

    Returns:
        A non-capturing group such as ``(?:more\\s+than|over)``.
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    parts = [r"\s+".join(re.escape(piece) for piece in w.split()) for w in unique]
    return "(?:" + "|".join(parts) + ")"


def _read(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(
            f"cannot read {path.name}: {exc.strerror}; reinstall bilat to restore it",
            file=str(path),
        ) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(
            f"not valid YAML ({exc}); check indentation and quoting", file=str(path)
        ) from exc


def _validate(model: type[_M], path: Path) -> _M:
    try:
        return model.model_validate(_read(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise KnowledgeError(
            f"{where}: {first['msg']}; fix the entry ({exc.error_count()} problem(s) in all)",
            file=str(path),
        ) from exc


@functools.cache
def load_units(path: Path = UNITS_PATH) -> Units:
    """Load and validate the unit words once.

    Args:
        path: the YAML file; the bundled ``knowledge/units.yaml`` by default.

    Returns:
        The validated, immutable :class:`Units`.
    """
    return _validate(Units, path)


@functools.cache
def load_quote_words(path: Path = QUOTES_PATH) -> QuoteWords:
    """Load and validate the quote-attribution words once.

    Args:
        path: the YAML file; the bundled ``knowledge/quotes.yaml`` by default.

    Returns:
        The validated, immutable :class:`QuoteWords`.
    """
    return _validate(QuoteWords, path)
