"""Screenshot every dashboard page and the brief at phone and desktop widths, and check them.

``bilat serve`` runs over a store of the bundled examples/; each page is shot at 390 and 1400
pixels wide into ``artifacts/screens/`` (git-ignored), the brief as HTML and its PDF pages as
images. What a script can check, it does: no axis carries more than 15 tick labels, count
axes carry whole numbers, no panel, table or chart is empty without a sentence saying why, and
no page scrolls sideways.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bilat.brief import BriefScope, build_brief, html_to_pdf, to_html
from bilat.store import EventQuery, open_store
from conftest import bilat_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENS = Path(__file__).resolve().parents[1] / "artifacts" / "screens"
WIDTHS = (390, 1400)
MAX_TICKS = 15

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="Debian chromium and chromedriver are not installed (scripts/install-system-deps)",
    ),
]

# Per chart, the tick labels of each axis; and what each page shows empty without a word.
_INSPECT = """
const axes = [];
for (const chart of document.querySelectorAll("svg")) {
  const owner = chart.closest("[id]");
  const name = owner ? owner.id : "svg";
  for (const axis of ["xtick", "ytick", "y2tick"]) {
    const labels = [...chart.querySelectorAll("g." + axis + " text")].map((t) => t.textContent);
    if (labels.length) axes.push({chart: name, axis: axis, labels: labels});
  }
  for (const cls of ["tick", "count"]) {
    const labels = [...chart.querySelectorAll("text." + cls)].map((t) => t.textContent);
    if (labels.length) axes.push({chart: name, axis: cls, labels: labels});
  }
}
const empty = [];
for (const chart of document.querySelectorAll(".chart")) {
  if (!chart.querySelector("svg")) empty.push("chart #" + chart.id + " drew nothing");
}
for (const table of document.querySelectorAll("table")) {
  if (!table.querySelector("tbody tr, tr td")) empty.push("table without rows: " +
    table.innerText.slice(0, 60));
}
for (const panel of document.querySelectorAll(".panel")) {
  const heading = panel.querySelector("h2");
  const words = panel.innerText.replace(heading ? heading.innerText : "", "").trim();
  if (!words && !panel.querySelector("svg")) empty.push("empty panel: " +
    (heading ? heading.innerText : "?"));
}
return {axes: axes, empty: empty, width: document.documentElement.scrollWidth,
        height: document.documentElement.scrollHeight};
"""

# Axes that count events: their ticks must be whole numbers.
_COUNT_AXES = {("timeline", "y2tick"), ("brief-chart", "count")}


@pytest.fixture(scope="module")
def server(examples_db: Path) -> Iterator[str]:
    """Start ``bilat serve`` over the examples store; yield its base URL."""
    with bilat_server(examples_db) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Yield a headless Chromium driven through Debian's chromedriver."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--disable-gpu", "--hide-scrollbars"):  # fmt: skip
        options.add_argument(argument)
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _pages(examples_db: Path) -> dict[str, str]:
    """Return every dashboard page to shoot, by name."""
    with open_store(examples_db, read_only=True) as store:
        event = store.events(EventQuery(dyad=("PAK", "USA"), order="-goldstein", limit=1))[0]
        dyads = [(row.a, row.b) for row in store.dyads()][:4]
    pages = {
        "overview": "/",
        "events": "/events",
        "event": f"/events/{event.id}",
        "document": f"/documents/{event.doc_id}",
        "api-docs": "/docs",
    }
    pages.update({f"dyad-{a}-{b}": f"/dyads/{a}/{b}" for a, b in dyads})
    return pages


def _viewport(browser: Any, width: int, height: int) -> None:
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def _shoot(browser: Any, url: str, width: int, name: str) -> dict[str, Any]:
    """Load a page at a width, let its charts draw, shoot it whole and inspect it."""
    from selenium.webdriver.support.wait import WebDriverWait

    # Headless Chromium keeps windows at least 500 px wide; emulate the width instead.
    _viewport(browser, width, 1000)
    browser.get(url)
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script(
            "return document.readyState === 'complete' && [...document.querySelectorAll("
            "'.chart')].every((c) => c.querySelector('svg') || !window.Plotly)"
        )
    )
    time.sleep(0.3)
    found: dict[str, Any] = browser.execute_script(_INSPECT)
    _viewport(browser, width, min(int(found["height"]), 12000))
    SCREENS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENS / f"{name}-{width}.png"))
    return found


def _problems(found: dict[str, Any], width: int) -> list[str]:
    """Return what a script can see wrong with a page inspected at a window width."""
    problems = list(found["empty"])
    if int(found["width"]) > width:
        problems.append(f"the page is {found['width']} px wide: it scrolls sideways")
    for axis in found["axes"]:
        labels = [label for label in axis["labels"] if label.strip()]
        where = f"{axis['chart']} {axis['axis']}"
        if len(labels) > MAX_TICKS:
            problems.append(f"{where}: {len(labels)} tick labels")
        counts = (axis["chart"], axis["axis"]) in _COUNT_AXES
        if counts and not all(re.fullmatch(r"\d+", label) for label in labels):
            problems.append(f"{where}: counts that are not whole numbers {labels}")
    return problems


def test_dashboard_pages_read_well_at_phone_and_desktop_width(
    server: str, browser: Any, examples_db: Path
) -> None:
    problems: dict[str, list[str]] = {}
    axes_seen = set()
    for name, path in _pages(examples_db).items():
        for width in WIDTHS:
            found = _shoot(browser, server + path, width, name)
            axes_seen |= {(a["chart"], a["axis"]) for a in found["axes"]}
            if found_problems := _problems(found, width):
                problems[f"{name} at {width}px"] = found_problems
    assert problems == {}
    assert {("timeline", "xtick"), ("timeline", "ytick"), ("timeline", "y2tick")} <= axes_seen


def test_brief_html_and_pdf_pages_read_well(examples_db: Path, browser: Any) -> None:
    with open_store(examples_db, read_only=True) as store:
        scope = BriefScope.parse(dyad=("PAK", "USA"), since="2024-01-01", until="2025-12-31")
        page = to_html(build_brief(store, scope))
    SCREENS.mkdir(parents=True, exist_ok=True)
    html_path = SCREENS / "brief.html"
    html_path.write_text(page, encoding="utf-8")
    problems = {}
    for width in WIDTHS:
        found = _shoot(browser, html_path.as_uri(), width, "brief")
        assert {(a["chart"], a["axis"]) for a in found["axes"]} == {
            ("brief-chart", "tick"),
            ("brief-chart", "count"),
        }
        if found_problems := _problems(found, width):
            problems[width] = found_problems
    assert problems == {}
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no images of the PDF pages")
    pdf = html_to_pdf(page, SCREENS / "brief.pdf")
    for old in SCREENS.glob("brief-pdf-*.png"):
        old.unlink()
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", str(pdf), str(SCREENS / "brief-pdf")],
        check=True,
        timeout=120,
    )
    images = sorted(SCREENS.glob("brief-pdf-*.png"))
    assert len(images) >= 2
    assert all(image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for image in images)
