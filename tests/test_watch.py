"""End-to-end tests of monitoring from the command line: the watch loop and alerts on ingest.

A feed served on 127.0.0.1 lists one article on its first poll and two from the second on; the
articles and reports are short texts written for these tests.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bilat.alerts import AlertRule, EmailSink, load_rules
from bilat.cli import app
from bilat.settings import SETTINGS, load_settings
from conftest import serving

ARTICLES = {
    "/news/water": (
        "Envoys meet on river water",
        "2025-05-12",
        "Pakistan's foreign minister met Indian officials in Islamabad on Monday to discuss "
        "water sharing.",
    ),
    "/news/firing": (
        "Border firing condemned",
        "2025-05-13",
        "Pakistan condemned India on Tuesday after shelling near the border killed two farmers.",
    ),
}


def _page(title: str, date: str, text: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{date}"></head><body>'
        f"<article><h1>{title}</h1><p>{text}</p></article></body></html>"
    ).encode()


def _rss(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{ARTICLES[p][0]}</title><link>{base}{p}</link></item>" for p in paths
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test Desk</title><link>{base}/</link>{items}</channel></rss>"
    ).encode()


class _Site:
    """A feed whose item list grows by one article per poll, up to all of them."""

    def __init__(self) -> None:
        self.polls = 0
        self.base = ""
        handler = self._handler()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/feed.rss":
                    site.polls += 1
                    body = _rss(site.base, list(ARTICLES)[: site.polls])
                    kind = "application/rss+xml"
                elif self.path in ARTICLES:
                    body, kind = _page(*ARTICLES[self.path]), "text/html; charset=utf-8"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Keep test output quiet."""

        return Handler


@pytest.fixture
def site() -> Iterator[_Site]:
    """Serve the growing feed on 127.0.0.1 while a test runs."""
    served = _Site()
    with serving(served.server):
        yield served


DESK_TOML = """\
db = "bilat.duckdb"
host_delay = 0
fetch_retries = 0
fetch_timeout = 5

[[alerts]]
name = "pak-ind-criticism"
dyad = ["PAK", "IND"]
roots = ["11"]
sinks = [{ type = "stdout" }, { type = "jsonl", path = "alerts.jsonl" }]
"""


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a working folder holding a bilat.toml with one alert rule, made current."""
    (tmp_path / "bilat.toml").write_text(DESK_TOML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BILAT_CONFIG", raising=False)
    monkeypatch.delenv("BILAT_DB", raising=False)
    return tmp_path


def _events() -> list[tuple[str, str, str, str]]:
    result = CliRunner().invoke(app, ["events", "--format", "json"])
    assert result.exit_code == 0, result.output
    return sorted(
        (e["source"]["code"], e["cameo"], e["target"]["code"], e["date"])
        for e in json.loads(result.stdout)
    )


def _alert_lines(text: str) -> list[tuple[str, str, str]]:
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    return [(a["rule"], a["cameo"], a["sources"][0]["title"]) for a in lines]


@pytest.mark.slow
def test_watch_two_cycles_ingests_item_new_in_second_poll(site: _Site, desk: Path) -> None:
    feed = site.base + "/feed.rss"
    result = CliRunner().invoke(app, ["watch", feed, "--cycles", "2", "--interval", "0.05s"])
    assert result.exit_code == 0, result.output
    assert site.polls == 2
    assert [line for line in result.stderr.splitlines() if line.startswith("127.0.0.1")] == [
        "127.0.0.1: ok, 1 items, 1 new, 0 known",
        "127.0.0.1: ok, 2 items, 1 new, 1 known",
    ]
    assert result.stderr.splitlines()[-1] == "finished 2 polls, 2 documents added"
    assert _events() == [
        ("PAK", "111", "IND", "2025-05-13"),
        ("PAKGOV", "040", "INDGOV", "2025-05-12"),
    ]
    expected = [("pak-ind-criticism", "111", "Border firing condemned")]
    assert _alert_lines(result.stdout) == expected
    assert _alert_lines((desk / "alerts.jsonl").read_text(encoding="utf-8")) == expected


def test_watch_ctrl_c_stops_cleanly(
    site: _Site, desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_sleep = time.sleep

    def interrupt(seconds: float) -> None:
        # the patch reaches the time module itself: only the watch loop's thread is
        # interrupted, not other libraries' background threads (py4j's finalizer sleeps too)
        if threading.current_thread() is not threading.main_thread():
            real_sleep(seconds)
            return
        raise KeyboardInterrupt

    monkeypatch.setattr("bilat.cli.monitor.time.sleep", interrupt)
    result = CliRunner().invoke(app, ["watch", site.base + "/feed.rss", "--interval", "1h"])
    assert result.exit_code == 0, result.output
    assert site.polls == 1
    assert result.stderr.splitlines()[-1] == (
        "stopped by Ctrl-C after 1 poll, 1 document added; what was stored stays, and the "
        "next watch goes on from there"
    )


@pytest.mark.slow
def test_ingest_raises_alert_once(desk: Path) -> None:
    for name, path in (("water.txt", "/news/water"), ("firing.txt", "/news/firing")):
        title, _, text = ARTICLES[path]
        (desk / name).write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    (desk / "later.txt").write_text(
        "Talks resume\n\nPakistan's foreign minister met Indian officials in Lahore on Friday.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", "-q", "water.txt", "firing.txt", "--date", "2025-05-13"])
    again = runner.invoke(app, ["ingest", "-q", "water.txt", "firing.txt", "--date", "2025-05-13"])
    later = runner.invoke(app, ["ingest", "-q", "later.txt", "--date", "2025-05-16"])
    assert [r.exit_code for r in (first, again, later)] == [0, 0, 0], first.output
    expected = [("pak-ind-criticism", "111", "Border firing condemned")]
    assert _alert_lines(first.stdout) == expected
    assert (_alert_lines(again.stdout), _alert_lines(later.stdout)) == ([], [])
    assert first.stderr.splitlines()[-1] == "1 alerts raised, 1 delivered"
    assert _alert_lines((desk / "alerts.jsonl").read_text(encoding="utf-8")) == expected


MONITORING_EXTRA = ("host_delay", "watch_interval")


def test_monitoring_doc_example_loads_and_documents_every_setting(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "monitoring.md").read_text("utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    config = tmp_path / "bilat.toml"
    config.write_text(example, encoding="utf-8")
    settings = load_settings(config)
    rules = load_rules(config)
    assert (settings.watch_interval, settings.fetch_retries) == ("15m", 2)
    assert [r.name for r in rules] == ["pak-afg-fighting", "pakmil-conflict"]
    mail = rules[1].sinks[0]
    assert isinstance(mail, EmailSink)
    assert (mail.smtp_port, mail.password_env) == (587, "BILAT_SMTP_PASSWORD")
    monitoring = [s for s in SETTINGS if s.name == "user_agent" or "fetch" in s.name]
    for setting in [*monitoring, *(s for s in SETTINGS if s.name in MONITORING_EXTRA)]:
        assert f"| `{setting.name}` |" in doc
    for field_name in AlertRule.model_fields:
        assert f"`{field_name}`" in doc
