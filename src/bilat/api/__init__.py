"""bilat's REST API: the JSON endpoints, read-only by default, with one error shape.

Each module is a router (:mod:`~bilat.api.routes` for reads, :mod:`~bilat.api.writes` for
ingest and verdicts, :mod:`~bilat.api.downloads` for exports, :mod:`~bilat.api.live` for local
processes); :mod:`bilat.server` mounts them beside the dashboard's pages. What an answer holds
is built by the presenters in :mod:`bilat.views`, which the dashboard shares.

    from bilat.server import create_app
    app = create_app("bilat.duckdb")
"""
