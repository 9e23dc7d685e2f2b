"""Tests for the brief: exact figures on a small PAK–IND corpus, renderings, CLI and a browser.

The corpus is written straight into a store (no parsing), so every figure is known exactly.
"""

from __future__ import annotations

import builtins
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bilat.analytics import fill_periods
from bilat.brief import (
    BriefScope,
    PdfError,
    build_brief,
    chart_svg,
    headline,
    html_to_pdf,
    to_html,
)
from bilat.cli import app
from bilat.errors import InputError
from bilat.records import (
    Actor,
    DatePrecision,
    DateSource,
    Document,
    DocumentDate,
    Event,
    Extraction,
    Fact,
    Quote,
)
from bilat.store import Store, open_store
from conftest import make_event

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _event(ident: str, date: str, pair: tuple[str, str], cameo: str, g: float, quad: int) -> Event:
    names = {"042": "Make a visit", "036": "Express intent to meet", "190": "Use force"}
    return make_event(
        ident,
        "d-" + date,
        pair[0],
        pair[1],
        cameo=cameo,
        cameo_name=names.get(cameo, "Other"),
        quad=quad,
        goldstein=g,
        date=date,
        sentence=f"Report {ident}: {pair[0]} and {pair[1]} ({cameo}).",
        confidence=0.8,
    )


CORPUS = (
    _event("h1", "2025-03-05", ("PAKGOV", "INDGOV"), "036", 4.0, 1),
    _event("p1", "2025-04-10", ("PAKGOV", "INDGOV"), "042", 1.9, 1),
    _event("p2", "2025-04-20", ("INDMIL", "PAKMIL"), "190", -10.0, 4),
    _event("n1", "2025-05-05", ("PAKMIL", "INDMIL"), "190", -10.0, 4),
    _event("n2", "2025-05-06", ("INDGOV", "PAKGOV"), "111", -2.0, 3),
    _event("n3", "2025-05-12", ("PAKGOV", "INDGOV"), "036", 4.0, 1),
    _event("n4", "2025-05-20", ("PAKREB", "INDMIL"), "180", -9.0, 4),
    _event("n5", "2025-05-28", ("PAKGOV", "INDGOV"), "061", 6.4, 2),
    _event("x1", "2025-05-15", ("PAKGOV", "CHNGOV"), "042", 1.9, 1),
)


def _extraction(event: Event) -> Extraction:
    day = event.date or ""
    document = Document.from_text(
        f"A short report written for the brief tests about {event.id}.",
        doc_id=event.doc_id,
        title=f"Report of {day}",
        url=f"https://news.test/{event.id}",
        outlet="Test Desk",
    )
    date = DocumentDate(day, day, day, DatePrecision.DAY, DateSource.METADATA)
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    if event.id == "n4":
        facts = (
            Fact(event.doc_id, "killed", 3.0, None, None, "killed three guards", 0, 5, 0, "n4"),
        )
    if event.id == "n3":
        speaker = Actor("PAKGOV", "PAK", "GOV")
        quotes = (Quote(event.doc_id, "We are ready to talk", 0, 5, speaker, "the minister", 0),)
    return Extraction(document, date, events=(event,), facts=facts, quotes=quotes)


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Store]:
    """Yield a store holding the PAK–IND test corpus (and one PAK–CHN event)."""
    with open_store(tmp_path / "brief.duckdb") as store:
        store.add([_extraction(e) for e in CORPUS])
        yield store


SCOPE = BriefScope.parse(dyad=("PAK", "IND"), since="30d", until="2025-05-31")


def test_scope_parse_spans_and_previous_period() -> None:
    assert (
        BriefScope(("PAK", "IND"), None, "2025-05-02", "2025-05-31", "2025-04-02", "2025-05-01")
        == SCOPE
    )
    assert BriefScope.parse(actor="pak", since="2w", until="2025-05-31").since == "2025-05-18"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"since": "7d"}, "a brief covers one dyad or one actor; pass exactly one"),
        ({"actor": "PAK", "since": "soon"}, "since 'soon' is not a day"),
    ],
)
def test_scope_parse_rejects_bad_input(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError) as caught:
        BriefScope.parse(until="2025-05-31", **fields)
    assert message in str(caught.value)


