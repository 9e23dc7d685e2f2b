"""Tests for the dashboard pages in process: HTML, escaping, JSON twins, offline assets."""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilat.records import Actor, Mention, Place, Quote
from bilat.server import create_app
from bilat.store import open_store
from bilat.web.pages import dyad_data
from conftest import make_event, make_extraction

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SENTENCE = "Pakistan's <b>minister</b> welcomed the US envoy."
TEXT = SENTENCE + " Talks went on."
LAHORE = Place("Lahore", "PAK", 31.55, 74.34, how="sentence")
MET = dataclasses.replace(
    make_event(
        "ev1", "doc<1>", "PAKGOV", "USAGOV", cameo="042", quad=1, goldstein=1.9,
        date="2025-02-03", sentence=SENTENCE, confidence=0.8, place=LAHORE,
    ),
    trigger="welcomed", trigger_start=SENTENCE.index("welcomed"),
    trigger_end=SENTENCE.index("welcomed") + 8,
)  # fmt: skip
CALL = dataclasses.replace(
    make_event(
        "ev2", "doc<1>", "USAGOV", "PAKGOV", cameo="036", quad=1, goldstein=4.0,
        date="2025-05-10", sentence=SENTENCE,
    ),
    trigger_start=MET.trigger_start, trigger_end=MET.trigger_end,
)  # fmt: skip
PAKISTAN = Mention(0, 10, "Pakistan's", Actor("PAKGOV", "PAK", "GOV"), "country", "gaz", 0)
ENVOY = Mention(
    SENTENCE.index("US envoy"),
    SENTENCE.index("US envoy") + 8,
    "US envoy",
    Actor("USAGOV", "USA", "GOV"),
    "title",
    "gaz",
    0,
)
DOC = make_extraction("doc<1>", TEXT, (MET, CALL), date="2025-02-03", mentions=(PAKISTAN, ENVOY))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Yield a client of the dashboard over one document with two PAK–USA events."""
    path = tmp_path_factory.mktemp("web") / "bilat.duckdb"
    with open_store(path) as store:
        store.add([DOC])
    with TestClient(create_app(str(path), token="t0ken")) as opened:
        yield opened


def html(client: TestClient, url: str) -> str:
    """Return a page's HTML after checking it is one."""
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return response.text


def test_dashboard_overview_ranks_dyads_with_sparkline_and_trend(client: TestClient) -> None:
    page = html(client, "/")
    assert '<a class="dyad-link" href="/dyads/PAK/USA">PAK–USA</a>' in page
    data = client.get("/?format=json").json()
    assert [(d["a"], d["b"], d["events"], d["sparkline"]) for d in data["dyads"]] == [
        ("PAK", "USA", 2, "▅  ▆")
    ]
    assert data["dyads"][0]["trend"]["summary"] == (
        "too few periods to tell a trend (2 with events; 4 needed)"
    )


def test_dashboard_dyad_page_has_chart_data_map_and_actors(client: TestClient) -> None:
    page = html(client, "/dyads/PAK/USA?by=quarter")
    assert '<div id="timeline" class="chart" data-dyad="PAK,USA" data-by="quarter">' in page
    assert '<div id="map" class="chart"></div>' in page
    assert '<script src="/static/plotly.min.js"></script>' in page
    data = client.get("/dyads/PAK/USA?by=quarter&format=json").json()
    assert [p["period"] for p in data["timeline"]["periods"]] == ["2025-Q1", "2025-Q2"]
    assert data["places"] == [
        {
            "name": "Lahore",
            "lat": 31.55,
            "lon": 74.34,
            "event": "ev1",
            "cameo": "042",
            "text": "2025-02-03 PAKGOV code 042 USAGOV",
        }
    ]
    assert [a["code"] for a in data["actors"]] == ["PAKGOV", "USAGOV"]


def test_dashboard_event_page_marks_source_verb_target_and_escapes(client: TestClient) -> None:
    page = html(client, "/events/ev1")
    assert (
        '<mark class="source" title="PAKGOV">Pakistan&#39;s</mark> &lt;b&gt;minister&lt;/b&gt; '
        '<mark class="trigger" title="code 042">welcomed</mark> the '
        '<mark class="target" title="USAGOV">US envoy</mark>.'
    ) in page
    assert "<b>minister</b>" not in page
    assert 'id="confirm-button"' in page
    assert '<script src="/static/verify.js"></script>' in page


def test_dashboard_event_page_json_twin_is_the_api_detail(client: TestClient) -> None:
    assert client.get("/events/ev1?format=json").json() == client.get("/api/events/ev1").json()


