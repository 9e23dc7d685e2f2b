"""bilat's REST API: read-only JSON over a store, with one error shape and OpenAPI at /docs.

from bilat.api import create_app
app = create_app("bilat.duckdb")
"""

from __future__ import annotations

from bilat.api.app import create_app, serve

__all__ = ["create_app", "serve"]
