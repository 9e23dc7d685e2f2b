"""bilat: news reports in, a verified and queryable record of international events out."""

from __future__ import annotations

__version__ = "0.1.0"
