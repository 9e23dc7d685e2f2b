"""bilat's dashboard: server-rendered pages over the same store queries as the REST API.

Every page has a JSON twin (``?format=json``); scripts live in ``static/`` (no inline
scripts, so the Content-Security-Policy forbids them); Plotly and the world outlines for the
map are served by bilat itself, so the pages work offline.
"""

from __future__ import annotations
