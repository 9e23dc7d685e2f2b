"""How bilat reads its inputs: field names of record files, size limits, a date to impose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    """Options for reading documents, shared by every reader.

    The ``*_field`` names say which JSONL/CSV columns hold what. ``max_bytes`` caps the decoded
    text of one document (UTF-8 bytes); ``date`` (``YYYY-MM-DD``) overrides every document's date.

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
    date: str | None = None
    check_language: bool = True

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes}")
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
