"""Review 20 events on the dashboard's /review page with the keyboard only, then read back.

Starts ``bilat serve`` with a token over 22 short reports written for this test and drives
headless Chromium: the token is typed in the Token box, then every verdict is a key press.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bilat.store import open_store
from conftest import bilat_server, get_json, make_event, make_extraction
from test_browser import CHROMEDRIVER, CHROMIUM, _shot, browser  # noqa: F401  (the browser fixture)

TOKEN = "review-browser-token"
EVENTS = 22

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="Debian chromium and chromedriver are not installed (scripts/install-system-deps)",
    ),
]


def _extractions() -> list[Any]:
    built = []
    for n in range(EVENTS):
        sentence = f"Pakistan hosted US delegation number {n} in Islamabad."
        day = f"2025-01-{n + 1:02d}"
        # Confidence rises with n, so the queue's order is e00, e01, … (e00 is also the first
        # contact between the two countries).
        event = dataclasses.replace(
            make_event(
                f"e{n:02d}", f"d{n:02d}", "PAKGOV", "USAGOV", date=day, sentence=sentence,
                confidence=0.30 + 0.02 * n,
            ),
            trigger="hosted", trigger_start=9, trigger_end=15,
        )  # fmt: skip
        built.append(make_extraction(event.doc_id, sentence, (event,), date=day))
    return built


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("review") / "bilat.duckdb"
    with open_store(path) as store:
        store.add(_extractions())
    with bilat_server(path, token=TOKEN, timeout=60) as base:
        yield base


def test_browser_review_twenty_events_with_the_keyboard_only(
    server: str,
    browser: Any,  # noqa: F811
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.wait import WebDriverWait

    def press(keys: str) -> None:
        ActionChains(browser).send_keys(keys).perform()

    def progress_is(text: str) -> None:
        element = browser.find_element(By.ID, "review-progress")
        WebDriverWait(browser, 60).until(lambda _: element.text.startswith(text))

    browser.get(server + "/review")
    progress_is("Event 1 of 22")
    assert browser.find_element(By.CSS_SELECTOR, "#review-sentence mark.trigger").text == "hosted"
    browser.find_element(By.ID, "token-input").send_keys(TOKEN + Keys.ENTER)
    WebDriverWait(browser, 30).until(
        lambda _: browser.find_element(By.ID, "token-state").text == "token kept for this tab"
    )
    press(Keys.TAB)  # from the token box to the page: the review keys are not typed in a box
    started = time.monotonic()
    press("c")  # e00 confirmed
    press("r")  # e01 rejected …
    press("u")  # … and the rejection undone
    press("c")  # e01 confirmed
    press("e")  # e02 corrected to 043 through the form
    WebDriverWait(browser, 60).until(
        lambda _: browser.switch_to.active_element.get_attribute("name") == "cameo"
    )
    _shot(browser, "review-correct")
    press("043" + Keys.ENTER)
    press("s")  # e03 skipped
    for n in range(4, 20):
        press("c" if n % 2 == 0 else "r")
    progress_is("Event 21 of 22")
    seconds = time.monotonic() - started
    _shot(browser, "review-21")
    assert browser.find_element(By.ID, "review-progress").text == (
        "Event 21 of 22 · 10 confirmed, 8 rejected, 1 corrected, 1 skipped."
    )

    verdicts = {}
    for n in range(EVENTS):
        verdict = get_json(f"{server}/api/events/e{n:02d}")["verdict"]
        verdicts[f"e{n:02d}"] = (verdict["verdict"], verdict["cameo"]) if verdict else None
    expected: dict[str, tuple[str, str | None] | None] = {
        "e00": ("confirm", None),
        "e01": ("confirm", None),
        "e02": ("correct", "043"),
        "e03": None,
    }
    for n in range(4, 20):
        expected[f"e{n:02d}"] = ("confirm" if n % 2 == 0 else "reject", None)
    expected |= {"e20": None, "e21": None}
    assert verdicts == expected
    # 20 events judged (one undone and redone) well within the 10-a-minute pace asked for.
    assert seconds < 120, seconds
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
