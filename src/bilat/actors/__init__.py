"""Actors: find the names of countries, organisations, people and offices, resolve them at a date.

:func:`bilat.lookup.resolve_text` resolves the mentions of a short text outside any document
(``bilat actors resolve``); it loads the pipeline, so it lives above this stage.
"""
