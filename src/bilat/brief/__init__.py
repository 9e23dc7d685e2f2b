"""The brief: what happened in one relationship over a period, in Markdown, HTML or PDF.

with open_store("bilat.duckdb", read_only=True) as store:
    brief = build_brief(store, BriefScope.parse(dyad=("PAK", "IND"), since="30d"))
Path("brief.html").write_text(to_html(brief))
"""

from __future__ import annotations

from bilat.brief.build import Brief, BriefScope, QuadRow, TopEvent, build_brief
from bilat.brief.pdf import PdfError, html_to_pdf
from bilat.brief.render import chart_svg, headline, to_html, to_markdown

__all__ = [
    "Brief",
    "BriefScope",
    "PdfError",
    "QuadRow",
    "TopEvent",
    "build_brief",
    "chart_svg",
    "headline",
    "html_to_pdf",
    "to_html",
    "to_markdown",
]
