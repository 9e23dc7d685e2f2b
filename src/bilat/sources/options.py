"""How bilat reads its inputs: field names of record files, size limits, a date to impose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    """Options for reading documents, shared by every reader.

    The ``*_field`` names say which JSONL/CSV columns hold what. ``max_bytes`` caps the decoded
    text of one document (UTF-8 bytes); ``date`` (``YYYY-MM-DD``) overrides every document's date.
    ``max_words`` and ``max_line_words``/``max_line_chars`` bound the time extraction may take:
    parsing cost grows faster than the length of a line (the unit the parser sees), so a
    document of 50,000 words, or a line of 5,000 words, is refused rather than left to run for
    minutes.

        >>> ReadOptions(text_field="body", date="2025-04-07").date
        '2025-04-07'
    """

    text_field: str = "text"
    id_field: str = "id"
    date_field: str = "published"
    title_field: str = "title"
    url_field: str = "url"
    dateline_field: str = "dateline"
    outlet_field: str = "source"
    max_bytes: int = 2_000_000
    max_words: int = 50_000
    max_line_words: int = 5_000
    max_line_chars: int = 100_000
    date: str | None = None
    check_language: bool = True

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_words", "max_line_words", "max_line_chars"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.date is not None:
            try:
                dt.date.fromisoformat(self.date)
            except ValueError:
                raise ValueError(
                    f"date must be a day written YYYY-MM-DD, got {self.date!r}; "
                    "pass e.g. 2025-04-07"
                ) from None
            if len(self.date) != 10:
                raise ValueError(
                    f"date must be a day written YYYY-MM-DD, got {self.date!r}; "
                    "pass e.g. 2025-04-07"
                )