def test_dashboard_document_page_marks_actors_and_events(client: TestClient) -> None:
    page = html(client, "/documents/doc%3C1%3E")
    assert '<mark class="actor" title="PAKGOV">Pakistan&#39;s</mark>' in page
    assert '<mark class="trigger" title="042 code 042">welcomed</mark>' in page
    assert "<h1>Title doc&lt;1&gt;</h1>" in page


def test_dashboard_event_list_filters(client: TestClient) -> None:
    page = html(client, "/events?root=03")
    assert '<a class="event-link" href="/events/ev2">036</a>' in page
    assert 'href="/events/ev1"' not in page


@pytest.mark.parametrize(
    ("url", "status"),
    [("/events/none", 404), ("/documents/none", 404), ("/dyads/PAK/U'SA", 422),
     ("/?format=xml", 422), ("/dyads/PAK/USA?by=day", 422)],
)  # fmt: skip
def test_dashboard_errors_answer_the_api_shape(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert set(response.json()) == {"ok", "error", "status"}


def test_dashboard_pages_have_no_inline_script(client: TestClient) -> None:
    for url in ("/", "/dyads/PAK/USA", "/events", "/events/ev1", "/documents/doc%3C1%3E"):
        page = html(client, url)
        for chunk in page.split("<script")[1:]:
            assert chunk.startswith((' src="/static/', ' type="application/json"')), chunk[:80]


def test_dashboard_serves_plotly_and_map_outlines_itself(client: TestClient) -> None:
    plotly = client.get("/static/plotly.min.js")
    assert plotly.status_code == 200
    assert plotly.text.startswith("/**\n* plotly.js v")
    outlines = client.get("/static/world_110m.json")
    assert outlines.status_code == 200
    assert outlines.json()["type"] == "Topology"
    script = client.get("/static/dyad.js").text
    assert 'topojsonURL: "/static/"' in script


def test_dashboard_static_refuses_path_traversal(client: TestClient) -> None:
    assert client.get("/static/../api/app.py").status_code == 404
    assert client.get("/static/%2e%2e/api/app.py").status_code == 404


def test_dashboard_assets_reference_no_other_host() -> None:
    root = Path(__file__).resolve().parents[1] / "src" / "bilat" / "web"
    for path in [*root.glob("templates/*.html"), *root.glob("static/*.js")]:
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text, path.name
        assert "https://" not in text, path.name


@pytest.fixture(scope="module")
def clustered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from test_exports import _clustered_store

    path = tmp_path_factory.mktemp("clusters") / "bilat.duckdb"
    _clustered_store(path)
    with TestClient(create_app(str(path))) as opened:
        yield opened


def test_dashboard_event_page_lists_all_reporting_articles(clustered: TestClient) -> None:
    page = html(clustered, "/events/aa01")
    assert "<h2>All reporting articles</h2>" in page
    assert "3 mentions in 3 articles from 2 sources." in page
    assert [page.count(f'href="/documents/{doc}"') for doc in ("c1", "c2", "c3", "c4")] == [
        1,
        1,
        1,
        0,
    ]
    assert '<a href="https://example.org/c2" rel="noopener noreferrer">original</a>' in page


def test_dashboard_event_list_and_dyad_page_link_downloads(clustered: TestClient) -> None:
    page = html(clustered, "/events?dyad=PAK,USA&limit=1")
    assert (
        'href="/api/export?format=gdelt&amp;what=events&amp;dyad=PAK%2CUSA&amp;order=date" download'
        in page
    )
    page = html(clustered, "/dyads/PAK/USA")
    assert 'href="/api/export?format=parquet&amp;what=events&amp;dyad=PAK,USA" download' in page


def test_dashboard_dyad_quotes_follow_the_newest_events_and_skip_other_speakers(
    tmp_path: Path,
) -> None:
    older = make_event("q1", "old", "PAKGOV", "USAGOV", date="2024-01-05")
    newer = make_event("q2", "new", "USAGOV", "PAKGOV", date="2025-03-01")
    said = Quote("old", "We keep talking", 0, 15, Actor("PAKGOV", "PAK", "GOV"), "Dar", 0)
    other = Quote("new", "Not our affair", 0, 14, Actor("CHNGOV", "CHN", "GOV"), "Wang", 0)
    asked = Quote("new", "Do more", 20, 27, Actor("USAGOV", "USA", "GOV"), "envoy", 0)
    path = tmp_path / "bilat.duckdb"
    with open_store(path) as store:
        store.add(
            [
                make_extraction("old", "Old text.", (older,), date="2024-01-05", quotes=(said,)),
                make_extraction(
                    "new", "New text.", (newer,), date="2025-03-01", quotes=(other, asked)
                ),
            ]
        )
        data = dyad_data(store, ("PAK", "USA"), "month")
    assert [(q["doc_id"], q["text"]) for q in data["quotes"]] == [
        ("new", "Do more"),
        ("old", "We keep talking"),
    ]
