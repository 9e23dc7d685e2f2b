"""Read articles from files, folders, record files, web pages and stdin into Documents.

    >>> from bilat.sources import read_text
    >>> read_text("Leaders meet\\nISLAMABAD: The two ministers met on Monday.").dateline
    'ISLAMABAD'

Every input yields a :class:`~bilat.records.Document` or a :class:`~bilat.records.Rejection`
with a typed reason and a hint to fix it; reading never stops at a bad file.
"""

from __future__ import annotations

from bilat.sources.options import ReadOptions
from bilat.sources.reader import iter_files, read_file, read_inputs, read_text

__all__ = ["ReadOptions", "iter_files", "read_file", "read_inputs", "read_text"]
