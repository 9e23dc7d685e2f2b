"""Dates: datelines, a document's date (with precision and evidence) and event dates."""

from __future__ import annotations