def test_brief_headline_figures(corpus: Store) -> None:
    brief = build_brief(corpus, SCOPE)
    assert [(q.name, q.now, q.before) for q in brief.quads] == [
        ("verbal cooperation", 1, 1),
        ("material cooperation", 1, 0),
        ("verbal conflict", 1, 0),
        ("material conflict", 2, 1),
    ]
    assert (brief.goldstein_now, brief.goldstein_before) == (-2.12, -4.05)
    assert headline(brief) == (
        "5 events between 2025-05-02 and 2025-05-31 (2 in the 30 days before); "
        "mean Goldstein -2.12 (before -4.05)."
    )


def test_brief_ranks_events_and_finds_newcomers(corpus: Store) -> None:
    brief = build_brief(corpus, SCOPE)
    assert [t.event.id for t in brief.top] == ["n1", "n4", "n5", "n3", "n2"]
    assert [s.url for s in brief.top[0].sources] == ["https://news.test/n1"]
    assert brief.new_actors == ("PAKREB",)
    assert brief.first_contacts == (("INDMIL", "PAKREB"),)
    assert [(f.fact.kind, f.fact.value, f.date) for f in brief.facts] == [
        ("killed", 3.0, "2025-05-20")
    ]
    assert [(q.quote.text, q.date) for q in brief.quotes] == [
        ("We are ready to talk", "2025-05-12")
    ]


def test_brief_series_by_week(corpus: Store) -> None:
    brief = build_brief(corpus, SCOPE)
    assert [(r.start, r.events, r.goldstein_mean) for r in brief.series] == [
        ("2025-04-28", 0, None),
        ("2025-05-05", 2, -6.0),
        ("2025-05-12", 1, 4.0),
        ("2025-05-19", 1, -9.0),
        ("2025-05-26", 1, 6.4),
    ]


def test_chart_svg_is_inline_and_titled(corpus: Store) -> None:
    svg = chart_svg(build_brief(corpus, SCOPE).series)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="220"')
    assert svg.count("<rect ") == 10
    assert "<polyline " in svg


@pytest.mark.slow
def test_cli_brief_html_is_self_contained(corpus: Store, tmp_path: Path) -> None:
    db = str(getattr(corpus, "url", ""))
    corpus.close()
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(
        app,
        [
            "brief",
            "--dyad",
            "PAK,IND",
            "--since",
            "30d",
            "--until",
            "2025-05-31",
            "--format",
            "html",
            "-o",
            str(out),
            "--db",
            db,
        ],
    )
    page = out.read_text(encoding="utf-8")
    assert result.exit_code == 0, result.output
    assert '<p id="headline">5 events between 2025-05-02 and 2025-05-31' in page
    assert "<script" not in page
    assert "http://cdn" not in page
    assert "<link " not in page
    assert '<a href="https://news.test/n1">Report of 2025-05-05</a>' in page


def test_cli_brief_markdown_to_stdout(corpus: Store) -> None:
    db = str(getattr(corpus, "url", ""))
    corpus.close()
    result = CliRunner().invoke(
        app,
        [
            "brief",
            "--actor",
            "PAKREB",
            "--since",
            "2025-05-01",
            "--until",
            "2025-05-31",
            "--db",
            db,
        ],
    )
    assert result.output.splitlines()[:5] == [
        "# Brief: Pakistan rebels (actor PAKREB)",
        "",
        "*1 May 2025 to 31 May 2025, compared with 31 March 2025 to 30 April 2025. Events coded "
        "by bilat from news reports; Goldstein scores run from −10 (most conflictual) to +10 "
        "(most cooperative).*",
        "",
        "1 event between 2025-05-01 and 2025-05-31 (0 in the 31 days before); "
        "mean Goldstein -9.00 (before –).",
    ]


