"""Drive the dashboard in headless Chromium: overview → dyad page → event → confirm.

Starts ``bilat serve`` on a free local port over a database of short reports written for this
test, and saves screenshots under ``artifacts/`` (git-ignored).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bilat.records import Place
from bilat.store import open_store
from conftest import bilat_server, get_json, make_event, make_extraction

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TOKEN = "browser-test-token"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="Debian chromium and chromedriver are not installed (scripts/install-system-deps)",
    ),
]

REPORTS = [
    ("r1", "2025-01-14", "Pakistan's prime minister hosted the US envoy in Islamabad.",
     "PAKGOV", "USAGOV", "042", 1, 1.9, Place("Islamabad", "PAK", 33.72, 73.04)),
    ("r2", "2025-02-20", "Washington pledged flood aid to Pakistan on Thursday.",
     "USAGOV", "PAKGOV", "051", 1, 3.4, None),
    ("r3", "2025-03-05", "Pakistan's foreign office criticised the new US tariff.",
     "PAKGOV", "USAGOV", "111", 3, -2.0, Place("Karachi", "PAK", 24.86, 67.01)),
]  # fmt: skip


def _extractions() -> list[Any]:
    built = []
    for doc_id, day, sentence, source, target, cameo, quad, goldstein, place in REPORTS:
        verb = next(w for w in ("hosted", "pledged", "criticised") if w in sentence)
        start = sentence.index(verb)
        event = dataclasses.replace(
            make_event(
                f"{doc_id}-e", doc_id, source, target, cameo=cameo, quad=quad,
                goldstein=goldstein, date=day, sentence=sentence, confidence=0.8, place=place,
            ),
            trigger=verb, trigger_start=start, trigger_end=start + len(verb),
        )  # fmt: skip
        built.append(make_extraction(doc_id, sentence, (event,), date=day))
    return built


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``bilat serve`` with a token over the test reports; yield its base URL."""
    path = tmp_path_factory.mktemp("browser") / "bilat.duckdb"
    with open_store(path) as store:
        store.add(_extractions())
    with bilat_server(path, token=TOKEN, timeout=60) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Yield a headless Chromium driven through Debian's chromedriver (no driver download)."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--disable-gpu"):  # fmt: skip
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: Any, css: str, timeout: float = 30) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def _shot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"browser-{name}.png"))


def test_browser_overview_dyad_event_confirm(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(server + "/")
    link = _wait(browser, "a.dyad-link")
    assert link.text == "PAK–USA"
    _shot(browser, "1-overview")

    link.click()
    _wait(browser, "#timeline svg.main-svg")
    _wait(browser, "#map svg.main-svg g.geo")
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline g.barlayer g.point")
    _shot(browser, "2-dyad")

    from selenium.webdriver.common.action_chains import ActionChains

    # Plotly listens on a drag layer above the bars: click at the bar's place, not on it.
    bar = browser.find_elements(By.CSS_SELECTOR, "#timeline g.barlayer g.point path")[0]
    ActionChains(browser).move_to_element(bar).pause(0.3).click().perform()
    listed = _wait(browser, "#period-events li a.event-link")
    assert listed.text == "2025-01-14 PAKGOV 042 USAGOV"
    _shot(browser, "3-period")

    listed.click()
    _wait(browser, "p.sentence mark.trigger")
    assert browser.find_element(By.CSS_SELECTOR, "p.sentence mark.trigger").text == "hosted"
    browser.find_element(By.ID, "token-input").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "#token-form button").click()
    browser.find_element(By.ID, "confirm-button").click()
    message = browser.find_element(By.ID, "verify-message")
    WebDriverWait(browser, 30).until(lambda _: message.text.startswith("Saved"))
    assert message.text == "Saved: confirm."
    _shot(browser, "4-confirmed")

    assert get_json(f"{server}/api/events/r1-e")["verdict"]["verdict"] == "confirm"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_browser_phone_width_keeps_the_page_usable(server: str, browser: Any) -> None:
    browser.set_window_size(390, 844)
    try:
        browser.get(server + "/dyads/PAK/USA")
        _wait(browser, "#timeline svg.main-svg")
        width = browser.execute_script("return document.documentElement.scrollWidth")
        _shot(browser, "5-phone")
        assert width <= 390
    finally:
        browser.set_window_size(1280, 1000)
