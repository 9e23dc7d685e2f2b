"""Print a brief's HTML page to PDF with the headless chromium the project installs."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from bilat.errors import BilatError

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


class PdfError(BilatError):
    """The PDF could not be printed; the message says why and what to install or do."""

    default_code = "E610"


def find_chromium(explicit: str | None = None) -> str:
    """Return the path of a chromium executable.

    Args:
        explicit: A path to use instead of searching.

    Returns:
        The executable's path.

    Raises:
        PdfError: None is installed.
    """
    for candidate in (explicit,) if explicit else CHROMIUM_CANDIDATES:
        found = shutil.which(candidate) if candidate else None
        if found:
            return found
    raise PdfError(
        "chromium is not installed (looked for /usr/bin/chromium, chromium, chromium-browser, "
        "google-chrome); install it (scripts/install-system-deps, or apt-get install chromium) "
        "or write the brief with --format html"
    )


def html_to_pdf(page: str, pdf: Path, *, chromium: str | None = None, timeout: float = 120) -> Path:
    """Print an HTML page to a PDF file with headless chromium.

    Args:
        page: The self-contained HTML.
        pdf: The PDF file to write.
        chromium: The chromium executable (found on PATH by default).
        timeout: Seconds to allow chromium.

    Returns:
        The PDF path.

    Raises:
        PdfError: chromium is missing, failed, timed out or wrote no PDF.
    """
    binary = find_chromium(chromium)
    pdf = pdf.resolve()
    with tempfile.TemporaryDirectory(prefix="bilat-brief-") as work:
        source = Path(work) / "brief.html"
        source.write_text(page, encoding="utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={work}/profile",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise PdfError(f"chromium took more than {timeout:g}s to print {pdf}; retry") from error
    if done.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise PdfError(
            f"chromium could not print {pdf} (exit {done.returncode}: {' '.join(tail)}); "
            "write the brief with --format html and print it from a browser"
        )
    return pdf
