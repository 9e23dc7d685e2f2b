"""Facts (casualties, money, percentages, tariffs) and direct quotes found in plain text."""

from __future__ import annotations

from bilat.facts.extract import extract_facts
from bilat.facts.quotes import QuoteSpan, find_quotes, pronoun_speaker, speaker_label

__all__ = ["QuoteSpan", "extract_facts", "find_quotes", "pronoun_speaker", "speaker_label"]