@pytest.mark.slow
def test_browser_renders_html_and_pdf(corpus: Store, tmp_path: Path) -> None:
    chromium, driver = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
    if not chromium.exists() or not driver.exists() or shutil.which("chromedriver") is None:
        pytest.skip("chromium or chromedriver not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    ARTIFACTS.mkdir(exist_ok=True)
    page = to_html(build_brief(corpus, SCOPE))
    html_path = ARTIFACTS / "brief.html"
    html_path.write_text(page, encoding="utf-8")
    pdf = html_to_pdf(page, ARTIFACTS / "brief.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=str(driver))
    browser = webdriver.Chrome(options=options, service=service)
    try:
        browser.get(html_path.as_uri())
        found = browser.find_element("id", "headline").text
        bars = browser.find_elements("css selector", "svg rect")
        browser.save_screenshot(str(ARTIFACTS / "brief-html.png"))
        browser.get(pdf.as_uri())
        browser.save_screenshot(str(ARTIFACTS / "brief-pdf.png"))
    finally:
        browser.quit()
    assert found.startswith("5 events between 2025-05-02 and 2025-05-31")
    assert len(bars) == 10
    assert (ARTIFACTS / "brief-html.png").stat().st_size > 10_000
    assert (ARTIFACTS / "brief-pdf.png").stat().st_size > 1_000


def test_cli_brief_dyad_html_names_actors_for_readers(corpus: Store) -> None:
    db = str(getattr(corpus, "url", ""))
    corpus.close()
    args = ["brief", "--dyad", "PAK,IND", "--since", "30d", "--until", "2025-05-31"]
    result = CliRunner().invoke(app, [*args, "--format", "html", "--db", db])
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "<h1>Brief: Pakistan and India (PAK–IND)</h1>" in page
    assert (
        '<p class="meta">2 May 2025 to 31 May 2025, compared with 2 April 2025 to 1 May 2025.'
        in (page)
    )
    assert page.index('id="headline"') < page.index("<table")
    assert "Pakistan government (PAKGOV) → India government (INDGOV)" in page
    assert "PAKGOV →" not in page


def test_actor_names_spell_codes() -> None:
    from bilat.brief.names import ActorNames
    from bilat.knowledge import Knowledge

    names = ActorNames(Knowledge.load())
    assert [names.code(c) for c in ("PAKGOV", "INDMIL", "USA", "XYZ", "PAKQQQ")] == [
        "PAKGOV (Pakistan government)",
        "INDMIL (India military)",
        "USA (United States)",
        "XYZ",
        "PAKQQQ",
    ]
    dar = Actor("PAKGOV", "PAK", "GOV", person="Ishaq Dar")
    assert names.actor(dar) == "Ishaq Dar, Pakistan government (PAKGOV)"
    assert names.scope(None, "PAK") == "Pakistan"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ticks(svg: str) -> list[str]:
    return re.findall(r'<text class="tick"[^>]*>([^<]*)</text>', svg)


@pytest.mark.parametrize(
    ("since", "until", "by", "ticks"),
    [
        ("2025-05-01", "2025-05-31", "week", ["28 Apr", "05 May", "12 May", "19 May", "26 May"]),
        (
            "2025-01-01",
            "2025-12-31",
            "month",
            [f"{m} 2025" for m in MONTHS[::2]],
        ),
        (
            "2024-01-01",
            "2025-12-31",
            "month",
            [f"{m} {y}" for y in (2024, 2025) for m in MONTHS[::3]],
        ),
        (
            "2020-01-01",
            "2025-12-31",
            "quarter",
            [
                "2020-Q1",
                "2020-Q4",
                "2021-Q3",
                "2022-Q2",
                "2023-Q1",
                "2023-Q4",
                "2024-Q3",
                "2025-Q2",
            ],
        ),
    ],
)
def test_brief_chart_period_and_ticks_follow_the_span(
    corpus: Store, since: str, until: str, by: str, ticks: list[str]
) -> None:
    brief = build_brief(corpus, BriefScope.parse(dyad=("PAK", "IND"), since=since, until=until))
    assert brief.by == by
    assert _ticks(chart_svg(brief.series, by=brief.by)) == ticks
    assert f"Events per {by}:" in chart_svg(brief.series, by=brief.by)


def test_chart_svg_labels_twelve_of_eighty_weeks() -> None:
    series = tuple(fill_periods([], "2024-01-01", "2025-07-13", "week"))
    assert len(series) == 80
    ticks = _ticks(chart_svg(series))
    assert len(ticks) == 12
    assert ticks[:3] == ["01 Jan", "19 Feb", "08 Apr"]


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed: the PDF cannot be read back")
    return found


def _pdf_info(pdf: Path) -> dict[str, str]:
    done = subprocess.run(
        [_poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True, timeout=60
    )
    return dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)


def _pdf_page_text(pdf: Path, page: int) -> str:
    """Return one page's text with runs of white space as one space (line breaks vary)."""
    command = [_poppler("pdftotext"), "-f", str(page), "-l", str(page), str(pdf), "-"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    return " ".join(done.stdout.split())


PDF_PAGES = [
    "Brief: Pakistan and India (PAK–IND) 2 May 2025 to 31 May 2025, compared with 2 April 2025 "
    "to 1 May 2025. Events coded by bilat from news reports; Goldstein scores run from −10 (most "
    "conflictual) to +10 (most cooperative). 5 events between 2025-05-02 and 2025-05-31 (2 in "
    "the 30 days before); mean Goldstein -2.12 (before -4.05). Trend: no clear trend: Goldstein "
    "mean +2.67 a week (95% CI −13.00 to +15.40); no change point Events This period Previous "
    "Change verbal cooperation 1 1 +0% material cooperation 1 0 new verbal conflict 1 0 new "
    "material conflict 2 1 +100% all events 5 2 +150% Week by week ■ cooperation ■ conflict ― "
    "mean Goldstein 2 0 28 Apr 05 May 12 May 19 May 26 May Most important events 1. 2025-05-05 "
    "· Pakistan military (PAKMIL) → India military (INDMIL) · Use force (190) · Goldstein -10 · "
    "1 article · confidence 0.80 Report n1: PAKMIL and INDMIL (190). Sources: Report of "
    "2025-05-05",
    "2. 2025-05-20 · Pakistan rebels (PAKREB) → India military (INDMIL) · Other (180) · "
    "Goldstein -9 · 1 article · confidence 0.80 Report n4: PAKREB and INDMIL (180). Sources: "
    "Report of 2025-05-20 3. 2025-05-28 · Pakistan government (PAKGOV) → India government "
    "(INDGOV) · Other (061) · Goldstein +6.4 · 1 article · confidence 0.80 Report n5: PAKGOV and "
    "INDGOV (061). Sources: Report of 2025-05-28 4. 2025-05-12 · Pakistan government (PAKGOV) → "
    "India government (INDGOV) · Express intent to meet (036) · Goldstein +4 · 1 article · "
    "confidence 0.80 Report n3: PAKGOV and INDGOV (036). Sources: Report of 2025-05-12 5. "
    "2025-05-06 · India government (INDGOV) → Pakistan government (PAKGOV) · Other (111) · "
    "Goldstein -2 · 1 article · confidence 0.80 Report n2: INDGOV and PAKGOV (111). Sources: "
    "Report of 2025-05-06 New actors and first-time contacts New actors: PAKREB (Pakistan "
    "rebels). First-time contacts: INDMIL (India military) – PAKREB (Pakistan rebels). "
    "Casualties, money and other figures • 2025-05-20: killed 3 — “killed three guards” Notable "
    "quotes • “We are ready to talk” — the minister (2025-05-12)",
]


def test_pdf_brief_prints_every_section_on_two_a4_pages(corpus: Store, tmp_path: Path) -> None:
    pdf = html_to_pdf(to_html(build_brief(corpus, SCOPE)), tmp_path / "brief.pdf")
    info = {key: value.strip() for key, value in _pdf_info(pdf).items()}
    assert (info["Title"], info["Pages"], info["Page size"]) == (
        "Brief: Pakistan and India (PAK–IND), 2025-05-02 to 2025-05-31",
        "2",
        "595.276 x 841.89 pts (A4)",
    )
    assert info["Producer"].startswith("WeasyPrint ")
    assert [_pdf_page_text(pdf, 1), _pdf_page_text(pdf, 2)] == PDF_PAGES


def test_pdf_brief_draws_the_chart_bars_and_line(corpus: Store, tmp_path: Path) -> None:
    image_module = pytest.importorskip("PIL.Image")
    pdf = html_to_pdf(to_html(build_brief(corpus, SCOPE)), tmp_path / "brief.pdf")
    command = [_poppler("pdftoppm"), "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf)]
    subprocess.run([*command, str(tmp_path / "page")], check=True, timeout=60)
    (png,) = tmp_path.glob("page*.png")
    pixels = image_module.open(png).convert("RGB").getcolors(1 << 20)
    chart = {(47, 125, 79): "cooperation", (179, 54, 43): "conflict", (31, 78, 140): "Goldstein"}
    assert sorted(chart[colour] for _, colour in pixels if colour in chart) == [
        "Goldstein",
        "conflict",
        "cooperation",
    ]


def test_pdf_error_when_weasyprint_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(PdfError) as caught:
        html_to_pdf("<p>brief</p>", tmp_path / "brief.pdf")
    assert str(caught.value) == (
        "[E610] WeasyPrint is not installed (import of weasyprint halted; None in sys.modules); "
        "install bilat's pinned dependencies (pip install --require-hashes -r requirements.lock) "
        "or write the brief with --format html"
    )
    assert not (tmp_path / "brief.pdf").exists()


def test_pdf_error_when_pango_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real_import = builtins.__import__

    def without_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            # What cffi raises when WeasyPrint's import cannot open Pango.
            raise OSError(
                "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared "
                "object file: No such file or directory"
            )
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_pango)
    with pytest.raises(PdfError) as caught:
        html_to_pdf("<p>brief</p>", tmp_path / "brief.pdf")
    assert str(caught.value) == (
        "[E610] WeasyPrint cannot load its system libraries (cannot load library "
        "'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: No such file or "
        "directory); install them with scripts/install-system-deps or apt-get install "
        "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core, or write the "
        "brief with --format html"
    )


def test_cli_brief_pdf_writes_the_file(corpus: Store, tmp_path: Path) -> None:
    db = str(getattr(corpus, "url", ""))
    corpus.close()
    args = ["brief", "--dyad", "PAK,IND", "--since", "30d", "--until", "2025-05-31", "--db", db]
    pdf = tmp_path / "brief.pdf"
    result = CliRunner().invoke(app, [*args, "--format", "pdf", "-o", str(pdf)])
    assert (result.exit_code, result.output) == (0, f"wrote {pdf}\n")
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_cli_brief_pdf_into_a_missing_folder_says_so(corpus: Store, tmp_path: Path) -> None:
    db = str(getattr(corpus, "url", ""))
    corpus.close()
    args = ["brief", "--dyad", "PAK,IND", "--since", "30d", "--until", "2025-05-31", "--db", db]
    pdf = tmp_path / "missing" / "brief.pdf"
    result = CliRunner().invoke(app, [*args, "--format", "pdf", "-o", str(pdf)])
    assert (result.exit_code, " ".join(result.output.split())) == (
        1,
        f"Error: [E610] cannot write {pdf}: folder {pdf.parent} does not exist; create it first",
    )
