"""Print a brief's HTML page to PDF with WeasyPrint: in-process, no browser, no subprocess."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bilat.errors import BilatError

SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
"""The Debian packages WeasyPrint loads at import (Pango, HarfBuzz) and the fonts it lays out."""


class PdfError(BilatError):
    """The PDF could not be printed; the message says why and what to install or do."""

    default_code = "E610"


def _weasyprint() -> Any:
    """Import WeasyPrint, turning a missing package or system library into a PdfError."""
    # Imported here, not at the top: WeasyPrint loads Pango through cffi when imported, and a
    # machine without Pango must still write Markdown and HTML briefs.
    try:
        import weasyprint
    except ImportError as error:
        raise PdfError(
            f"WeasyPrint is not installed ({error}); install bilat's pinned dependencies "
            "(pip install --require-hashes -r requirements.lock) or write the brief with "
            "--format html"
        ) from error
    except OSError as error:
        # cffi raises OSError naming the shared library it could not open.
        raise PdfError(
            f"WeasyPrint cannot load its system libraries ({error}); install them with "
            f"scripts/install-system-deps or apt-get install {SYSTEM_PACKAGES}, or write the "
            "brief with --format html"
        ) from error
    return weasyprint


def html_to_pdf(page: str, pdf: Path) -> Path:
    """Print an HTML page to a PDF file with WeasyPrint.

    The page is laid out for print (its ``@page`` and ``@media print`` rules apply) and its
    ``<title>`` becomes the PDF's title. Nothing is fetched: a brief is self-contained, so
    every URL the page could load (images, stylesheets) is refused.

    Args:
        page: The self-contained HTML.
        pdf: The PDF file to write.

    Returns:
        The PDF path, resolved.

    Raises:
        PdfError: WeasyPrint or its system libraries are missing, or the file cannot be written.
    """
    weasyprint = _weasyprint()
    pdf = pdf.resolve()
    if not pdf.parent.is_dir():
        raise PdfError(f"cannot write {pdf}: folder {pdf.parent} does not exist; create it first")
    refuse_all = weasyprint.URLFetcher(allowed_protocols=())
    document = weasyprint.HTML(string=page, url_fetcher=refuse_all)
    try:
        document.write_pdf(pdf)
    except OSError as error:
        raise PdfError(
            f"cannot write {pdf}: {error.strerror or error}; choose a writable file"
        ) from error
    return pdf
