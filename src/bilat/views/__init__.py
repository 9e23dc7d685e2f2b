"""Presenters: what a page or an API answer shows, built once and shared by api and web.

:mod:`~bilat.views.reads` holds the request's store and the index and event lists,
:mod:`~bilat.views.detail` one event or document (:mod:`bilat.highlights` marks its actors and
triggers), :mod:`~bilat.views.analysis` timelines, facts and quotes, :mod:`~bilat.views.review` the review
queue and pattern health, and :mod:`~bilat.views.params` the parsing of the parameters both take.
:mod:`bilat.api` and :mod:`bilat.web` render them as JSON and HTML; neither imports the other.
"""
